import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../../shared/contract/jobs';

// Issue 16 asks for a table of every job kind, each with a kill-after-k test: docs/jobs.md has
// the table, and this keeps it whole. A kind added without its row, or a row naming a test that
// is not there (or does not use expectResumesAlike), fails here.

const ROOT = resolve(import.meta.dirname, '../..');
const rows = readFileSync(join(ROOT, 'docs/jobs.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('| `'));

describe('docs/jobs.md', () => {
  it.each(JOB_KINDS)('has a row for %s naming its kill-after-k test, which exists and resumes the job', (kind) => {
    const row = rows.find((line) => line.startsWith(`| \`${kind}\` |`));
    expect(row, `no row for ${kind} in docs/jobs.md`).toBeDefined();
    const named = /`(test\/[^`]+\.test\.ts)` › ([^…|]+)/.exec(row!);
    expect(named, `the row for ${kind} names no test`).not.toBeNull();
    const [, file, title] = named!;
    const source = readFileSync(join(ROOT, file), 'utf8');
    expect(source).toContain(title.trim());
    expect(source).toContain('expectResumesAlike');
  });
});
