import { pinyin } from 'pinyin-pro';

export interface NamePinyin {
  /** first letters, e.g. `zs` for 张三 */
  initials: string;
  /** whole syllables without tones, e.g. `zhangsan`; ü is written v (lv for 吕) */
  full: string;
}

/**
 * Pinyin keys used to find a member by name. Surname readings follow the surname table
 * (单 reads shan, not dan). Latin letters and digits in a name are kept as they are.
 */
export function namePinyin(name: string): NamePinyin {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' });
  // A Latin name ("Alice Wong") counts word by word, so `aw` finds it like `zs` finds 张三.
  const parts = syllables
    .flatMap((s) => s.toLowerCase().split(/\s+/))
    .map((s) => s.replace(/[^a-z0-9]/g, ''))
    .filter((s) => s.length > 0);
  return { initials: parts.map((p) => p[0]).join(''), full: parts.join('') };
}
