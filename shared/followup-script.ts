import type { FollowupKind, FollowupScripts } from './contract/followups';

/** What a script may say; each `{{field}}` is filled for the member in question. */
export const SCRIPT_FIELDS = [
  'name', 'store', 'staff', 'tier', 'benefits', 'points', 'expiringPoints', 'expiringDate', 'birthday', 'lastPurchaseDate', 'lastPurchaseAmount',
] as const;
export type ScriptField = (typeof SCRIPT_FIELDS)[number];
export type ScriptValues = Record<ScriptField, string>;

/** The store's own words; the manager edits them on the follow-ups page. */
export const DEFAULT_SCRIPTS: Record<FollowupKind, string> = {
  post_purchase:
    '{{name}}您好，我是{{store}}的{{staff}}。感谢您{{lastPurchaseDate}}的光临（消费 {{lastPurchaseAmount}}），想问问您对商品和服务是否满意？有任何问题随时联系我们。您目前有 {{points}} 积分。',
  birthday:
    '{{name}}您好，我是{{store}}的{{staff}}。您的生日（{{birthday}}）快到了，提前祝您生日快乐！作为{{tier}}，您可享受：{{benefits}}。欢迎到店领取生日礼。',
  reactivation:
    '{{name}}您好，我是{{store}}的{{staff}}。好久没见到您了（上次光临是 {{lastPurchaseDate}}），店里上了不少新品，欢迎有空来看看。您有 {{expiringPoints}} 积分将于 {{expiringDate}} 到期，别忘了使用哦。',
  complaint:
    '{{name}}您好，我是{{store}}的{{staff}}。关于您之前反映的问题，我们已经处理完毕，想回访一下您对处理结果是否满意？还有什么需要我们改进的吗？',
  manual: '{{name}}您好，我是{{store}}的{{staff}}。',
};

/** Fills `{{field}}` placeholders; unknown ones stay as typed so a typo is visible, not silent. */
export function renderScript(template: string, values: ScriptValues): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? values[key as ScriptField] : whole,
  );
}

export function scriptsWithDefaults(saved: Partial<FollowupScripts> | null): FollowupScripts {
  return { ...DEFAULT_SCRIPTS, ...(saved ?? {}) };
}
