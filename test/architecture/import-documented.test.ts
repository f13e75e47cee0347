import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_RULES, REFUSAL_REASONS } from '../../shared/import/cleaning';
import { MEMBER_FIELD_DEFINITIONS, MEMBER_FIELDS } from '../../shared/import/columns';
import { SALE_FIELD_DEFINITIONS, SALE_FIELDS } from '../../shared/import/sale-columns';
import { ROW_REASONS } from '../../shared/contract/import';

// docs/import.md is where a store's helper reads what the import does to a value and which
// headers it knows; this keeps it whole: a rule, a reason or a synonym added without its line fails.

const ROOT = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(ROOT, 'docs/import.md'), 'utf8');
const rowOf = (field: string) => doc.split('\n').find((line) => line.startsWith(`| \`${field}\``)) ?? '';

describe('docs/import.md', () => {
  it.each([...CLEAN_RULES, ...REFUSAL_REASONS, ...ROW_REASONS])('names %s', (code) => {
    expect(doc).toContain(`\`${code}\``);
  });

  it.each(MEMBER_FIELDS)('lists every header synonym and unlike word of the member field %s', (field) => {
    const cells = rowOf(field).split('|');
    expect(cells.length, `no row for ${field}`).toBeGreaterThan(3);
    expect(cells[2].split(',').map((s) => s.trim())).toEqual(MEMBER_FIELD_DEFINITIONS[field].synonyms);
    expect(cells[3].split(',').map((s) => s.trim())).toEqual([...(MEMBER_FIELD_DEFINITIONS[field].unlike ?? [''])]);
  });

  it.each(SALE_FIELDS.filter((f) => f !== 'phone' && f !== 'cardNo'))('lists every header synonym of the sales field %s', (field) => {
    const cells = doc
      .split('\n')
      .filter((line) => line.startsWith(`| \`${field}\``))
      .at(-1)!
      .split('|');
    expect(cells[2].split(',').map((s) => s.trim())).toEqual(SALE_FIELD_DEFINITIONS[field].synonyms);
    expect(cells[3].split(',').map((s) => s.trim())).toEqual([...(SALE_FIELD_DEFINITIONS[field].unlike ?? [''])]);
  });
});
