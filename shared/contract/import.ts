import { z } from 'zod';
import { asyncMethod, method } from './define';
import { Id, IsoTime, UploadToken } from './common';
import { CLEAN_RULES, REFUSAL_REASONS } from '../import/cleaning';
import { MEMBER_FIELDS } from '../import/columns';
import { SALE_FIELDS } from '../import/sale-columns';
import { DUPLICATE_BASES } from '../import/duplicates';

// Bringing a store's existing members and sales history in (docs/import.md): the file is stored
// first (an upload token), opened (its header and first rows, a guessed mapping), previewed
// (every row cleaned, checked and staged, nothing written to the store's records), then imported
// by a background job (`import.members`, `import.sales`) that a cancel undoes whole.

export const IMPORT_KINDS = ['members', 'sales'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * opened → previewing → previewed → importing → done; cancelled from any of them (an import
 * cancelled while importing is undone first); failed when its preview or job failed.
 */
export const IMPORT_STATES = ['opened', 'previewing', 'previewed', 'importing', 'done', 'cancelled', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export const ImportFieldName = z.enum([...new Set([...MEMBER_FIELDS, ...SALE_FIELDS])] as [string, ...string[]]);

/** One column's field, or null for a column left out; one per header, in order. */
export const ImportMapping = z.array(ImportFieldName.nullable()).max(500);

/** Reasons a row is refused beyond its cells' cleaning (a sale for no member, a name clash). */
export const ROW_REASONS = ['member.notFound', 'sale.zeroAmount', 'card.taken', 'phone.taken'] as const;
export const ImportReason = z.enum([...REFUSAL_REASONS, ...ROW_REASONS]);
export type ImportReason = z.infer<typeof ImportReason>;

export const ImportFileShape = z.object({
  kind: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()).nullable(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
});

export const ImportCounts = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** valid rows by what the import does with them */
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
  /** pairs within the file and against the database; possible ones wait for a choice */
  duplicatePairs: z.number().int(),
  possibleDuplicates: z.number().int(),
});

export type ImportCounts = z.infer<typeof ImportCounts>;

/** What the preview found worth saying before anything is written. */
export const ImportNotices = z.object({
  /** members: rows with 余额 (stored value), and its total in fen: read, not imported */
  storedValueRows: z.number().int(),
  storedValueFen: z.number().int(),
  /** members: opening points on valid rows, and their total */
  pointsRows: z.number().int(),
  points: z.number().int(),
  /** members: tier names in the file that match no tier of the store (those members get the computed tier) */
  unknownTiers: z.array(z.string()),
  /** sales: valid sales whose member's opening points came from a file (they never earn for history) */
  salesOfImportedBalances: z.number().int(),
  /** sales: already imported (the same receipt or the same row of an earlier file) */
  alreadyImported: z.number().int(),
  /** sales: rows repeating a receipt number an earlier row of the file has (left out: a receipt counts once) */
  repeatedReceipts: z.number().int(),
  /** the earliest and latest sale date of the valid rows */
  firstSale: z.string().nullable(),
  lastSale: z.string().nullable(),
  /** the sum of valid sales in fen */
  salesFen: z.number().int(),
});

export type ImportNotices = z.infer<typeof ImportNotices>;

/** How often each cleaning rule changed a value, with one example. */
export const ImportCleaningSummary = z.array(
  z.object({ rule: z.enum(CLEAN_RULES), count: z.number().int(), example: z.object({ before: z.string(), after: z.string() }) }),
);

export const ImportSession = z.object({
  id: Id,
  kind: z.enum(IMPORT_KINDS),
  state: z.enum(IMPORT_STATES),
  fileName: z.string(),
  file: ImportFileShape,
  mapping: ImportMapping,
  /** the mapping came from the last import's, not from the headers' guess */
  mappingRemembered: z.boolean(),
  yearLast: z.enum(['monthFirst', 'dayFirst']).nullable(),
  /** the first rows as they are in the file, for the mapping step */
  sample: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  counts: ImportCounts.nullable(),
  notices: ImportNotices.nullable(),
  cleaning: ImportCleaningSummary,
  jobId: Id.nullable(),
  /** what the job did: created, updated, skipped, points, sales, … */
  result: z.record(z.string(), z.number()),
  consent: z.object({ byName: z.string(), at: IsoTime }).nullable(),
  createdAt: IsoTime,
  createdByName: z.string().nullable(),
  error: z.string().nullable(),
});
export type ImportSession = z.infer<typeof ImportSession>;

export const ImportProblem = z.object({
  row: z.number().int(),
  /** the column's header, or null for a reason about the whole row */
  column: z.string().nullable(),
  value: z.string(),
  reason: ImportReason,
  limit: z.number().int().nullable(),
});

