import type { FollowupRules, GenerateResult } from '../../shared/contract/followups';
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

export function generate(c: Counter): GenerateResult {
  return c.t.call('followups.generate', {}, c.manager);
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
