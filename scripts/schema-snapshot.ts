import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { freshSchema, SCHEMA_SNAPSHOTS, type DatabaseKind } from '../db/schema-snapshot';

// `npm run schema:snapshot`: rewrites db/schema/branch.txt and db/schema/hq.txt from a fresh
// database of each kind, after a migration (or HQ's layout) changed the schema on purpose.
// Commit the files with the change: their diff is the schema change a reviewer reads
// (docs/schema.md).

const root = resolve(import.meta.dirname, '..');
for (const kind of Object.keys(SCHEMA_SNAPSHOTS) as DatabaseKind[]) {
  const file = resolve(root, SCHEMA_SNAPSHOTS[kind]);
  const text = freshSchema(kind);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (before === text) {
    console.log(`${SCHEMA_SNAPSHOTS[kind]}: unchanged`);
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`${SCHEMA_SNAPSHOTS[kind]}: ${before === null ? 'written' : 'rewritten'} (see git diff)`);
}
