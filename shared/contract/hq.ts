import { z } from 'zod';
import { method } from './define';
import { BranchInfo, Id, IsoTime, UploadToken } from './common';
import { Kpis, PeriodKey } from './reports';
import { Passphrase } from './encryption';

// HQ export and merge (docs/hq.md). A branch writes its exportable tables and a manifest into
// one SQLite file; HQ checks each file whole and merges it in one transaction.

/** The export file format; HQ refuses a version it does not know (EXPORT_FORMAT_VERSIONS). */
export const EXPORT_FORMAT = 'branchdesk-export';
/**
 * The newest version this app reads and writes. 2 adds the manifest's `restoreEpoch`, which
 * changes how HQ orders a branch's files (docs/hq.md "After a restore"): only a branch restored
 * from a backup writes it, so an HQ that cannot order them says "update HQ first" instead of
 * merging them as if their numbers alone told their order. 3 adds the branch's audit rows (the
 * manifest's `audit` and the file's `audit_log` section, docs/hq.md "The audit trail"), which the
 * checksum covers: an HQ of version 2 would drop the field it does not know and call the file
 * damaged, so it says "update HQ first" instead. 4 adds the branch's consent history (the
 * manifest's `consents` and the file's `member_consents` and `privacy_notices` sections, docs/hq.md
 * "Consent history"), also covered by the checksum: for the same reason an HQ of version 3 says
 * "update HQ first" rather than call the file damaged. Every branch of this version writes 4.
 */
export const EXPORT_FORMAT_VERSION = 4;
export const EXPORT_FORMAT_VERSIONS = [1, 2, 3, 4] as const;
/** A branch whose newest export HQ received this many days ago or more has gone quiet. */
export const QUIET_AFTER_DAYS = 7;

/** The chain's code, made by HQ at setup and typed in once at each branch: `BD-` and 8 letters/digits. */
export const ChainCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.string().regex(/^BD-[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}$/, 'invalid_chain_code'))
  .transform((s) => (s.length === 11 ? `${s.slice(0, 7)}-${s.slice(7)}` : s));

