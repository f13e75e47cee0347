import type { FollowupKind, FollowupScripts } from './contract/followups';

/** What a script may say; each `{{field}}` is filled for the member in question. */
export const SCRIPT_FIELDS = [
  'name', 'store', 'staff', 'tier', 'benefits', 'points', 'expiringPoints', 'expiringDate', 'birthday', 'lastPurchaseDate', 'lastPurchaseAmount',
] as const;
export type ScriptField = (typeof SCRIPT_FIELDS)[number];
/** A field's text for this member, or null when the member has none (no benefits, no birthday, no sale, no points expiring). */
export type ScriptValues = Record<ScriptField, string | null>;

/** Fields a member may have no value for: a sentence that uses one is left out for that member. */
export const OPTIONAL_FIELDS: readonly ScriptField[] = ['benefits', 'expiringPoints', 'expiringDate', 'birthday', 'lastPurchaseDate', 'lastPurchaseAmount'];

/** The store's own words; the manager edits them on the follow-ups page. */
export const DEFAULT_SCRIPTS: Record<FollowupKind, string> = {
  post_purchase:
    '{{name}}您好，我是{{store}}的{{staff}}。感谢您{{lastPurchaseDate}}的光临（消费 {{lastPurchaseAmount}}）。想问问您对商品和服务是否满意？有任何问题随时联系我们。您目前有 {{points}} 积分。',
  birthday:
    '{{name}}您好，我是{{store}}的{{staff}}。您的生日（{{birthday}}）快到了，提前祝您生日快乐！作为{{tier}}，您可享受：{{benefits}}。欢迎到店领取生日礼。',
  reactivation:
    '{{name}}您好，我是{{store}}的{{staff}}。好久没见到您了，上次光临是 {{lastPurchaseDate}}。店里上了不少新品，欢迎有空来看看。您有 {{expiringPoints}} 积分将于 {{expiringDate}} 到期，别忘了使用哦。',
  complaint:
    '{{name}}您好，我是{{store}}的{{staff}}。关于您之前反映的问题，我们已经处理完毕，想回访一下您对处理结果是否满意？还有什么需要我们改进的吗？',
  manual: '{{name}}您好，我是{{store}}的{{staff}}。',
};

const FIELD = /\{\{\s*(\w+)\s*\}\}/g;
const STOPS = new Set(['。', '！', '？', '!', '?', '；', ';', '\n']);

/** The template cut after each sentence's stop: a Chinese or English stop or a line end; a full stop only before a non-digit ("¥12.50" goes on). */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (STOPS.has(c) || (c === '.' && !/\d/.test(text[i + 1] ?? ''))) {
      // closing quotes and brackets belong to the sentence they close
      while (i + 1 < text.length && '”’)）」』'.includes(text[i + 1])) i++;
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * Fills `{{field}}` placeholders. Text sent to a customer never shows an empty field: a sentence
 * that needs a field the member has no value for is left out whole ("作为{{tier}}，您可享受：
 * {{benefits}}。" for a tier without benefits), never filled with a dash. Unknown fields stay as
 * typed so a typo is visible, not silent.
 */
export function renderScript(template: string, values: ScriptValues): string {
  const has = (key: string): key is ScriptField => Object.prototype.hasOwnProperty.call(values, key);
  return sentencesOf(template)
    .filter((sentence) => [...sentence.matchAll(FIELD)].every(([, key]) => !has(key) || (values[key] ?? '').trim() !== ''))
    .join('')
    .replace(FIELD, (whole, key: string) => (has(key) ? (values[key] as string) : whole))
    .trim();
}

/** The fields a script uses that a member may have no value for: the editor warns that their sentences are then left out. */
export function fieldsThatMayBeEmpty(template: string): ScriptField[] {
  const used = new Set([...template.matchAll(FIELD)].map(([, key]) => key));
  return OPTIONAL_FIELDS.filter((f) => used.has(f));
}

export function scriptsWithDefaults(saved: Partial<FollowupScripts> | null): FollowupScripts {
  return { ...DEFAULT_SCRIPTS, ...(saved ?? {}) };
}
