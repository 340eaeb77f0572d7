/**
 * Bad input against every procedure, in two layers per procedure:
 * 1. inputs generated from the procedure's own input schema (right shape, hostile values: another
 *    organizer's real ids, closed rounds, unknown ids, huge and odd strings, odd numbers) and beyond
 *    it (wrong types, random JSON), sent as a random persona;
 * 2. a valid input (the authorisation matrix's, for a role allowed to call) with one field replaced
 *    by a hostile value, removed, or an unknown field added, sent as that role; and, not left to
 *    chance, every edge number (NaN, 2^31, 1e308 ...) in each of its numeric fields.
 * fast-check's seed is fixed (fuzz-seed.ts); FUZZ_SEED=random explores new inputs.
 * Every call must either succeed without returning or changing another organizer's data (or, for
 * rektorer and staff, another unit's), or fail with a TRPCError that is not INTERNAL_SERVER_ERROR
 * and carries a Swedish message. Mutations run too, on this file's own throwaway database.
 */
import { type Db, listTenantTables, organizerDataDigest, type SessionUser, TenantFilterPlugin } from '@kvalitetshjulet/db';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../router.ts';
import { callerAs } from '../testing.ts';
import { AUTHORIZATION_MATRIX, ROLE_PERSONA, ROLES } from './authorization-matrix.ts';
import { createMatrixSetup, type MatrixSetup } from './matrix-fixtures.ts';
import { callByPath, clientMessage, inputJsonSchema, isSwedishMessage, listProcedures, type ProcedureInfo } from './procedure-inventory.ts';
import { EDGE_NUMBERS, type HostilePools, inputArbitrary, numberPaths, oneHostileField, replaceAt } from './schema-arbitrary.ts';
import { organizerIds, type World } from './world.ts';

/** Generated inputs per procedure: from the schema (as any persona), and valid ones with one hostile field. */
const SCHEMA_RUNS = 12;
const FIELD_RUNS = 12;

const PERSONAS = [
  'Anna Lindqvist',
  'Lena Ek',
  'Erik Johansson',
  'Karin Holm',
  'Maria Svensson',
  'Sara Nilsson',
  'Per Bäck',
  'Olle Strand',
  null,
];

let t: TestDatabase;
let checked: Db;
let setup: MatrixSetup;
let world: World;
let tenantTables: string[];
let pools: HostilePools;
const tally = { procedures: 0, withValid: 0, inputs: 0, succeeded: 0, refused: new Map<string, number>() };

beforeAll(async () => {
  t = await createTestDatabase();
  checked = t.db.withPlugin(new TenantFilterPlugin());
  setup = await createMatrixSetup(t.db);
  world = setup.world;
  tenantTables = (await listTenantTables(t.db)).filter((name) => name !== 'sessions');
  const ids: string[] = [];
  for (const o of world.byId.values()) {
    ids.push(...o.units.map((u) => u.id), ...o.teams.map((x) => x.id), ...o.rounds.map((r) => r.id));
    ids.push(...o.rounds.filter((r) => r.closed).map((r) => r.id)); // closed rounds twice as often
    ids.push(...o.userIds.slice(0, 20), ...o.roleIds.slice(0, 20), ...o.questionnaireIds, ...o.providerIds, ...o.draftIds);
  }
  pools = { ids: [...ids, ...world.standardQuestionnaireIds, '00000000-0000-0000-0000-000000000000'] };
});
afterAll(async () => {
  const refused = [...tally.refused].map(([code, n]) => `${code} ${n}`).join(', ');
  console.info(
    `bad input: ${tally.procedures} procedures; ${SCHEMA_RUNS} inputs from the schema each, ${FIELD_RUNS} more with one hostile field ` +
      `for the ${tally.withValid} with a valid input (${tally.inputs} calls); ${tally.succeeded} succeeded; refused: ${refused}`,
  );
  await t?.destroy();
});

