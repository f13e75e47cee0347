import type { GENDERS } from '../contract/members';
import { GENDER_WORDS, STATUS_WORDS, TAG_SEPARATOR, YES_NO } from '../member-file';
import {
  cleaned,
  isPlaceholder,
  nothingOrError,
  refused,
  rewrite,
  tidyText,
  type CleanRule,
  type CleanStep,
  type Cleaned,
  type ImportCell,
} from './cleaning';

export type Gender = (typeof GENDERS)[number];
export type MemberFileStatus = keyof typeof STATUS_WORDS;

/** Words compared lower-cased, after full-width forms were folded. */
const GENDER_BY_WORD: Record<string, Gender> = words({
  male: ['男', '男性', '男士', '先生', '男生', 'm', 'male', 'man', 'mr', 'mr.', '1'],
  female: ['女', '女性', '女士', '小姐', '太太', '女生', 'f', 'female', 'woman', 'ms', 'ms.', 'mrs', 'mrs.', 'miss', '2'],
  // 0 and 9 are "unknown" and "not stated" in GB/T 2261.1, whose 1 and 2 are the codes above.
  unspecified: ['未说明', '未知', '保密', '不详', '其他', '其它', 'u', 'unknown', 'other', 'x', '0', '9'],
});

const YES_NO_BY_WORD: Record<string, keyof typeof YES_NO> = words({
  yes: ['是', '同意', '已同意', '愿意', '接受', '允许', '订阅', '已订阅', '对', 'y', 'yes', 'true', '1', 'ok', '√', '✓', '✔'],
  no: ['否', '不同意', '未同意', '不愿意', '拒绝', '不允许', '退订', '未订阅', '错', 'n', 'no', 'false', '0', '×', '✗', '✘'],
});

const STATUS_BY_WORD: Record<string, MemberFileStatus> = words({
  active: ['在用', '正常', '有效', '启用', '已启用', '活跃', 'active', 'enabled'],
  inactive: ['已停用', '停用', '禁用', '已禁用', '冻结', '已冻结', '无效', '注销', '已注销', 'inactive', 'disabled', 'frozen'],
  merged: ['已合并', 'merged'],
});

function words<K extends string>(lists: Record<K, readonly string[]>): Record<string, K> {
  const byWord: Record<string, K> = {};
  for (const key of Object.keys(lists) as K[]) for (const word of lists[key]) byWord[word] = key;
  return byWord;
}

/**
 * A cell holding one word of a closed list. Its own words come before placeholders (未知 is a
 * gender word); the step rewrites it to the member file's word (GENDER_WORDS…), the value is the
 * contract's. The file's own words need no step.
 */
function cleanWord<V extends string | boolean, K extends string>(
  cell: ImportCell,
  byWord: Record<string, K>,
  valueOf: (key: K) => V,
  fileWord: (key: K) => string,
  rule: CleanRule,
  unknown: 'gender.unknown' | 'yesNo.unknown' | 'status.unknown',
): Cleaned<V> {
  const steps: CleanStep[] = [];
  const text = tidyText(cell, { fold: 'all', lines: 'one' }, steps);
  const key = Object.hasOwn(byWord, text.toLowerCase()) ? byWord[text.toLowerCase()] : undefined;
  if (key === undefined) return nothingOrError(text, steps) ?? refused(unknown, steps);
  rewrite(steps, rule, text, fileWord(key));
  return cleaned(valueOf(key), steps);
}

/** 男/女/M/F/先生/女士/1/2… to the contract's gender. */
export function cleanGender(cell: ImportCell): Cleaned<Gender> {
  return cleanWord(
    cell,
    GENDER_BY_WORD,
    (g) => g,
    (g) => GENDER_WORDS[g],
    'gender.word',
    'gender.unknown',
  );
}

/** 是/否/Y/N/同意/不同意/1/0/TRUE/FALSE… to yes or no; nothing is "not said", which the caller reads as no. */
export function cleanYesNo(cell: ImportCell): Cleaned<boolean> {
  return cleanWord(
    cell,
    YES_NO_BY_WORD,
    (answer) => answer === 'yes',
    (answer) => YES_NO[answer],
    'yesNo.word',
    'yesNo.unknown',
  );
}

/** 在用/已停用/已合并 (the member file's) and the words other systems use for them. */
export function cleanStatus(cell: ImportCell): Cleaned<MemberFileStatus> {
  return cleanWord(
    cell,
    STATUS_BY_WORD,
    (s) => s,
    (s) => STATUS_WORDS[s],
    'status.word',
    'status.unknown',
  );
}

/** The contract's limits on a member's tags. */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 20;

// 、 is the member file's own (TAG_SEPARATOR); the others are what people type between tags.
// Not spaces ("big spender" is one tag) and not slashes (宝妈/宝爸 may be one).
const TAG_SPLIT = new RegExp(`\\s*[${TAG_SEPARATOR},，;；|｜\\n]+\\s*`);

/** Tags split on 、，,;；| and line breaks, each tidied; repeats dropped (case aside). */
export function cleanTags(cell: ImportCell): Cleaned<string[]> {
  const steps: CleanStep[] = [];
  const text = tidyText(cell, { fold: 'letters', lines: 'many' }, steps);
  const early = nothingOrError(text, steps);
  if (early) return early;
  const parts = text
    .split(TAG_SPLIT)
    .map((tag) => tag.replace(/\s+/g, ' ').trim())
    .filter((tag) => tag !== '' && !isPlaceholder(tag));
  rewrite(steps, 'tags.separator', text, parts.join(TAG_SEPARATOR));
  const seen = new Set<string>();
  const tags = parts.filter((tag) => !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
  rewrite(steps, 'tags.duplicate', parts.join(TAG_SEPARATOR), tags.join(TAG_SEPARATOR));
  if (tags.some((tag) => [...tag].length > MAX_TAG_LENGTH)) return refused('tags.tooLong', steps, MAX_TAG_LENGTH);
  if (tags.length > MAX_TAGS) return refused('tags.tooMany', steps, MAX_TAGS);
  return cleaned(tags.length === 0 ? null : tags, steps);
}
