import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { Member } from './members';
import { Purchase } from './purchases';
import { ConsentEntry, PrivacyNotice } from './consent';
import { AuditRefs } from './audit';

// A member's data export (PIPL's right to see one's data): everything the branch holds on them,
// as docs/privacy.md describes field by field. The JSON file the member page saves is this answer.

export const MEMBER_EXPORT_FORMAT = 'branchdesk.member-data' as const;
export const MEMBER_EXPORT_VERSION = 1 as const;

/** A sale, refund or void as the member's file shows it: the purchase's own fields and who recorded it. */
const ExportPurchase = Purchase.pick({
  id: true,
  kind: true,
  originalId: true,
  receiptNo: true,
  amountFen: true,
  redeemedPoints: true,
  redeemedFen: true,
  paidFen: true,
  category: true,
  note: true,
  occurredAt: true,
}).extend({ byName: z.string().nullable() });

const ExportLedgerEntry = z.object({
  id: Id,
  kind: z.string(),
  points: z.number().int(),
  shortfall: z.number().int(),
  purchaseId: Id.nullable(),
  reason: z.string().nullable(),
  at: IsoTime,
  byName: z.string().nullable(),
});

const ExportLot = z.object({
  id: Id,
  points: z.number().int(),
  remaining: z.number().int(),
  earnedAt: IsoTime,
  availableAt: IsoTime,
  expiresAt: IsoTime.nullable(),
  expiredPoints: z.number().int(),
});

const ExportFollowup = z.object({
  id: Id,
  kind: z.string(),
  channel: z.string(),
  dueDate: z.string(),
  status: z.string(),
  note: z.string().nullable(),
  outcome: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  nps: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: IsoTime,
  completedAt: IsoTime.nullable(),
});

const ExportFeedback = z.object({
  id: Id,
  kind: z.string(),
  category: z.string(),
  severity: z.string(),
  channel: z.string(),
  description: z.string(),
  status: z.string(),
  resolution: z.string().nullable(),
  createdAt: IsoTime,
  resolvedAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
});

const ExportMerge = z.object({
  /** `absorbed`: the other registration was merged into this member; `mergedInto`: this one into the other */
  direction: z.enum(['absorbed', 'mergedInto']),
  memberId: Id,
  cardNo: z.string(),
  name: z.string(),
  at: IsoTime.nullable(),
});

const ExportAuditRow = z.object({
  id: Id,
  at: IsoTime,
  staffName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const MemberDataExport = z.object({
  format: z.literal(MEMBER_EXPORT_FORMAT),
  formatVersion: z.literal(MEMBER_EXPORT_VERSION),
  generatedAt: IsoTime,
  generatedByName: z.string(),
  store: z.object({ code: z.string(), name: z.string() }),
  member: Member,
  consents: z.array(ConsentEntry),
  /** the notice texts the consents above were given under */
  notices: z.array(PrivacyNotice),
  points: z.object({ balance: z.number().int(), ledger: z.array(ExportLedgerEntry), lots: z.array(ExportLot) }),
  tier: z.object({ name: z.string(), since: IsoTime.nullable(), reviewAt: IsoTime.nullable() }).nullable(),
  purchases: z.array(ExportPurchase),
  followups: z.array(ExportFollowup),
  feedback: z.array(ExportFeedback),
  merges: z.array(ExportMerge),
  /** audit rows about the member, or naming them in their before/after, oldest first */
  audit: z.array(ExportAuditRow),
  /** the names of the staff, members, tiers and sales those audit rows refer to by id */
  auditRefs: AuditRefs,
});
export type MemberDataExport = z.infer<typeof MemberDataExport>;

export const memberExportContract = {
  /** Everything BranchDesk holds on one member (admins, on the member's request); the export itself is audited. */
  'members.exportData': method({ input: z.strictObject({ memberId: Id }), output: MemberDataExport, access: 'admin', write: true }),
};
