import { generatedByJob, type FollowupRules, type GenerateResult } from '../../shared/contract/followups';
import { COVERAGE_KEY } from '../../services/followups/coverage';
import type { Counter } from './points-fixtures';

/** What migration 0005 installs. */
export const DEFAULT_FOLLOWUP_RULES: FollowupRules = {
  postPurchase: { enabled: true, days: 3, minAmountFen: 0, channel: 'phone' },
  birthday: { enabled: true, channel: 'wechat' },
  reactivation: { enabled: true, days: 90, channel: 'phone' },
  complaint: { enabled: true, days: 1, channel: 'phone' },
};

type RulesPatch = { [K in keyof FollowupRules]?: Partial<FollowupRules[K]> };

/** Saves the rules (as the manager), each one patched over the defaults. */
export function setFollowupRules(c: Counter, patch: RulesPatch): void {
  const rules = Object.fromEntries(
    Object.entries(DEFAULT_FOLLOWUP_RULES).map(([k, v]) => [k, { ...v, ...patch[k as keyof FollowupRules] }]),
  ) as FollowupRules;
  const { scripts } = c.t.call('followups.settings', {}, c.manager);
  c.t.call('followups.saveSettings', { rules, scripts }, c.manager);
}

/**
 * The generator, as the manager's button runs it. A run over the whole window is a background
 * job: run here to its end, its counts are the job's result.
 */
export function generate(c: Counter): GenerateResult {
  const { jobId, ...counts } = c.t.call('followups.generate', {}, c.manager);
  if (!jobId) return counts;
  c.t.runJobs();
  return jobCounts(c, jobId);
}

/** A run that reads the whole window, as the first one does, or the first after a rule change: the job. */
export function wholeWindow(c: Counter): GenerateResult {
  c.t.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('null', COVERAGE_KEY);
  return generate(c);
}

/** What a follow-up generation job made, once it has ended. */
export function jobCounts(c: Counter, jobId: string): GenerateResult {
  const job = c.t.call('jobs.get', { id: jobId }, c.manager);
  if (job.state !== 'done') throw new Error(`the follow-up job is ${job.state}`);
  return generatedByJob(job.result);
}

export const made = (counts: Partial<Omit<GenerateResult, 'total'>>): GenerateResult => {
  const all = { postPurchase: 0, birthday: 0, reactivation: 0, complaint: 0, ...counts };
  return { ...all, total: all.postPurchase + all.birthday + all.reactivation + all.complaint };
};

/** Every task as [member name, kind, due date, detail], by due date then name. */
export function tasks(c: Counter, kind?: string): Array<[string, string, string, Record<string, unknown>]> {
  const rows = c.t.db
    .prepare(
      `SELECT m.name, f.kind, f.due_date, f.detail_json FROM followups f JOIN members m ON m.id = f.member_id
        WHERE @kind IS NULL OR f.kind = @kind ORDER BY f.due_date, m.name, f.id`,
    )
    .all({ kind: kind ?? null }) as Array<{ name: string; kind: string; due_date: string; detail_json: string | null }>;
  return rows.map((r) => [r.name, r.kind, r.due_date, r.detail_json ? (JSON.parse(r.detail_json) as Record<string, unknown>) : {}]);
}

/** The member registered with marketing consent (birthday care and reactivation need it). */
export function fan(c: Counter, name: string, birthday?: string): string {
  return c.member(name, { consentMarketing: true, ...(birthday ? { birthday } : {}) });
}

/** A sale written without the counter (as an import would): no callback is made with it. */
export function importedSale(c: Counter, memberId: string, at: string): string {
  const id = `imported-${at}-${memberId}`;
  c.t.db
    .prepare(
      `INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, occurred_at, created_at)
       VALUES (?, (SELECT value FROM settings WHERE key = 'self_branch_id'), ?, 'sale', 8800, 8800, ?, ?)`,
    )
    .run(id, memberId, at, at);
  return id;
}