interface Persona {
  caller: ReturnType<typeof createCaller>;
  session: SessionUser | null;
  /** Ids of another organizer, and for rektorer and staff of units (and their teams) that are not theirs. */
  forbidden: Map<string, string>;
}

const personas = new Map<string, Promise<Persona>>();

/** The persona's caller, made once and made again after a change (a mutation may end a session or change roles). */
function persona(name: string | null): Promise<Persona> {
  const key = name ?? '';
  const cached = personas.get(key);
  if (cached) return cached;
  const made = makePersona(name);
  personas.set(key, made);
  return made;
}

async function makePersona(name: string | null): Promise<Persona> {
  const { ctx } = await callerAs(t.db, name ?? undefined);
  const session = ctx.session;
  const forbidden = new Map<string, string>();
  for (const o of world.byId.values()) {
    if (o.id !== session?.organizerId) {
      for (const id of organizerIds(o)) forbidden.set(id, 'another organizer');
      continue;
    }
    if (!session || session.roles.some((r) => r.role === 'organizer' || r.role === 'admin')) continue;
    const mine = new Set(session.roles.map((r) => r.schoolUnitId));
    for (const u of o.units) if (!mine.has(u.id)) forbidden.set(u.id, 'another unit');
    for (const x of o.teams) if (!mine.has(x.unitId)) forbidden.set(x.id, 'a team of another unit');
  }
  return { caller: createCaller({ ...ctx, db: checked }), session, forbidden };
}

/** The values of id fields (id, roundId, schoolUnitIds ...) anywhere in a result; names and texts are not ids. */
function idsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /(^id|Id|Ids)$/.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => idsIn(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => idsIn(v, k));
  return [];
}

/**
 * Procedures that by design return ids outside the persona's units, with why (docs/reliability.md):
 * the demo login's list and the login page's providers are public; a rektor's round overview and
 * årshjul list the rounds (of several units) that include their own units.
 */
const MAY_NAME_OTHER_UNITS: Record<string, string> = {
  'session.demoPersonas': 'public list of demo personas of every organizer',
  'identity.loginProviders': 'public list of login providers',
};
/** Logging in as a demo persona of any organizer writes that organizer's audit log and sessions: that is the point of it. */
const WRITES_ANY_ORGANIZER = new Set(['session.demoLogin']);

async function check(procedure: ProcedureInfo, name: string | null, input: unknown): Promise<void> {
  tally.inputs++;
  const who = await persona(name);
  const other = who.session ? [...world.byId.values()].find((o) => o.id !== who.session?.organizerId) : undefined;
  const watch = procedure.type === 'mutation' && other && !WRITES_ANY_ORGANIZER.has(procedure.path);
  const before = watch && other ? await organizerDataDigest(t.db, other.id, tenantTables) : null;
  const outcome = await callByPath(who.caller, procedure.path, input).then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (before && other) {
    const after = await organizerDataDigest(t.db, other.id, tenantTables);
    const changed = tenantTables.filter((table) => before[table] !== after[table]);
    if (changed.length > 0) throw new Error(`Changed another organizer's data: ${changed.join(', ')}`);
  }
  if (!outcome.ok) {
    const error = outcome.error;
    if (!(error instanceof TRPCError)) throw new Error(`Not a TRPCError: ${String(error)}`);
    tally.refused.set(error.code, (tally.refused.get(error.code) ?? 0) + 1);
    if (error.code === 'INTERNAL_SERVER_ERROR') throw new Error(`500: ${error.message} (${String(error.cause)})`);
    const message = clientMessage(error);
    if (!isSwedishMessage(message)) throw new Error(`Not a clear Swedish message (${error.code}): ${message.slice(0, 300)}`);
    return;
  }
  const result = outcome.result;
  tally.succeeded++;
  if (procedure.type === 'mutation') personas.clear();
  if (procedure.path in MAY_NAME_OTHER_UNITS) return;
  // An id the caller sent itself (e.g. the browser-chosen draft id) coming back is no leak.
  const sent = new Set(JSON.stringify(input ?? null).match(/[0-9a-f-]{36}/g) ?? []);
  const leaked = [...new Set(idsIn(result))].filter((id) => who.forbidden.has(id) && !sent.has(id));
  if (leaked.length > 0) throw new Error(`Returned ids of ${leaked.map((id) => `${who.forbidden.get(id)} (${id})`).join(', ')}`);
}

