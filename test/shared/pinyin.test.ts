import { describe, expect, it } from 'vitest';
import { namePinyin } from '../../shared/pinyin';

describe('namePinyin', () => {
  it('gives initials and whole syllables without tones', () => {
    expect(namePinyin('张三')).toEqual({ initials: 'zs', full: 'zhangsan' });
    expect(namePinyin('张述')).toEqual({ initials: 'zs', full: 'zhangshu' });
    expect(namePinyin('王小明')).toEqual({ initials: 'wxm', full: 'wangxiaoming' });
  });

  it('reads surnames by the surname table, not the common reading', () => {
    // 单 is dan in 单独 but shan as a surname; 曾 is ceng in 曾经 but zeng as a surname.
    expect(namePinyin('单雄信')).toEqual({ initials: 'sxx', full: 'shanxiongxin' });
    expect(namePinyin('曾小贤')).toEqual({ initials: 'zxx', full: 'zengxiaoxian' });
  });

  it('writes ü as v', () => {
    expect(namePinyin('吕布')).toEqual({ initials: 'lb', full: 'lvbu' });
    expect(namePinyin('女娲').full).toBe('nvwa');
  });

  it('reads a compound surname as two syllables', () => {
    expect(namePinyin('欧阳明')).toEqual({ initials: 'oym', full: 'ouyangming' });
    expect(namePinyin('司马光')).toEqual({ initials: 'smg', full: 'simaguang' });
  });

  it('takes a Latin name word by word, lower-cased', () => {
    expect(namePinyin('Alice Wong')).toEqual({ initials: 'aw', full: 'alicewong' });
  });

  it('mixes Chinese and Latin parts', () => {
    expect(namePinyin('李Lily')).toEqual({ initials: 'll', full: 'lilily' });
    expect(namePinyin('张3')).toEqual({ initials: 'z3', full: 'zhang3' });
  });

  it('ignores spaces and punctuation inside a Chinese name', () => {
    expect(namePinyin('王 小明')).toEqual({ initials: 'wxm', full: 'wangxiaoming' });
    expect(namePinyin('王·小明')).toEqual({ initials: 'wxm', full: 'wangxiaoming' });
  });

  it('gives empty keys for an empty name', () => {
    expect(namePinyin('')).toEqual({ initials: '', full: '' });
  });
});