/** The tables a branch sends, in the order HQ merges them (parents before children). */
export const EXPORT_TABLES = [
  'branches',
  'staff',
  'tiers',
  'members',
  'member_tags',
  'purchases',
  'points_ledger',
  'feedback',
  'followups',
  'store_takings',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const ExportManifest = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.number().int(),
  exportId: Id,
  chainCode: z.string(),
  branch: z.object({ id: Id, code: z.string(), name: z.string() }),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  /** 1, 2, 3…: this branch's exports in order (within its restore epoch) */
  seq: z.number().int().positive(),
  /**
   * Format 2, a branch restored from a backup: when it was restored (ms). Its numbers started
   * again from the backup's, so HQ orders its files by epoch first (absent: 0, never restored).
   */
  restoreEpoch: z.number().int().positive().optional(),
  mode: z.enum(['full', 'incremental']),
  /** an incremental export holds what changed since this export of the same branch (null for a full one) */
  baseSeq: z.number().int().nullable(),
  createdAt: IsoTime,
  createdByName: z.string(),
  /** what the file covers: appended rows by row number, changed profile rows since the base export */
  range: z.object({
    purchasesAfterRowid: z.number().int(),
    purchasesToRowid: z.number().int(),
    ledgerAfterRowid: z.number().int(),
    ledgerToRowid: z.number().int(),
    changedSince: IsoTime.nullable(),
  }),
  rows: z.record(z.string(), z.number().int()),
  /** Format 3: the branch's audit rows the file's `audit_log` section holds, by row number (absent: none, an older branch) */
  audit: z.object({ afterRowid: z.number().int(), toRowid: z.number().int(), rows: z.number().int() }).optional(),
  /**
   * Format 4: the consent rows the file's `member_consents` section holds (every one of the branch,
   * or those of the members the file sends) and the notice versions its `privacy_notices` holds
   * (always all). Absent: none, an older branch.
   */
  consents: z.object({ all: z.boolean(), rows: z.number().int(), notices: z.number().int() }).optional(),
  /** SHA-256 (hex) over the manifest's other fields and every table's rows, in a fixed order */
  sha256: z.string(),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

export const ExportRecord = z.object({
  seq: z.number().int(),
  mode: z.enum(['full', 'incremental']),
  fileName: z.string(),
  createdAt: IsoTime,
  /** null: made from the command line (`npm run hq -- export`), by no staff member */
  createdByName: z.string().nullable(),
  rows: z.number().int(),
  sha256: z.string(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export const TableCounts = z.object({
  table: z.string(),
  /** rows HQ did not have */
  added: z.number().int(),
  /** rows HQ had in an older version */
  updated: z.number().int(),
  /** rows HQ already had as they are (or had newer) */
  unchanged: z.number().int(),
});

export const MergeResult = z.object({
  fileName: z.string(),
  exportId: Id,
  branch: z.object({ id: Id, code: z.string(), name: z.string() }),
  seq: z.number().int(),
  mode: z.enum(['full', 'incremental']),
  createdAt: IsoTime,
  /** true when this very file had been merged before: nothing changed */
  alreadyMerged: z.boolean(),
  tables: z.array(TableCounts),
  /** differing profile values newly written to the conflicts list */
  conflicts: z.number().int(),
  /** members newly linked to an HQ person shared with another branch */
  linked: z.number().int(),
  ms: z.number().int(),
});
export type MergeResult = z.infer<typeof MergeResult>;

export const BranchStatus = z.object({
  branch: z.object({ id: Id, code: z.string(), name: z.string() }),
  lastSeq: z.number().int(),
  /** when the newest merged export was made at the branch */
  lastExportAt: IsoTime,
  lastMergedAt: IsoTime,
  files: z.number().int(),
  /** whole days since lastExportAt, at HQ's clock */
  daysSinceExport: z.number().int(),
  quiet: z.boolean(),
});

export const Conflict = z.object({
  id: Id,
  personKey: z.string(),
  field: z.string(),
  /** the value HQ shows (the newest, or the one HQ chose) */
  currentValue: z.string().nullable(),
  /** the differing value from another member record of the same person */
  value: z.string(),
  branch: z.object({ code: z.string(), name: z.string() }),
  memberId: Id,
  memberName: z.string(),
  valueUpdatedAt: IsoTime,
  status: z.enum(['open', 'resolved']),
  resolvedValue: z.string().nullable(),
  resolvedAt: IsoTime.nullable(),
  resolvedByName: z.string().nullable(),
});
export type Conflict = z.infer<typeof Conflict>;

/**
 * A consent of a branch's card as HQ keeps it (shared/contract/consent.ts's ConsentEntry, as the
 * branch sent it): kind and channel are plain text, as a newer branch may send one HQ does not know.
 */
export const CardConsent = z.object({
  id: z.string(),
  kind: z.string(),
  granted: z.boolean(),
  /** the notice the consent was given under (null: before the store kept notices) */
  noticeVersion: z.number().int().nullable(),
  /** when that version was saved at the branch: which text, should a branch restored from a backup have numbered two alike */
  noticeCreatedAt: IsoTime.nullable(),
  at: IsoTime,
  byName: z.string().nullable(),
  channel: z.string(),
});
export type CardConsent = z.infer<typeof CardConsent>;

/** A branch's notice version a card's consents name, with its text. */
export const CardNotice = z.object({
  version: z.number().int(),
  text: z.string(),
  textEn: z.string().nullable(),
  createdAt: IsoTime,
  /** the text shipped with the app (version 1), dated by its day */
  shipped: z.boolean(),
});
export type CardNotice = z.infer<typeof CardNotice>;

const PersonBranch = z.object({
  branch: z.object({ code: z.string(), name: z.string() }),
  memberId: Id,
  cardNo: z.string(),
  name: z.string(),
  tierName: z.string().nullable(),
  orders: z.number().int(),
  netSalesFen: z.number().int(),
  pointsBalance: z.number().int(),
  lastPurchaseAt: IsoTime.nullable(),
  merged: z.boolean(),
  /** the card it was merged into at its branch, for a merged-away card */
  mergedIntoCardNo: z.string().nullable(),
  /** the card's consents given and withdrawn, oldest first, as its branch's files brought them */
  consents: z.array(CardConsent),
  /** the notice versions those consents name */
  notices: z.array(CardNotice),
});

export const Person = z.object({
  key: z.string(),
  phone: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  birthday: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  branches: z.array(PersonBranch),
  orders: z.number().int(),
  netSalesFen: z.number().int(),
  pointsBalance: z.number().int(),
  openConflicts: z.number().int(),
});
export type Person = z.infer<typeof Person>;

/** A person who bought at several branches in a period: what they bought there in the period, and their points now. */
export const MultiBranchPerson = z.object({
  phone: z.string(),
  name: z.string(),
  /** the branches with their sales or refunds in the period, by branch code */
  branches: z.array(z.object({ code: z.string(), name: z.string(), orders: z.number().int(), netSalesFen: z.number().int() })),
  /** sales in the period, at every branch */
  orders: z.number().int(),
  /** net sales in the period (sales paid − refunds), at every branch */
  netSalesFen: z.number().int(),
  /** points on all their cards now */
  pointsBalance: z.number().int(),
});
export type MultiBranchPerson = z.infer<typeof MultiBranchPerson>;

/** A person found by HQ's 会员查询 box: a phone, the name last written for it, and the branches that know them. */
export const PersonHit = z.object({
  phone: z.string(),
  name: z.string(),
  matchedBy: z.enum(['phone', 'card', 'phoneTail', 'cardPrefix', 'name', 'pinyin']),
  branches: z.array(z.object({ code: z.string(), name: z.string(), cardNo: z.string() })),
});
export type PersonHit = z.infer<typeof PersonHit>;

export const BranchKpis = z.object({
  branch: z.object({ id: Id, code: z.string(), name: z.string() }),
  /** 1 = highest net sales in the period */
  rank: z.number().int(),
  kpis: Kpis,
  previous: Kpis,
});

const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) };

export const hqContract = {
  /** What this database is and, at a branch, its chain code and last exports. */
  'hq.status': method({
    input: z.strictObject({}),
    output: z.object({
      kind: z.enum(['branch', 'hq']),
      chainCode: z.string().nullable(),
      exports: z.array(ExportRecord),
      /** rows an incremental export would hold now (branch only) */
      pending: z.record(z.string(), z.number().int()),
      /** whether the chain's export passphrase is set here (never the passphrase itself: hq.exportPassphrase) */
      exportPassphraseSet: z.boolean(),
    }),
    access: 'manager',
    write: false,
  }),
  /**
   * Sets (or, null, removes) the chain's export passphrase (docs/hq.md "Encrypted export files"),
   * at a branch and at HQ alike: a branch with one writes its export files encrypted with it, and
   * HQ opens encrypted files with its own. It is the chain's, never a branch's database
   * passphrase. Never answered back: hq.status says only whether one is set.
   */
  'hq.exportPassphrase': method({
    input: z.strictObject({ passphrase: Passphrase.nullable() }),
    output: z.object({ exportPassphraseSet: z.boolean() }),
    access: 'admin',
    write: true,
    atHq: true,
  }),
  /** A branch records the chain code its HQ gave it (needed before the first export). */
  'hq.joinChain': method({
    input: z.strictObject({ chainCode: ChainCode }),
    output: z.object({ chainCode: z.string() }),
    access: 'manager',
    write: true,
  }),
  /**
   * Writes an export and answers with its bytes (base64) for the user to save. `incremental`
   * holds what changed since the last export (the first export is always full). The branch
   * remembers the export in the same step.
   */
  'hq.exportBranch': method({
    ownThread: 'reader',
    input: z.strictObject({ mode: z.enum(['full', 'incremental']).default('incremental') }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), manifest: ExportManifest }),
    access: 'manager',
    write: 'own',
  }),
  /**
   * HQ only: checks one export file whole and merges it in one transaction, or refuses it
   * (BAD_FILE) changing nothing. The file was stored first (`upload`, docs/rpc.md "Uploads"): a
   * large store's runs to hundreds of megabytes, which the call would otherwise carry through
   * every thread on its way to the side host. The upload is removed once answered.
   */
  'hq.merge': method({
    ownThread: 'writer',
    input: z.strictObject({
      fileName: z.string().trim().min(1).max(255),
      upload: UploadToken,
      /**
       * The files merged together (the page's one 开始合并, one command line): HQ is backed up
       * before the batch's first file, once (docs/backup.md). None: no backup is taken.
       */
      batch: z.string().trim().min(1).max(64).optional(),
    }),
    output: MergeResult,
    access: 'manager',
    write: 'own',
    atHq: true,
  }),
  /** HQ only: every branch that has sent a file, with its newest export; quiet ones flagged. */
  'hq.branches': method({
    input: z.strictObject({}),
    output: z.object({ items: z.array(BranchStatus), quietAfterDays: z.number().int() }),
    access: 'manager',
    write: false,
  }),
  /** HQ only: the files merged, newest first. */
  'hq.mergeLog': method({
    input: z.strictObject(Paging),
    // mergedByName null: merged from the command line (`npm run hq -- merge`), by no staff member
    output: z.object({
      items: z.array(MergeResult.extend({ mergedAt: IsoTime, mergedByName: z.string().nullable() })),
      total: z.number().int(),
    }),
    access: 'manager',
    write: false,
  }),
  /** HQ only: chain totals and each branch's dashboard figures for a period, ranked by net sales. */
  'hq.compare': method({
    input: z.strictObject({ period: PeriodKey }),
    output: z.object({
      period: z.object({ key: z.string(), from: z.string(), to: z.string() }),
      /** what the previous figures count: the period before, or while this one runs as many of its first days (as reports.summary) */
      previous: z.object({ key: z.string(), from: z.string(), to: z.string() }),
      running: z.boolean(),
      chain: Kpis,
      chainPrevious: Kpis,
      branches: z.array(BranchKpis),
      /** people (by phone) with a sale at two or more branches in the period */
      multiBranchPeople: z.number().int(),
    }),
    access: 'manager',
    write: false,
  }),
  /** HQ only: people with sales at two or more branches in the period, most branches first. */
  'hq.multiBranch': method({
    input: z.strictObject({ period: PeriodKey, ...Paging }),
    output: z.object({ items: z.array(MultiBranchPerson), total: z.number().int() }),
    access: 'manager',
    write: false,
  }),
  /** HQ only: one person (by phone, or by any of their members' ids) across branches. */
  'hq.person': method({
    input: z.strictObject({ phone: z.string().optional(), memberId: Id.optional() }),
    output: z.object({ person: Person }),
    access: 'manager',
    write: false,
  }),
  /** HQ only: people by a phone, its last digits, a card number or its start, a name's start or pinyin. */
  'hq.findPeople': method({
    input: z.strictObject({ q: z.string().max(40), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(PersonHit), more: z.boolean() }),
    access: 'manager',
    write: false,
  }),
  'hq.conflicts': method({
    input: z.strictObject({ status: z.enum(['open', 'resolved']).default('open'), ...Paging }),
    output: z.object({ items: z.array(Conflict), total: z.number().int() }),
    access: 'manager',
    write: false,
  }),
  /** Settles one person's field: HQ keeps `value` (one of the values seen), closing every open conflict on that field. */
  'hq.resolveConflict': method({
    input: z.strictObject({ id: Id, value: z.string() }),
    output: z.object({ resolved: z.number().int() }),
    access: 'manager',
    write: true,
    atHq: true,
  }),
};

export type { BranchInfo };
