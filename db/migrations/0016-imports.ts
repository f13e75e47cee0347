/**
 * Imports of a store's existing members and sales (issue 17, docs/import.md). `imports` holds
 * one file's import from opening to its end: the file as read, the mapping, the preview's
 * counts, the manager's consent declaration and the job that wrote it. `import_rows` stages
 * every row of the preview, cleaned, with what the import will do with it; the job reads it and
 * writes down what it did (the member or sale made, the values an update replaced), which is
 * what undoes an import cancelled half-way. A store's rows are dropped once the import ends;
 * the refused ones stay for the download of rejected rows.
 *
 * `import_sale_keys`: every sale an import wrote, by its key (the receipt number, or the row's
 * content and its place among identical rows of its file), so the same file or the till's next
 * daily export never counts a sale twice.
 */
export const sql = /* sql */ `
CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('members', 'sales')),
  state TEXT NOT NULL CHECK (state IN ('opened', 'previewing', 'previewed', 'importing', 'done', 'cancelled', 'failed')),
  file_name TEXT NOT NULL,
  upload TEXT,
  file_json TEXT NOT NULL,
  sample_json TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  mapping_remembered INTEGER NOT NULL DEFAULT 0 CHECK (mapping_remembered IN (0, 1)),
  year_last TEXT CHECK (year_last IN ('monthFirst', 'dayFirst')),
  counts_json TEXT,
  notices_json TEXT,
  cleaning_json TEXT,
  options_json TEXT,
  job_id TEXT REFERENCES jobs(id),
  consent_by TEXT REFERENCES staff(id),
  consent_at TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES staff(id),
  updated_at TEXT NOT NULL
);
CREATE INDEX imports_created ON imports (created_at);

CREATE TABLE import_rows (
  import_id TEXT NOT NULL REFERENCES imports(id),
  row INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'skip', 'invalid')),
  member_id TEXT,
  values_json TEXT,
  cells_json TEXT NOT NULL,
  problems_json TEXT,
  steps_json TEXT,
  duplicate_json TEXT,
  sale_key TEXT,
  written_id TEXT,
  before_json TEXT,
  PRIMARY KEY (import_id, row)
) WITHOUT ROWID;
CREATE INDEX import_rows_duplicates ON import_rows (import_id, row) WHERE duplicate_json IS NOT NULL;
CREATE INDEX import_rows_problems ON import_rows (import_id, row) WHERE problems_json IS NOT NULL;

CREATE TABLE import_sale_keys (
  key TEXT PRIMARY KEY,
  purchase_id TEXT NOT NULL REFERENCES purchases(id),
  import_id TEXT NOT NULL REFERENCES imports(id)
) WITHOUT ROWID;
CREATE INDEX import_sale_keys_import ON import_sale_keys (import_id);
`;
