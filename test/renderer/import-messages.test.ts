import { describe, expect, it } from 'vitest';
import { importEn, importZh } from '../../renderer/features/import/messages';
import { CLEAN_RULES, REFUSAL_REASONS } from '../../shared/import/cleaning';
import { MEMBER_FIELDS } from '../../shared/import/columns';
import { SALE_FIELDS } from '../../shared/import/sale-columns';
import { DUPLICATE_BASES } from '../../shared/import/duplicates';
import { ROW_REASONS } from '../../shared/contract/import';
import { translator } from './translator';

type Tree = { [key: string]: string | Tree };

/** The dotted keys of a messages tree, as i18next reads them. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

describe('the import’s messages', () => {
  const languages = [
    ['zh-CN', importZh],
    ['en', importEn],
  ] as const;

  it.each(languages)('%s names every cleaning step, and no step that does not exist', (_lng, messages) => {
    expect([...leaves(messages.rules).keys()].sort()).toEqual([...CLEAN_RULES].sort());
  });

  it.each(languages)('%s says every reason a value or a row is refused, and no reason that does not exist', (_lng, messages) => {
    expect([...leaves(messages.refusals).keys()].sort()).toEqual([...REFUSAL_REASONS, ...ROW_REASONS].sort());
  });

  it.each(languages)('%s names every field of a member and a sales file, and every duplicate basis', (_lng, messages) => {
    expect(Object.keys(messages.fields).sort()).toEqual([...new Set([...MEMBER_FIELDS, ...SALE_FIELDS])].sort());
    expect(Object.keys(messages.duplicateBases).sort()).toEqual([...DUPLICATE_BASES].sort());
  });

  it('reads as the preview will ask for it, with the limit a value broke', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    expect(zh('import.rules.phone.countryCode')).toBe('去掉国家代码 +86 / 0086');
    expect(en('import.rules.phone.countryCode')).toBe('Country code +86 / 0086 removed');
    expect(zh('import.refusals.text.tooLong', { limit: 40 })).toBe('太长：最多 40 个字');
    expect(en('import.refusals.tags.tooMany', { limit: 20 })).toBe('More than 20 tags');
    for (const reason of [...REFUSAL_REASONS, ...ROW_REASONS]) {
      expect(zh(`import.refusals.${reason}`), reason).not.toBe(`import.refusals.${reason}`);
      expect(en(`import.refusals.${reason}`), reason).not.toBe(`import.refusals.${reason}`);
    }
    for (const rule of CLEAN_RULES) {
      expect(zh(`import.rules.${rule}`), rule).not.toBe(`import.rules.${rule}`);
      expect(en(`import.rules.${rule}`), rule).not.toBe(`import.rules.${rule}`);
    }
  });
});