/** Valid inputs of the matrix row, one per role allowed to call for its own unit. */
async function validInputs(path: string): Promise<{ name: string | null; input: unknown }[]> {
  const row = AUTHORIZATION_MATRIX[path];
  if (!row) return [];
  setup.setRow(`bad-input:${path}`);
  const valid: { name: string | null; input: unknown }[] = [];
  for (const role of ROLES) {
    const e = row.expect[role];
    if ((typeof e === 'string' ? e : e[0]) !== 'ok') continue;
    valid.push({ name: ROLE_PERSONA[role], input: await row.input(setup.targetFor(role, 'ownUnit'), setup.fx) });
  }
  return valid;
}

describe('bad input against every procedure', () => {
  it('finds the procedures', () => {
    expect(listProcedures().length).toBeGreaterThan(40);
  });

  it('gives a draft a new id when the browser sends the id of another person’s draft (was a 500)', async () => {
    const other = await t.db
      .selectFrom('drafts as d')
      .innerJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'd.organizer_id').onRef('u.id', '=', 'd.user_id'))
      .select('d.id')
      .where('u.name', '<>', 'Anna Lindqvist')
      .where('d.organizer_id', '=', world.byKey.exempelstad.id)
      .executeTakeFirstOrThrow();
    const anna = await persona('Anna Lindqvist');
    setup.setRow('draft-id-collision');
    const round = await setup.fx.soloRound(setup.targetFor('teamLead', 'ownUnit'));
    const saved = await anna.caller.survey.saveDraft({
      roundId: round,
      schoolUnitId: setup.targetFor('teamLead', 'ownUnit').unitId,
      draftId: other.id,
      answers: {},
      comments: {},
      revision: 1,
    });
    expect(saved.applied).toBe(true);
    expect(saved.draftId).not.toBe(other.id);
    const kept = await t.db.selectFrom('drafts').select('user_id').where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(kept.user_id).not.toBe(anna.session?.userId);
  });

  it('notices a write to another organizer (so the check after each mutation can fail)', async () => {
    const other = world.byKey.backaskolan;
    const before = await organizerDataDigest(t.db, other.id, tenantTables);
    const team = other.teams[0];
    if (!team) throw new Error('the other organizer has no team');
    await t.db.updateTable('teams').set({ name: team.name }).where('organizer_id', '=', other.id).where('id', '=', team.id).execute();
    const after = await organizerDataDigest(t.db, other.id, tenantTables);
    expect(tenantTables.filter((table) => before[table] !== after[table])).toEqual(['teams']);
  });

  for (const procedure of listProcedures()) {
    it(`${procedure.path}: never a 500, never another unit's or organizer's data, always a Swedish error`, async () => {
      tally.procedures++;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...PERSONAS), inputArbitrary(inputJsonSchema(procedure), pools), (name, input) =>
          check(procedure, name, input),
        ),
        { numRuns: SCHEMA_RUNS },
      );
      const valid = await validInputs(procedure.path);
      if (valid.length === 0) return;
      tally.withValid++;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...valid).chain((v) => oneHostileField(v.input, pools).map((input) => ({ name: v.name, input }))),
          ({ name, input }) => check(procedure, name, input),
        ),
        { numRuns: FIELD_RUNS },
      );
      // Every edge number in every numeric field, not left to chance (2^31 in a revision was a 500).
      for (const v of valid) {
        for (const path of numberPaths(v.input)) {
          for (const edge of EDGE_NUMBERS) await check(procedure, v.name, replaceAt(v.input, path, edge));
        }
      }
    });
  }
});
