import type { DB } from '../../db/connection';
import type { AuditRow } from '../../db/queries/core/audit';
import { erasureKeptQueries, erasureQueries } from '../../db/queries/members/erasure';
import { memberQueries, type StoredMember } from '../../db/queries/members/members';
import type { AuditEntry } from '../core/audit';

// The erasure itself, on any connection: the handler's (members.erase) and a restored copy's,
// which erases again whoever the erasure list names (services/members/erasure-list.ts). No
// caller, no dispatcher: the audit row is written by whoever runs it.

/** What replaces a personal value in an audit row or a kept row's text. */
export const REDACTED = '[已删除]';

/** The fields of an audit row's before/after that hold a person's data, as the services name them. */
const PERSONAL_FIELDS = new Set([
  'name',
  'card_no',
  'cardNo',
  'phone',
  'phone_rev',
  'py_initials',
  'py_full',
  'birthday',
  'email',
  'address',
  'notes',
  'note',
  'tags',
  'contact',
  'description',
  'resolution',
  'outcome',
  'memberName',
]);

/** The card number an erased member keeps: says what happened, names no one, unique as the id. */
export const erasedCardNo = (id: string) => `已删除-${id.slice(-12)}`;

export interface Erasure {
  memberId: string;
  at: string;
  by: string | null;
  /** writes the one audit row of the erasure (the dispatcher's writeAudit, or the restored copy's own insert) */
  audit: (entry: AuditEntry) => void;
}

export interface Erased {
  /** the member and the cards merged into them */
  memberIds: string[];
  redactedAuditRows: number;
}

/**
 * Erases a member and every card merged into them (the same person): profiles anonymised, the
 * personal text of the sales, ledger, follow-ups and complaints cleared (the rows stay for the
 * books), the audit rows redacted, the erasure listed. One audit row says so, with nothing personal.
 */
export function eraseMemberRows(db: DB, e: Erasure, reason: string | null): Erased {
  const q = erasureQueries(db);
  const members = samePerson(db, e.memberId);
  const personal = members.flatMap((m) => personalValues(db, m));
  for (const m of members) {
    q.anonymise({ id: m.id, card_no: erasedCardNo(m.id), name: erasedCardNo(m.id), phone: `erased:${m.id}`, erased_at: e.at, by: e.by });
    q.clearKept(m.id, e.at, REDACTED);
    q.record({ member_id: m.id, branch_id: m.branch_id, erased_at: e.at, erased_by: e.by });
  }
  const redacted = redactAudit(db, members, personal, e.at);
  e.audit({
    action: 'members.erase',
    entity: 'member',
    entityId: e.memberId,
    after: {
      erasedMembers: members.map((m) => m.id),
      redactedAuditRows: redacted,
      reason: reason === null ? null : scrub(reason, personal),
    },
    staffId: e.by,
  });
  return { memberIds: members.map((m) => m.id), redactedAuditRows: redacted };
}

/** The member and, down the merge chains, every card merged into them. */
function samePerson(db: DB, id: string): StoredMember[] {
  const mq = memberQueries(db);
  const found: StoredMember[] = [];
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const row = mq.byId(next);
    if (!row) continue;
    found.push(row);
    queue.push(...erasureQueries(db).mergedInto(next));
  }
  return found;
}

/** The values to look for in other rows' audit text: long enough not to match by chance. */
function personalValues(db: DB, m: StoredMember): string[] {
  const values = [m.name, m.phone, m.phone.replace(/^\+86/, ''), m.card_no, m.email, m.address, m.notes, ...memberQueries(db).tags(m.id)];
  return values.filter((v): v is string => typeof v === 'string' && [...v].length >= 2);
}

/** Replaces every personal value inside a text. */
function scrub(text: string, personal: string[]): string {
  let out = text;
  for (const v of [...personal].sort((a, b) => b.length - a.length)) out = out.split(v).join(REDACTED);
  return out;
}

/** A before/after value with its personal fields and any personal text inside it replaced; field names kept. */
function redactValue(value: unknown, personal: string[], field: string | null): unknown {
  if (field !== null && PERSONAL_FIELDS.has(field) && value !== null) return REDACTED;
  if (typeof value === 'string') return scrub(value, personal);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, personal, null));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, personal, k)]));
  return value;
}

/** An audit row's before or after with the personal values gone: by field name (`byField`), or only the given values inside its text. */
export function redactJson(json: string | null, personal: string[], byField: boolean): string | null {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return JSON.stringify(byField ? redactValue(parsed, personal, null) : scrubDeep(parsed, personal));
  } catch {
    return scrub(json, personal);
  }
}

/** Only the personal text inside strings: another entity's row keeps its own names (a staff member's, a tier's). */
function scrubDeep(value: unknown, personal: string[]): unknown {
  if (typeof value === 'string') return scrub(value, personal);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, personal));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, personal)]));
  return value;
}

/**
 * Redacts the audit rows about the member (by field: every personal field's value) and about the
 * rows kept for their books (complaints, callbacks, sales), and the personal values anywhere else
 * in the log. Only before/after and redacted_at change: who, when and what stay as written.
 */
function redactAudit(db: DB, members: StoredMember[], personal: string[], at: string): number {
  const q = erasureQueries(db);
  const kept = erasureKeptQueries(db);
  const byField = new Map<string, AuditRow>();
  for (const m of members) {
    for (const row of q.auditForMember(m.id)) byField.set(row.id, row);
    for (const [entity, ids] of Object.entries(kept.keptRows(m.id)))
      for (const id of ids) for (const row of kept.auditFor(entity, id)) byField.set(row.id, row);
  }
  const mentioning = new Map<string, AuditRow>();
  for (const v of personal) for (const row of q.auditMentioning(v)) if (!byField.has(row.id)) mentioning.set(row.id, row);
  let redacted = 0;
  const apply = (row: AuditRow, fields: boolean) => {
    const before = redactJson(row.before_json, personal, fields);
    const after = redactJson(row.after_json, personal, fields);
    if (before === row.before_json && after === row.after_json) return;
    q.redact({ id: row.id, before_json: before, after_json: after }, at);
    redacted += 1;
  };
  for (const row of byField.values()) apply(row, true);
  for (const row of mentioning.values()) apply(row, false);
  return redacted;
}
