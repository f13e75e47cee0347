import { z } from 'zod';
import { contract, type MethodName } from '../../shared/contract/index';
import type { Random } from './random';

// Inputs for the fuzz run (./fuzz.test.ts), made from each method's own zod input (as JSON
// Schema, zod's `toJSONSchema` of what a caller sends): a valid-looking value first, aimed at the
// store's real ids and names where a field names one, then, for most calls, one thing made wrong.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export const inputSchema = (name: MethodName): JsonSchema =>
  z.toJSONSchema(contract[name].input as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** What the store holds that a valid-looking input can name: ids by entity, staff names, PINs, upload tokens. */
export interface Pools {
  ids: Record<string, string[]>;
  staffNames: string[];
  pins: string[];
  phones: string[];
}

/** The entity an id field names, by field and, for a bare `id`, by the method's domain. */
function entityOf(method: string, key: string): string {
  const byKey: Record<string, string> = {
    memberId: 'member',
    keepId: 'member',
    mergeId: 'member',
    otherId: 'member',
    purchaseId: 'purchase',
    assigneeId: 'staff',
    tierId: 'tier',
    upload: 'upload',
  };
  if (byKey[key]) return byKey[key];
  const domain = method.split('.')[0];
  if (method === 'hq.resolveConflict') return 'conflict';
  const byDomain: Record<string, string> = {
    staff: 'staff',
    members: 'member',
    followups: 'followup',
    feedback: 'feedback',
    jobs: 'job',
    import: 'import',
    tiers: 'tier',
  };
  return byDomain[domain] ?? 'member';
}

const HAN = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧';
const DATE_KEYS = /^(date|asOf|dueDate|from|to|upTo|after|before|effectiveFrom|birthday)$/;
const PATTERN_SAMPLES = ['2026-06-15', '2025-12-31', '2026', '2026-06', '2026-Q2', 'q3VrAmP0xN8cT7yLw2Hd5VbKs9EaJ4Uf'];

function day(random: Random): string {
  const ms = Date.now() + random.int(-400, 60) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function validString(s: JsonSchema, method: string, key: string, pools: Pools, random: Random): string {
  const pool = (name: string) => pools.ids[name] ?? [];
  if (key.endsWith('Id') || key === 'id' || key === 'upload') {
    const ids = pool(entityOf(method, key));
    if (ids.length > 0 && random.chance(0.9)) return random.pick(ids);
  }
  if (s.pattern) {
    const fits = PATTERN_SAMPLES.filter((sample) => new RegExp(s.pattern!).test(sample));
    if (fits.length > 0) return random.pick(fits);
  }
  if (key === 'phone' || (key === 'q' && random.chance(0.3))) {
    return pools.phones.length > 0 && random.chance(0.5) ? random.pick(pools.phones) : `13${random.text(9, '0123456789')}`;
  }
  if (key === 'name' && method === 'auth.login' && pools.staffNames.length > 0) return random.pick(pools.staffNames);
  if (/pin$/i.test(key)) return random.chance(0.5) ? random.pick(pools.pins) : random.text(random.int(4, 8), '0123456789');
  if (DATE_KEYS.test(key)) return random.chance(0.85) ? day(random) : new Date().toISOString();
  if (key === 'amount') return `${random.int(1, 2000)}.${random.text(2, '0123456789')}`;
  if (key === 'chainCode')
    return `BD-${random.text(4, 'ABCDEFGHJKMNPQRSTUVWXYZ23456789')}-${random.text(4, 'ABCDEFGHJKMNPQRSTUVWXYZ23456789')}`;
  if (key === 'branchCode') return `SH${random.int(2, 99)}`;
  if (key === 'email') return `m${random.int(1, 999)}@example.cn`;
  if (key === 'fileName') return random.pick(['members.csv', 'sales.csv', '会员.xlsx']);
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 20, min + 12);
  return random.text(random.int(Math.max(min, 1), Math.max(max, min, 1)), HAN);
}

function validNumber(s: JsonSchema, random: Random): number {
  const integer = s.type === 'integer';
  let min = s.minimum ?? (integer ? 0 : 0);
  let max = s.maximum ?? min + 1000;
  // Mostly everyday sizes: an amount of 10^11 is valid but says little.
  if (max - min > 10_000 && random.chance(0.8)) max = min + 1000;
  if (min < -10_000 && random.chance(0.8)) min = Math.max(min, -1000);
  const value = min + random.float() * (max - min);
  return integer ? Math.round(value) : Math.round(value * 100) / 100;
}

/** A value that should pass the schema (often not the service's own checks: an unknown id, a date out of range). */
export function validValue(s: JsonSchema, method: string, key: string, pools: Pools, random: Random, depth = 0): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return random.pick(s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const real = branches.filter((b) => b.type !== 'null');
    return validValue(real.length > 0 && random.chance(0.9) ? random.pick(real) : random.pick(branches), method, key, pools, random, depth);
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const type = types.length > 1 ? (random.chance(0.9) ? types.find((t) => t !== 'null')! : random.pick(types)) : types[0];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [k, sub] of Object.entries(s.properties ?? {})) {
        if (required.has(k) || random.chance(0.5)) out[k] = validValue(sub, method, k, pools, random, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = random.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 3));
      return Array.from({ length: n }, () => validValue(s.items ?? {}, method, key, pools, random, depth + 1));
    }
    case 'string':
      return validString(s, method, key, pools, random);
    case 'integer':
    case 'number':
      return validNumber(s, random);
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    default:
      // zod said nothing it could put in JSON Schema (a preprocess, a custom check): a guess by name.
      return DATE_KEYS.test(key) ? day(random) : random.pick([null, 'x', 1, true]);
  }
}
