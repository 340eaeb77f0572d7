import type { Compilable, CompiledQuery, QueryResult, RawBuilder } from 'kysely';
import type { Db } from './create-database.ts';

const MARKER = '\u0000kh-parameter:';

type Slot<P> = { key: keyof P } | { value: unknown };

/**
 * A query that every request runs (the session, a staff member's access, an autosave, a submit),
 * built and compiled by Kysely once per database handle instead of on every call: under load,
 * building and compiling the same queries again took a tenth of the server's time. The query is
 * built with a marker in place of each named parameter; each call puts the values in those places
 * of the same SQL text.
 *
 * Every parameter must be a single value in the query (`= $1`, a column value, an array passed as
 * one array parameter): the first compile refuses a parameter that was expanded (an `in` list),
 * written into the SQL text or left out.
 */
export function compileOnce<P extends object, O>(
  build: (db: Db, parameters: P) => Compilable<O> | RawBuilder<O>,
): (db: Db, parameters: P) => Promise<QueryResult<O>> {
  const compiled = new WeakMap<Db, { query: CompiledQuery<O>; slots: Slot<P>[] }>();
  return (db, parameters) => {
    let entry = compiled.get(db);
    if (!entry) {
      entry = compile(db, build, Object.keys(parameters) as (keyof P & string)[]);
      compiled.set(db, entry);
    }
    const values = entry.slots.map((slot) => ('key' in slot ? parameters[slot.key] : slot.value));
    return db.executeQuery<O>({ ...entry.query, parameters: values });
  };
}

function compile<P extends object, O>(
  db: Db,
  build: (db: Db, parameters: P) => Compilable<O> | RawBuilder<O>,
  keys: (keyof P & string)[],
): { query: CompiledQuery<O>; slots: Slot<P>[] } {
  const markers = Object.fromEntries(keys.map((key) => [key, `${MARKER}${key}`])) as unknown as P;
  const built = build(db, markers);
  const query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
  if (query.sql.includes(MARKER)) throw new Error(`compileOnce: a parameter was written into the SQL text: ${query.sql}`);
  const slots: Slot<P>[] = query.parameters.map((value) =>
    typeof value === 'string' && value.startsWith(MARKER) ? { key: value.slice(MARKER.length) as keyof P } : { value },
  );
  const used = new Set(slots.flatMap((slot) => ('key' in slot ? [slot.key] : [])));
  const missing = keys.filter((key) => !used.has(key));
  if (missing.length > 0) throw new Error(`compileOnce: parameters not used as values in the query: ${missing.join(', ')}`);
  return { query, slots };
}
