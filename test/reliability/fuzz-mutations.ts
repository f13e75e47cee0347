import type { Random } from './random';

// One thing made wrong in a valid-looking input (./fuzz-inputs.ts), or in the request carrying
// it: the body as the bridge will read it (text or bytes) and its content type.

export interface FuzzBody {
  /** how the input was made wrong ('valid' when it was not) */
  kind: string;
  body: string | Buffer;
  contentType: string | null;
}

type Path = Array<string | number>;

/** Every place in a value: the root, each key of an object, each item of an array. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function read(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
}

/** A copy of `value` with the place at `path` set to `next` (or removed, for undefined). */
function replaced(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  const child = replaced(copy[head], rest, next);
  if (child === undefined) delete copy[head];
  else copy[head] = child;
  return copy;
}

const UNICODE = [
  '１３８００１３８０００', // full-width digits
  'ＡＢＣ－１２３　全角',
  '😀👨‍👩‍👧‍👦🇨🇳',
  'e\u0301\u0301\u0301\u0301',
  '\u200b\u200d\ufeff',
  'a\u0000b',
  '\u202eevil',
  '\ud800',
  '\udfff\ud800',
  '𠀀𪚥𰻞',
  '\\"\'; DROP TABLE members; --',
  '%00%2e%2e%2f',
  '\r\n\t',
  '١٢٣٤٥٦٧٨٩٠',
];

const ODD_NUMBERS: unknown[] = [
  -1,
  0,
  -0,
  0.5,
  -0.01,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  '12',
  'NaN',
  'Infinity',
  '-0',
  '1e3',
  '0x10',
  null,
];

const WRONG_TYPES: unknown[] = [null, true, 0, -1, '', 'x', [], {}, [1, 'a'], { a: 1 }];

const EXTRA_KEYS: Array<[string, unknown]> = [
  ['__proto__', { role: 'admin' }],
  ['constructor', { prototype: { polluted: true } }],
  ['unexpected', 1],
  ['', ''],
  ['session', 'stolen'],
];

const BAD_JSON = [
  '{',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  'undefined',
  '{"a":1}}',
  '[1,2',
  '{"a":"\\x41"}',
  '{"a":1} trailing',
  '/* c */{}',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/xml',
  null,
];

/** Deep nesting written as text: building it as a value would overflow JSON.stringify in this process. */
function deep(depth: number, random: Random): string {
  return random.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const DEEP_MARK = '\u0000deep\u0000';

export const MUTATIONS = [
  'valid',
  'wrong_type',
  'missing_field',
  'huge_string',
  'unicode',
  'odd_number',
  'extra_key',
  'array_for_object',
  'deep_nesting',
  'not_an_object',
  'bad_json',
  'empty_body',
  'wrong_content_type',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** The request for a method's valid-looking input, made wrong by `mutation`. */
export function mutated(valid: unknown, mutation: Mutation, random: Random): FuzzBody {
  const json = (value: unknown, contentType: string | null = 'application/json'): FuzzBody => ({
    kind: mutation,
    body: JSON.stringify(value) ?? 'null',
    contentType,
  });
  const places = paths(valid);
  const leaf = () => random.pick(places.length > 1 ? places.slice(1) : places);
  switch (mutation) {
    case 'valid':
      return json(valid);
    case 'wrong_type':
      return json(replaced(valid, leaf(), random.pick(WRONG_TYPES)));
    case 'missing_field': {
      const keys = places.filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string');
      return json(keys.length > 0 ? replaced(valid, random.pick(keys), undefined) : {});
    }
    case 'huge_string': {
      // Up to just past the bridge's 1 MiB: a body over it is refused before it is read.
      const length = random.pick([300, 5_000, 100_000, 600_000]);
      return json(replaced(valid, leaf(), random.text(1, 'x国😀').repeat(length)));
    }
    case 'unicode':
      return json(replaced(valid, leaf(), random.pick(UNICODE)));
    case 'odd_number':
      return json(replaced(valid, leaf(), random.pick(ODD_NUMBERS)));
    case 'extra_key': {
      const objects = places.filter((p) => {
        const v = read(valid, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const [key, value] = random.pick(EXTRA_KEYS);
      const path = objects.length > 0 ? random.pick(objects) : [];
      const target = { ...((read(valid, path) as Record<string, unknown>) ?? {}) };
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return json(replaced(valid, path, target));
    }
    case 'array_for_object':
      return json(random.chance(0.5) ? [valid] : replaced(valid, leaf(), [read(valid, leaf())]));
    case 'deep_nesting': {
      const text = JSON.stringify(replaced(valid, leaf(), DEEP_MARK));
      return {
        kind: mutation,
        body: text.replace(JSON.stringify(DEEP_MARK), deep(random.pick([50, 2_000, 50_000, 200_000]), random)),
        contentType: 'application/json',
      };
    }
    case 'not_an_object':
      return json(random.pick([null, 42, 'text', true, [], [{}], -0.5]));
    case 'bad_json': {
      const text = JSON.stringify(valid) ?? '{}';
      const broken = random.pick([
        () => text.slice(0, random.int(0, Math.max(0, text.length - 1))),
        () => random.pick(BAD_JSON),
        () => `\ufeff${text}`,
        () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
        () => Buffer.from(Array.from({ length: random.int(1, 64) }, () => random.int(0, 255))),
      ])();
      return { kind: mutation, body: broken, contentType: 'application/json' };
    }
    case 'empty_body':
      return { kind: mutation, body: random.pick(['', ' ', '\n']), contentType: random.pick(['application/json', null]) };
    case 'wrong_content_type':
      return json(valid, random.pick(CONTENT_TYPES));
  }
}
