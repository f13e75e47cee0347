import { openDatabase, schemaVersion, type DB } from './connection';
import { applyHqLayout } from './hq-layout';
import { branchQueries } from './queries/core/branch';
import { closing, isWord, lines, listIn, nextOpen, oneLine, tokenize, trim, unquote, type Token } from './sql-text';

/**
 * The schema snapshot (docs/schema.md): what a fresh branch database and a fresh HQ database
 * hold, written out as text that reads well in a diff, and checked in under db/schema/. A test
 * compares it with the live schema, so a migration that changes a table, an index (its
 * uniqueness, its WHERE) or a trigger has to change the snapshot on purpose, in the same commit,
 * where a reviewer sees it; weakening a unique rule by accident can no longer pass every test.
 *
 * It is read back from SQLite itself (sqlite_master and the table_info, foreign_key_list,
 * index_list and index_xinfo pragmas), so how a migration happened to be formatted does not
 * matter; only what SQLite keeps as text alone (CHECK constraints, a column's collation, an
 * expression in an index, a partial index's WHERE, a trigger's body) is taken from its SQL.
 */

export type DatabaseKind = 'branch' | 'hq';

/** Where each snapshot is kept, from the repository's root. */
export const SCHEMA_SNAPSHOTS: Record<DatabaseKind, string> = {
  branch: 'db/schema/branch.txt',
  hq: 'db/schema/hq.txt',
};

/** The snapshot a fresh database of this kind has now: what the checked-in file must say. */
export function freshSchema(kind: DatabaseKind): string {
  // The app's own opening: every migration, then, for an HQ, what setting one up does to it.
  const db = openDatabase(':memory:', { hq: kind === 'hq' });
  try {
    if (kind === 'hq') setUpAsHq(db);
    return schemaSnapshot(db, kind);
  } finally {
    db.close();
  }
}

/** The snapshot file's text for a database of this kind: a few lines on what it is, then its schema. */
export function schemaSnapshot(db: DB, kind: DatabaseKind): string {
  const what = kind === 'hq' ? 'an HQ database as setup.init makes it' : 'a fresh branch database';
  return [
    `# The schema of ${what}, at schema version ${schemaVersion(db)}.`,
    '# Written by `npm run schema:snapshot` (db/schema-snapshot.ts); checked by test/db/schema-snapshot.test.ts.',
    '# A change here comes with the migration that made it (docs/schema.md).',
    '',
    describeSchema(db),
  ].join('\n');
}

/** What setup.init does to the schema of an HQ (services/setup.ts): it becomes one, then takes HQ's layout. */
function setUpAsHq(db: DB): void {
  const branches = branchQueries(db);
  branches.insert({ id: 'hq', code: 'HQ', name: '总部', kind: 'hq', created_at: '2026-01-01T00:00:00.000Z' });
  branches.setSetting('self_branch_id', 'hq');
  applyHqLayout(db);
}

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Every table (with its indexes and triggers) and view, by name, one fact a line. */
export function describeSchema(db: DB): string {
  const objects = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as SchemaObject[];
  const blocks: string[] = [];
  for (const table of objects.filter((o) => o.type === 'table')) {
    const own = (type: SchemaObject['type']) => objects.filter((o) => o.type === type && o.tbl_name === table.name);
    blocks.push(
      [...describeTable(db, table), ...describeIndexes(db, table.name, own('index')), ...own('trigger').flatMap(describeTrigger)].join(
        '\n',
      ),
    );
  }
  for (const view of objects.filter((o) => o.type === 'view'))
    blocks.push([`VIEW ${view.name}`, ...body(view.sql).map((line) => `  ${line}`)].join('\n'));
  // Triggers on a view (INSTEAD OF) belong to no table.
  const tables = new Set(objects.filter((o) => o.type === 'table').map((o) => o.name));
  for (const trigger of objects.filter((o) => o.type === 'trigger' && !tables.has(o.tbl_name)))
    blocks.push(describeTrigger(trigger).join('\n'));
  return blocks.join('\n\n') + '\n';
}

