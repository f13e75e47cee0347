import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type MethodSpec } from '../../shared/contract/index';
import { ROLES, roleAtLeast } from '../../shared/roles';

// docs/roles.md against the contract, read back from the file as a reader sees it: every method
// a row, no row without a method, every mark right. Regenerate with `npm run docs:roles`.

const DOC = resolve(import.meta.dirname, '../../docs/roles.md');

/** What the contract says one row must read: access, a mark per role, and whether HQ answers it. */
function expectedCells(spec: MethodSpec): string[] {
  const may = (role: (typeof ROLES)[number]) => spec.access === 'public' || spec.access === 'staff' || roleAtLeast(role, spec.access);
  const atHq = spec.write === false || spec.atHq === true;
  return [spec.access, ...ROLES.map((r) => (may(r) ? '✓' : '–')), atHq ? '✓' : '–'];
}

/** Every disagreement between the table in `markdown` and the contract, as sentences; none when they agree. */
function tableProblems(markdown: string, methods: Record<string, MethodSpec>): string[] {
  const rows = new Map<string, string[]>();
  const problems: string[] = [];
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*`([\w.]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    if (rows.has(m[1])) problems.push(`${m[1]}: two rows`);
    rows.set(
      m[1],
      m[2].split('|').map((c) => c.trim()),
    );
  }
  for (const [name, spec] of Object.entries(methods)) {
    const cells = rows.get(name);
    if (!cells) problems.push(`${name}: missing from the table`);
    else if (cells.join(' | ') !== expectedCells(spec).join(' | '))
      problems.push(`${name}: reads ${cells.join(' | ')}, the contract says ${expectedCells(spec).join(' | ')}`);
  }
  for (const name of rows.keys()) if (!(name in methods)) problems.push(`${name}: in the table, not in the contract`);
  return problems;
}

const methods: Record<string, MethodSpec> = contract;
const doc = readFileSync(DOC, 'utf8');

describe('docs/roles.md', () => {
  it('has one row per contract method, each marked as the contract grants it (npm run docs:roles)', () => {
    expect(tableProblems(doc, methods)).toEqual([]);
    const header = doc.split('\n').find((l) => l.startsWith('| method |'));
    expect(header).toBe('| method | access | clerk 店员 | manager 店长 | admin 管理员 | HQ |');
  });

  it('fails a table with a method missing, a method gone, or a wrong mark', () => {
    const lines = doc.split('\n');
    const without = lines.filter((l) => !l.startsWith('| `points.adjust` |')).join('\n');
    expect(tableProblems(without, methods)).toEqual(['points.adjust: missing from the table']);

    const withGone = `${doc}| \`members.teleport\` | clerk | ✓ | ✓ | ✓ | – |\n`;
    expect(tableProblems(withGone, methods)).toEqual(['members.teleport: in the table, not in the contract']);

    const clerkAdjusts = doc.replace('| `points.adjust` | manager | – |', '| `points.adjust` | manager | ✓ |');
    expect(clerkAdjusts).not.toBe(doc);
    expect(tableProblems(clerkAdjusts, methods)).toEqual([
      'points.adjust: reads manager | ✓ | ✓ | ✓ | –, the contract says manager | – | ✓ | ✓ | –',
    ]);

    const hqSells = doc.replace(/(\| `purchases\.record` \|.*)– \|$/m, '$1✓ |');
    expect(tableProblems(hqSells, methods)).toHaveLength(1);

    // The contract changing under an unchanged table fails as well: a method made admin-only.
    const stricter = { ...methods, 'points.adjust': { ...methods['points.adjust'], access: 'admin' as const } };
    expect(tableProblems(doc, stricter)).toHaveLength(1);
  });
});
