/**
 * fast-check arbitraries built from a procedure's input JSON Schema: inputs of the right shape with
 * hostile values (real ids of another organizer, closed rounds, unknown ids, huge and odd strings,
 * odd numbers), mixed with values of the wrong type and random JSON.
 */
import fc from 'fast-check';
import type { JsonSchema } from './procedure-inventory.ts';

export interface HostilePools {
  /** Real ids from the database: the persona's own, another unit's, another organizer's, closed rounds. */
  ids: readonly string[];
}

const HUGE = 'å'.repeat(120_000);

/** Strings that have broken servers before: empty, blank, huge, control characters, NUL, injection, odd unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    HUGE,
    'x'.repeat(2001),
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\u202eRTL',
    'åäö ÅÄÖ',
    '🙂'.repeat(300),
    "'; drop table users; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '2026-02-30',
    '0000-00-00',
    'NaN',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Numbers at the edges: of JavaScript, of PostgreSQL's integer and bigint, and not whole. Each is tried on every numeric field. */
export const EDGE_NUMBERS: readonly number[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  0,
  -0,
  1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
];

const hostileNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double(), fc.integer());

/** Any JSON, or undefined: the wrong type for almost every field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, 0, '', [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

function idArbitrary(pools: HostilePools): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pools.ids), weight: 5 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: hostileString, weight: 1 },
  );
}

function isIdField(name: string | undefined, schema: JsonSchema): boolean {
  return schema.format === 'uuid' || (name !== undefined && /(^id|Id|Ids)$/.test(name));
}

function stringArbitrary(schema: JsonSchema, name: string | undefined, pools: HostilePools): fc.Arbitrary<string> {
  if (isIdField(name, schema)) return idArbitrary(pools);
  if (schema.format === 'date') return fc.oneof(fc.constantFrom('2026-11-23', '2026-12-31', '2025-01-01', '2099-01-01'), hostileString);
  if (schema.format === 'date-time') return fc.oneof(fc.constantFrom('2026-11-23T10:00:00Z', '1970-01-01T00:00:00Z'), hostileString);
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  return fc.oneof(
    { arbitrary: fc.string({ minLength, maxLength: Math.max(minLength, maxLength) }), weight: 3 },
    { arbitrary: hostileString, weight: 2 },
    // Exactly one past the limit.
    ...(schema.maxLength !== undefined && schema.maxLength < 200_000
      ? [{ arbitrary: fc.constant('ö'.repeat(schema.maxLength + 1)), weight: 1 }]
      : []),
  );
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const integer = schema.type === 'integer';
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
  const inRange = integer
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
    : fc.double({ min, max, noNaN: true });
  return fc.oneof({ arbitrary: inRange, weight: 3 }, { arbitrary: hostileNumber, weight: 2 });
}

/** An arbitrary for values of `schema`, with hostile and wrong-typed values mixed in at every level. */
export function arbitraryFor(schema: JsonSchema, pools: HostilePools, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const wrong = { arbitrary: wrongType, weight: 1 };
  const shaped = (arbitrary: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary, weight: 6 }, wrong);

  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, pools, name, depth + 1)));
  if ('const' in schema) return shaped(fc.constant(schema.const));
  if (schema.enum)
    return shaped(fc.oneof({ arbitrary: fc.constantFrom(...schema.enum), weight: 4 }, { arbitrary: hostileString, weight: 1 }));

  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return shaped(stringArbitrary(schema, name, pools));
    case 'number':
    case 'integer':
      return shaped(numberArbitrary(schema));
    case 'boolean':
      return shaped(fc.boolean());
    case 'null':
      return shaped(fc.constant(null));
    case 'array': {
      const item = schema.items ? arbitraryFor(schema.items, pools, name, depth + 1) : wrongType;
      const maxLength = Math.min((schema.maxItems ?? 6) + 1, depth > 1 ? 3 : 6);
      const tooMany = schema.maxItems !== undefined && schema.maxItems <= 2000 ? schema.maxItems + 1 : 2001;
      return shaped(
        fc.oneof(
          { arbitrary: fc.array(item, { maxLength }), weight: 8 },
          // One more item than allowed (cheap items: the smallest id or string).
          { arbitrary: fc.constant(Array.from({ length: tooMany }, () => pools.ids[0] ?? 'x')), weight: 1 },
        ),
      );
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arbitraryFor(s, pools, key, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      );
      const extra =
        typeof schema.additionalProperties === 'object'
          ? fc.dictionary(
              fc.oneof(fc.string({ maxLength: 30 }), hostileString),
              arbitraryFor(schema.additionalProperties, pools, undefined, depth + 1),
              { maxKeys: depth > 1 ? 3 : 8 },
            )
          : fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 12 }), wrongType, { maxKeys: 2 }));
      return shaped(fc.tuple(record, extra).map(([known, unknown]) => ({ ...unknown, ...known })));
    }
    default:
      return wrongType;
  }
}

/** A procedure's input: shaped from its schema most of the time, otherwise anything at all. */
export function inputArbitrary(schema: JsonSchema | null, pools: HostilePools): fc.Arbitrary<unknown> {
  if (!schema) return wrongType;
  return fc.oneof({ arbitrary: arbitraryFor(schema, pools), weight: 5 }, { arbitrary: wrongType, weight: 1 });
}

/** Every path into a value (objects and arrays), the root excluded. */
/** The paths of the numbers in `value`, e.g. [['revision'], ['indicators', 0, 'targetMean']]. */
export function numberPaths(value: unknown): (string | number)[][] {
  return pathsOf(value).filter(
    (path) => typeof path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], value) === 'number',
  );
}

export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => [[...prefix, key], ...pathsOf(v, [...prefix, key])]);
}

/** A copy of `value` with the value at `path` replaced (undefined removes the key). */
export function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const next = replaceAt(copy[head], rest, replacement);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** A hostile value for one field of an otherwise valid input. */
export function hostileValue(pools: HostilePools): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pools.ids), weight: 4 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: hostileString, weight: 4 },
    { arbitrary: hostileNumber, weight: 2 },
    { arbitrary: wrongType, weight: 2 },
    { arbitrary: fc.constant(Array.from({ length: 2001 }, (_, i) => pools.ids[i % pools.ids.length])), weight: 1 },
  );
}

/** A valid input with one field (or a nested one) replaced by a hostile value, or an unknown field added. */
export function oneHostileField(base: unknown, pools: HostilePools): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  if (paths.length === 0) return fc.oneof(hostileValue(pools), fc.constant(base));
  return fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom(...paths), hostileValue(pools)).map(([path, v]) => replaceAt(base, path, v)), weight: 8 },
    { arbitrary: fc.constantFrom(...paths).map((path) => replaceAt(base, path, undefined)), weight: 1 },
    { arbitrary: hostileValue(pools).map((v) => replaceAt(base, ['__okänt_fält'], v)), weight: 1 },
  );
}