interface ColumnInfo {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

interface ForeignKey {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

function describeTable(db: DB, table: SchemaObject): string[] {
  const shape = db.prepare('SELECT wr, strict FROM pragma_table_list WHERE schema = ? AND name = ?').get('main', table.name) as {
    wr: number;
    strict: number;
  };
  const columns = db
    .prepare('SELECT cid, name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid')
    .all(table.name) as ColumnInfo[];
  const keys = db
    .prepare('SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq')
    .all(table.name) as ForeignKey[];
  const written = tableDefinition(table.sql ?? '');
  const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const foreignKeys = new Map<number, ForeignKey[]>();
  for (const k of keys) foreignKeys.set(k.id, [...(foreignKeys.get(k.id) ?? []), k]);
  const singleKeys = (column: string) => [...foreignKeys.values()].filter((k) => k.length === 1 && k[0].from === column);

  const out = [`TABLE ${table.name}${shape.wr ? ' WITHOUT ROWID' : ''}${shape.strict ? ' STRICT' : ''}`];
  for (const c of columns) {
    const own = written.columns.get(c.name.toLowerCase());
    const parts = [c.name, c.type];
    if (c.notnull) parts.push('NOT NULL');
    if (c.dflt_value !== null) parts.push(`DEFAULT ${c.dflt_value}`);
    if (primaryKey.length === 1 && c.pk === 1) parts.push('PRIMARY KEY');
    if (own?.collate) parts.push(`COLLATE ${own.collate}`);
    parts.push(...(own?.checks ?? []));
    parts.push(...singleKeys(c.name).map(references));
    out.push('  ' + parts.filter((p) => p !== '').join(' '));
  }
  if (primaryKey.length > 1) out.push(`  PRIMARY KEY (${primaryKey.map((c) => c.name).join(', ')})`);
  for (const key of foreignKeys.values())
    if (key.length > 1) out.push(`  FOREIGN KEY (${key.map((k) => k.from).join(', ')}) ${references(key)}`);
  for (const check of written.checks) out.push(`  ${check}`);
  return out;
}

function references(key: ForeignKey[]): string {
  const to = key.every((k) => k.to !== null) ? `(${key.map((k) => k.to).join(', ')})` : '';
  const actions = [
    key[0].on_update !== 'NO ACTION' ? ` ON UPDATE ${key[0].on_update}` : '',
    key[0].on_delete !== 'NO ACTION' ? ` ON DELETE ${key[0].on_delete}` : '',
  ];
  return `REFERENCES ${key[0].table}${to}${actions.join('')}`;
}

const TABLE_CONSTRAINTS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];

/**
 * What only a table's SQL says: each column's collation and CHECKs, and the table's own CHECKs
 * (its UNIQUE and PRIMARY KEY constraints show as indexes and key positions, its foreign keys
 * in the pragma).
 */
function tableDefinition(sql: string): { columns: Map<string, { collate: string | null; checks: string[] }>; checks: string[] } {
  const tokens = tokenize(sql);
  const columns = new Map<string, { collate: string | null; checks: string[] }>();
  const checks: string[] = [];
  const open = nextOpen(tokens);
  if (open < 0) return { columns, checks };
  for (const part of listIn(tokens, open)) {
    if (TABLE_CONSTRAINTS.some((word) => isWord(part[0], word))) {
      checks.push(...checksIn(part));
      continue;
    }
    const collateAt = outsideParentheses(part).findIndex((t) => isWord(t, 'COLLATE'));
    const collate =
      collateAt < 0
        ? null
        : (outsideParentheses(part)
            .slice(collateAt + 1)
            .find((t) => t.kind === 'word' || t.kind === 'quoted')?.text ?? null);
    columns.set(unquote(part[0]?.text ?? '').toLowerCase(), { collate: collate && unquote(collate).toUpperCase(), checks: checksIn(part) });
  }
  return { columns, checks };
}

/** The tokens with whatever parentheses hold left out (a CHECK may say COLLATE of its own). */
function outsideParentheses(tokens: Token[]): Token[] {
  let depth = 0;
  return tokens.filter((t) => {
    if (t.kind === 'punct' && t.text === '(') depth++;
    const outside = depth === 0;
    if (t.kind === 'punct' && t.text === ')') depth--;
    return outside;
  });
}

function checksIn(tokens: Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'CHECK')) continue;
    const open = nextOpen(tokens, i);
    const end = closing(tokens, open);
    out.push(`CHECK ${oneLine(tokens.slice(open, end))}`);
    i = end - 1;
  }
  return out;
}

interface IndexInfo {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
}

interface IndexColumn {
  cid: number;
  name: string | null;
  desc: number;
  coll: string;
}

/**
 * A table's indexes by name: uniqueness, columns in order (with any DESC or collation) and a
 * partial index's WHERE. A UNIQUE constraint's index is shown without the name SQLite made up
 * for it; the primary key's is the key itself, shown with the columns.
 */
function describeIndexes(db: DB, table: string, created: SchemaObject[]): string[] {
  const indexes = db.prepare('SELECT name, "unique", origin FROM pragma_index_list(?)').all(table) as IndexInfo[];
  const out: Array<{ name: string; line: string }> = [];
  for (const index of indexes) {
    if (index.origin === 'pk') continue;
    const sql = created.find((o) => o.name === index.name)?.sql ?? null;
    const written = sql ? indexDefinition(sql) : { terms: [], where: null };
    const keyColumns = db
      .prepare('SELECT cid, name, "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno')
      .all(index.name) as IndexColumn[];
    const columns = keyColumns.map((c, i) => {
      // An expression (cid -2) is only in the SQL; it carries its own COLLATE and DESC there.
      if (c.cid === -2) return written.terms[i] ?? '?';
      return [
        c.cid === -1 ? 'rowid' : c.name,
        c.coll.toUpperCase() !== 'BINARY' ? `COLLATE ${c.coll.toUpperCase()}` : '',
        c.desc ? 'DESC' : '',
      ]
        .filter((p) => p)
        .join(' ');
    });
    const unique = index.unique ? 'UNIQUE ' : '';
    const head = index.origin === 'u' ? 'UNIQUE' : `${unique}INDEX ${index.name}`;
    out.push({
      name: index.origin === 'u' ? '' : index.name,
      line: `  ${head} (${columns.join(', ')})${written.where ? ` WHERE ${written.where}` : ''}`,
    });
  }
  const order = (a: { name: string; line: string }, b: { name: string; line: string }) =>
    a.name === b.name ? (a.line < b.line ? -1 : 1) : a.name < b.name ? -1 : 1;
  return out.sort(order).map((index) => index.line);
}

function indexDefinition(sql: string): { terms: string[]; where: string | null } {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => isWord(t, 'ON'));
  const open = on < 0 ? -1 : nextOpen(tokens, on);
  if (open < 0) return { terms: [], where: null };
  const end = closing(tokens, open);
  const rest = trim(tokens.slice(end));
  return { terms: listIn(tokens, open).map(oneLine), where: isWord(rest[0], 'WHERE') ? oneLine(rest.slice(1)) : null };
}

function describeTrigger(trigger: SchemaObject): string[] {
  return [`  TRIGGER ${trigger.name}`, ...body(trigger.sql).map((line) => `    ${line}`)];
}

/** A trigger's or view's SQL as it was written, line by line, without comments or indents. */
function body(sql: string | null): string[] {
  return lines(tokenize(sql ?? ''));
}
