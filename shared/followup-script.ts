import type { FollowupKind, FollowupScripts } from './contract/followups';

/** What a script may say; each `{{field}}` is filled for the member in question. */
export const SCRIPT_FIELDS = [
  'name',
  'store',
  'staff',
  'tier',
  'benefits',
  'points',
  'expiringPoints',
  'expiringDate',
  'birthday',
  'birthdayGreeting',
  'lastPurchaseDate',
  'lastPurchaseAmount',
] as const;
export type ScriptField = (typeof SCRIPT_FIELDS)[number];
/** A field's text for this member, or null when the member has none (no benefits, no birthday, no sale, no points expiring). */
export type ScriptValues = Record<ScriptField, string | null>;

/**
 * Fields a member may have no value for: a sentence that uses one is left out for that member.
 * `birthdayGreeting` has a value only on a birthday task (a manual call has no birthday to greet).
 */
export const OPTIONAL_FIELDS: readonly ScriptField[] = [
  'benefits',
  'expiringPoints',
  'expiringDate',
  'birthday',
  'birthdayGreeting',
  'lastPurchaseDate',
  'lastPurchaseAmount',
];

/**
 * What follows "您的生日（06/20）" in a birthday call, from the day of the call against the
 * birthday the task was made for: one script then reads right 15 days before, on the day and 7
 * days after, and an on-the-day call made a day late congratulates after the fact instead of
 * saying "today". The store's scripts are Chinese (there is no script language), so is this.
 */
export function birthdayGreeting(birthday: string, callDay: string): string {
  if (callDay < birthday) return '快到了，提前祝您生日快乐';
  if (callDay === birthday) return '就是今天，祝您生日快乐';
  return '刚过去，补祝您生日快乐';
}

/** The store's own words; the manager edits them on the follow-ups page. */
export const DEFAULT_SCRIPTS: Record<FollowupKind, string> = {
  post_purchase:
    '{{name}}您好，我是{{store}}的{{staff}}。感谢您{{lastPurchaseDate}}的光临（消费 {{lastPurchaseAmount}}）。想问问您对商品和服务是否满意？有任何问题随时联系我们。您目前有 {{points}} 积分。',
  birthday:
    '{{name}}您好，我是{{store}}的{{staff}}。您的生日（{{birthday}}）{{birthdayGreeting}}！作为{{tier}}，您可享受：{{benefits}}。欢迎到店领取生日礼。',
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

/**
 * The fields a script uses that a member may have no value for: the editor warns that their
 * sentences are then left out. A birthday task always has its greeting, so the birthday script
 * is not warned about it.
 */
export function fieldsThatMayBeEmpty(template: string, kind?: FollowupKind): ScriptField[] {
  const used = new Set([...template.matchAll(FIELD)].map(([, key]) => key));
  return OPTIONAL_FIELDS.filter((f) => used.has(f) && !(f === 'birthdayGreeting' && kind === 'birthday'));
}

/**
 * Defaults the app used to ship. Saving the settings page used to store every script, edited or
 * not, so a store that only changed a rule holds these word for word: they are read as the
 * current default, while a script the store wrote itself is kept as written.
 */
const RETIRED_DEFAULTS: Partial<Record<FollowupKind, readonly string[]>> = {
  // Before optional fields were left out sentence by sentence, these two held a field the member may lack inside a longer sentence.
  post_purchase: [
    '{{name}}您好，我是{{store}}的{{staff}}。感谢您{{lastPurchaseDate}}的光临（消费 {{lastPurchaseAmount}}），想问问您对商品和服务是否满意？有任何问题随时联系我们。您目前有 {{points}} 积分。',
  ],
  reactivation: [
    '{{name}}您好，我是{{store}}的{{staff}}。好久没见到您了（上次光临是 {{lastPurchaseDate}}），店里上了不少新品，欢迎有空来看看。您有 {{expiringPoints}} 积分将于 {{expiringDate}} 到期，别忘了使用哦。',
  ],
  birthday: [
    '{{name}}您好，我是{{store}}的{{staff}}。您的生日（{{birthday}}）快到了，提前祝您生日快乐！作为{{tier}}，您可享受：{{benefits}}。欢迎到店领取生日礼。',
  ],
};

function isDefault(kind: FollowupKind, text: string): boolean {
  return text === DEFAULT_SCRIPTS[kind] || (RETIRED_DEFAULTS[kind] ?? []).includes(text);
}

export function scriptsWithDefaults(saved: Partial<FollowupScripts> | null): FollowupScripts {
  return { ...DEFAULT_SCRIPTS, ...onlyEdited(saved ?? {}) };
}

/** The scripts the store wrote itself: what is saved, so an unedited one follows the app's default when it improves. */
export function onlyEdited(scripts: Partial<FollowupScripts>): Partial<FollowupScripts> {
  return Object.fromEntries(Object.entries(scripts).filter(([kind, text]) => text !== undefined && !isDefault(kind as FollowupKind, text)));
}
