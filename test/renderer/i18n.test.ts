import { describe, expect, it } from 'vitest';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { ERROR_CODES, FIELD_RULES } from '../../shared/errors';
import { MATCH_KINDS, GENDERS } from '../../shared/contract/members';
import { ROLES } from '../../shared/roles';
import { FOLLOWUP_CHANNELS, FOLLOWUP_KINDS, FOLLOWUP_STATUSES } from '../../shared/contract/followups';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_CHANNELS,
  FEEDBACK_KINDS,
  FEEDBACK_SEVERITIES,
  FEEDBACK_STATUSES,
} from '../../shared/contract/feedback';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const zh = leaves(zhCN);
const english = leaves(en);

describe('translations', () => {
  it('has the same keys and placeholders in both languages, none empty', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      expect(placeholders(english.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it('translates every error code, role, gender and match kind', () => {
    for (const code of ERROR_CODES) expect(zh.has(`errors.${code}`), code).toBe(true);
    for (const role of ROLES) expect(zh.has(`roles.${role}`), role).toBe(true);
    for (const g of GENDERS) expect(zh.has(`member.genders.${g}`), g).toBe(true);
    for (const k of MATCH_KINDS) expect(zh.has(`counter.matchedBy.${k}`), k).toBe(true);
  });

  it('translates every follow-up and feedback kind, channel, status, category and severity', () => {
    const sets: Array<[string, readonly string[]]> = [
      ['followups.kinds', FOLLOWUP_KINDS],
      ['followups.channels', FOLLOWUP_CHANNELS],
      ['followups.status', FOLLOWUP_STATUSES],
      ['feedback.kinds', FEEDBACK_KINDS],
      ['feedback.categories', FEEDBACK_CATEGORIES],
      ['feedback.severities', FEEDBACK_SEVERITIES],
      ['feedback.channels', FEEDBACK_CHANNELS],
      ['feedback.status', FEEDBACK_STATUSES],
    ];
    for (const [prefix, values] of sets) for (const v of values) expect(zh.has(`${prefix}.${v}`), `${prefix}.${v}`).toBe(true);
  });

  it('translates every validation rule the schemas and zod mapping can produce', () => {
    for (const rule of FIELD_RULES) expect(zh.has(`rules.${rule}`), rule).toBe(true);
  });
});
