import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The audit actions the services write, read out of their source: the audit page must have words
// for each (audit-text.test.ts), and its walk must reach each (audit-walk.test.ts).

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The actions the services write: each `action: '…'` literal, and the names handed to the few
 * helpers that write the row for their caller; the templated ones spelled out (feedback.${to},
 * tiers.${why}).
 */
export function writtenActions(): string[] {
  const found = new Set<string>();
  const patterns = [
    /action: '([a-zA-Z]+\.[a-zA-Z_]+)'/g,
    /change\(db, ctx, '([a-zA-Z]+\.[a-zA-Z_]+)'/g,
    /audit\(db, ctx, '([a-zA-Z]+\.[a-zA-Z_]+)'/g,
    /backupFirst\(ctx, '([a-zA-Z]+\.[a-zA-Z_]+)'/g,
  ];
  for (const file of [...sourceFiles('services'), 'scripts/restore.ts']) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]);
  }
  for (const to of ['in_progress', 'resolved', 'closed']) found.add(`feedback.${to}`);
  for (const why of ['upgrade', 'downgrade', 'renew', 'reassess']) found.add(`tiers.${why}`);
  return [...found].sort();
}