const MemberSide = z.object({
  memberId: Id,
  name: z.string(),
  phone: z.string(),
  cardNo: z.string(),
  birthday: z.string().nullable(),
  pointsBalance: z.number().int(),
  createdAt: IsoTime,
});
const FileSide = z.object({
  row: z.number().int(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  cardNo: z.string().nullable(),
  birthday: z.string().nullable(),
  points: z.number().int().nullable(),
});

export const DUPLICATE_CHOICES = ['update', 'skip', 'create'] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

export const ImportDuplicate = z.object({
  /** the file row the choice is for */
  row: z.number().int(),
  bases: z.array(z.enum(DUPLICATE_BASES)),
  certain: z.boolean(),
  file: FileSide,
  /** the member already in the store, or the earlier row of the same file */
  other: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('member'), member: MemberSide }),
    z.object({ kind: z.literal('row'), row: FileSide }),
  ]),
  /**
   * update: the existing member takes the file's values (not its points); skip: the row is left
   * out; create: a member of its own, to merge later if need be. A certain duplicate of an
   * earlier row of the file can only be skipped (the earlier row is the one imported).
   */
  choice: z.enum(DUPLICATE_CHOICES),
  choices: z.array(z.enum(DUPLICATE_CHOICES)),
});

const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) };

const Opened = z.strictObject({ id: Id });

export const importContract = {
  /**
   * Opens a stored file as an import of members or sales: its header and first rows, and a
   * mapping from the last import's (when it had the same headers) or guessed from the headers.
   * A file that is not a table is refused whole (IMPORT_BAD_FILE).
   */
  'import.open': asyncMethod({
    input: z.strictObject({
      kind: z.enum(IMPORT_KINDS),
      fileName: z.string().trim().min(1).max(255),
      upload: UploadToken,
      sheet: z.string().max(100).optional(),
    }),
    output: ImportSession,
    access: 'manager',
    write: 'own',
  }),
  /**
   * Reads the whole file under the mapping: every row cleaned and checked, duplicates found in
   * the file and against the store, and staged; nothing of the store's records is written. Run
   * again after a change of mapping. Runs on a thread of its own.
   */
  'import.preview': asyncMethod({
    ownThread: 'reader',
    input: z.strictObject({ id: Id, mapping: ImportMapping, yearLast: z.enum(['monthFirst', 'dayFirst']).nullable().default(null) }),
    output: ImportSession,
    access: 'manager',
    write: 'own',
  }),
  'import.get': method({ input: Opened, output: ImportSession, access: 'manager', write: false }),
  /** The imports of this store, newest first. */
  'import.list': method({
    input: z.strictObject(Paging),
    output: z.object({ items: z.array(ImportSession.omit({ sample: true, cleaning: true })), total: z.number().int() }),
    access: 'manager',
    write: false,
  }),
  /** The refused values of a preview, in row order. */
  'import.problems': method({
    input: z.strictObject({ id: Id, ...Paging }),
    output: z.object({ items: z.array(ImportProblem), total: z.number().int() }),
    access: 'manager',
    write: false,
  }),
  /** The cleaning a preview applied, value by value, in row order (rule filter optional). */
  'import.steps': method({
    input: z.strictObject({ id: Id, rule: z.enum(CLEAN_RULES).optional(), ...Paging }),
    output: z.object({
      items: z.array(
        z.object({ row: z.number().int(), column: z.string(), rule: z.enum(CLEAN_RULES), before: z.string(), after: z.string() }),
      ),
      total: z.number().int(),
    }),
    access: 'manager',
    write: false,
  }),
  /** The duplicates a preview found, each with its choice. */
  'import.duplicates': method({
    input: z.strictObject({ id: Id, ...Paging }),
    output: z.object({ items: z.array(ImportDuplicate), total: z.number().int() }),
    access: 'manager',
    write: false,
  }),
  /** What to do with one duplicate row (or every possible one at once, `row` left out). */
  'import.choose': method({
    input: z.strictObject({ id: Id, row: z.number().int().optional(), choice: z.enum(DUPLICATE_CHOICES) }),
    output: ImportSession,
    access: 'manager',
    write: true,
  }),
  /** The refused rows as they were in the file, with their reasons, to fix and import again. */
  'import.rejected': method({
    input: Opened,
    output: z.object({
      headers: z.array(z.string()),
      rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()), problems: z.array(ImportProblem) })),
    }),
    access: 'manager',
    write: false,
  }),
  /**
   * Imports the valid rows as previewed (a background job; its id in the answer). A members
   * import needs the manager's declaration that the file's customers agreed to their data being
   * stored. `tiers`: from the file's tier column, or computed from the sales. `historyPoints`
   * (sales): points for the past sales, by the current rule, except for members whose opening
   * points came from a file.
   */
  'import.start': method({
    input: z.strictObject({
      id: Id,
      consentDeclared: z.boolean().default(false),
      tiers: z.enum(['file', 'computed']).default('computed'),
      historyPoints: z.boolean().default(false),
    }),
    output: ImportSession,
    access: 'manager',
    write: true,
  }),
  /** Drops a preview, or stops an import under way and undoes what it wrote. */
  'import.cancel': method({ input: Opened, output: ImportSession, access: 'manager', write: true }),
};
