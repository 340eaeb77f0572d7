/**
 * Data for the benchmarks (tests/bench): a deterministic municipality profile generated inside the
 * database with INSERT … SELECT generate_series (no client round trips, no extra packages), and the
 * plain-SQL submission the submit path is measured against. Not used by the application.
 *
 * Every value is derived from hashes of the row's position, so the same profile gives the same
 * answers on every run and on both engines.
 */
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Db } from './create-database.ts';
import { migrate } from './migrate.ts';

/** A scratch database on the DATABASE_URL server, dropped by `drop()`. */
export async function createScratchDatabase(
  url: string,
  prefix = 'kh_bench',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const withAdmin = async (fn: (admin: Kysely<unknown>) => Promise<unknown>) => {
    const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    try {
      await fn(admin);
    } finally {
      await admin.destroy();
    }
  };
  await withAdmin((admin) => sql`create database ${sql.id(name)}`.execute(admin));
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: () => withAdmin((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)),
  };
}

/** Migrates a fresh benchmark database. */
export async function prepareBenchDatabase(db: Db): Promise<void> {
  await migrate(db);
}

/** A questionnaire of `areas` × `perArea` indicators on a four-step scale (reference data). Returns its id. */
export async function createBenchQuestionnaire(db: Db, options: { areas: number; perArea: number }): Promise<string> {
  const key = `bench-${options.areas * options.perArea}`;
  const existing = await db
    .selectFrom('questionnaires')
    .select('id')
    .where('key', '=', key)
    .where('organizer_id', 'is', null)
    .executeTakeFirst();
  if (existing) return existing.id;
  const scale = JSON.stringify({
    steps: ['Inte påbörjat', 'Under utveckling', 'Etablerat', 'Genomsyrar verksamheten'].map((label, i) => ({ value: i + 1, label })),
    unknownLabel: 'Vet ej / ej aktuellt',
  });
  const { id } = await db
    .insertInto('questionnaires')
    .values({
      organizer_id: null,
      key,
      version: 1,
      school_form: 'grundskola',
      title: 'Benchmark',
      curriculum: 'Lgr22',
      introduction: 'Benchmark',
      scale,
      scale_steps: 4,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into areas (questionnaire_id, key, position, title, description)
    select ${id}::uuid, 'area-' || a, a, 'Område ' || a, '' from generate_series(1, ${options.areas}::int) as a`.execute(db);
  await sql`
    insert into indicators (questionnaire_id, area_id, key, position, statement, criteria)
    select ${id}::uuid, ar.id, 'ind-' || lpad(ar.position::text, 2, '0') || '-' || lpad(i::text, 2, '0'), i, 'Indikator ' || ar.position || '.' || i,
      '["Inte påbörjat","Under utveckling","Etablerat","Genomsyrar verksamheten"]'
    from areas as ar cross join generate_series(1, ${options.perArea}::int) as i
    where ar.questionnaire_id = ${id}::uuid`.execute(db);
  return id;
}

export interface ProfileOptions {
  key: string;
  questionnaireId: string;
  units: number;
  teamsPerUnit: number;
  rounds: number;
  /** Average respondents per unit and round; units vary from 30 % to 170 % of it. */
  respondentsPerUnit: number;
  /** The last round's closing date; earlier rounds are half a year apart. */
  lastClosesOn: string;
}

export interface LoadedProfile {
  organizerId: string;
  /** Oldest first. */
  roundIds: string[];
  unitIds: string[];
  answers: number;
}

/**
 * Loads one organizer of the municipality profile: units with teams, staff, rounds, participations,
 * responses and answers. The answers table's indexes and foreign-key triggers are off while it is
 * filled (callers run `finishBulkLoad` afterwards), which is how a bulk load is done.
 */
export async function loadMunicipalityProfile(db: Db, o: ProfileOptions): Promise<LoadedProfile> {
  // Uses a temporary table: `db` must hold a single connection (poolSize 1, or PGlite).
  const k = o.key;
  const { id: organizerId } = await db
    .insertInto('organizers')
    .values({ key: k, name: `Benchkommun ${k}`, kind: 'kommun', anonymity_threshold: 5, staff_can_see_results: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const org = sql`${organizerId}::uuid`;
  const id = (what: string, ...parts: RawBuilder<unknown>[]) => sql`md5(${k} || ${what} || ${sql.join(parts, sql` || '-' || `)})::uuid`;
  const r = sql.raw;
  // Unit size factor 0.3–1.7 (mean 1), varied ±10 % per round.
  const size = sql`greatest(1, round(${o.respondentsPerUnit}::numeric * (0.3 + (abs(hashtext(${k} || 'size' || u)) % 1000) / 1000.0 * 1.4)
      * (0.9 + (abs(hashtext(${k} || 'size' || u || '-' || rd)) % 100) / 500.0))::int)`;

  await sql`insert into school_units (organizer_id, id, key, name) select ${org}, ${id('unit', r('u'))}, 'unit-' || u, 'Enhet ' || lpad(u::text, 3, '0')
    from generate_series(1, ${o.units}::int) as u`.execute(db);
  await sql`insert into school_unit_forms (organizer_id, school_unit_id, school_form) select ${org}, ${id('unit', r('u'))}, 'grundskola'
    from generate_series(1, ${o.units}::int) as u`.execute(db);
  await sql`insert into teams (organizer_id, id, school_unit_id, key, name, school_form)
    select ${org}, ${id('team', r('u'), r('t'))}, ${id('unit', r('u'))}, 'team-' || u || '-' || t, 'Arbetslag ' || t, 'grundskola'
    from generate_series(1, ${o.units}::int) as u cross join generate_series(1, ${o.teamsPerUnit}::int) as t`.execute(db);
  await sql`insert into rounds (organizer_id, id, key, name, questionnaire_id, school_form, opens_on, closes_on)
    select ${org}, ${id('round', r('rd'))}, 'round-' || rd, 'Omgång ' || rd, ${o.questionnaireId}::uuid, 'grundskola',
      ${o.lastClosesOn}::date - (${o.rounds}::int - rd) * 182 - 25, ${o.lastClosesOn}::date - (${o.rounds}::int - rd) * 182
    from generate_series(1, ${o.rounds}::int) as rd`.execute(db);
  await sql`insert into round_units (organizer_id, round_id, school_unit_id)
    select ${org}, ${id('round', r('rd'))}, ${id('unit', r('u'))}
    from generate_series(1, ${o.rounds}::int) as rd cross join generate_series(1, ${o.units}::int) as u`.execute(db);

  // Staff: as many as the unit's largest round, spread over the teams.
  await sql`create temp table if not exists bench_sizes (u int, rd int, n int)`.execute(db);
  await sql`truncate bench_sizes`.execute(db);
  await sql`insert into bench_sizes select u, rd, ${size} from generate_series(1, ${o.units}::int) as u cross join generate_series(1, ${o.rounds}::int) as rd`.execute(
    db,
  );
  await sql`insert into users (organizer_id, id, key, name, email)
    select ${org}, ${id('user', r('u'), r('s'))}, 'user-' || u || '-' || s, 'Person ' || u || '-' || s, 'p' || u || '-' || s || '@bench.example'
    from (select u, max(n) as n from bench_sizes group by u) as m cross join lateral generate_series(1, m.n) as s`.execute(db);
  const teamOf = sql`1 + floor(${o.teamsPerUnit}::int * power((abs(hashtext(${k} || 'team' || u || '-' || s)) % 100) / 100.0, 1.5))::int`;
  await sql`insert into role_assignments (organizer_id, user_id, role, school_unit_id, team_id)
    select ${org}, ${id('user', r('u'), r('s'))}, 'staff', ${id('unit', r('u'))}, ${id('team', r('u'), sql`${teamOf}`)}
    from (select u, max(n) as n from bench_sizes group by u) as m cross join lateral generate_series(1, m.n) as s`.execute(db);
  await sql`insert into participations (organizer_id, round_id, school_unit_id, user_id, submitted_on)
    select ${org}, ${id('round', r('rd'))}, ${id('unit', r('u'))}, ${id('user', r('u'), r('s'))}, ${o.lastClosesOn}::date - (${o.rounds}::int - rd) * 182 - 10
    from bench_sizes cross join lateral generate_series(1, n) as s`.execute(db);
  // Responses are not linked to participations: their own ids, team from the same spread, 5 % without a team.
  await sql`insert into responses (organizer_id, id, round_id, school_unit_id, team_id, submitted_on)
    select ${org}, ${id('response', r('rd'), r('u'), r('s'))}, ${id('round', r('rd'))}, ${id('unit', r('u'))},
      case when abs(hashtext(${k} || 'noteam' || rd || '-' || u || '-' || s)) % 20 = 0 then null else ${id('team', r('u'), sql`${teamOf}`)} end,
      ${o.lastClosesOn}::date - (${o.rounds}::int - rd) * 182 - 10
    from bench_sizes cross join lateral generate_series(1, n) as s`.execute(db);

  // Answers: a level per unit, indicator and round plus a person's noise; 2 % "vet ej".
  await sql`
    insert into answers (organizer_id, response_id, indicator_id, value, dont_know)
    select ${org}, x.response_id, x.indicator_id, x.v, x.v is null
    from (
      select rs.id as response_id, i.id as indicator_id,
        case when (rs.h # (i.k * 2654435)) % 50 = 0 then null
          else greatest(1, least(4, (305 + rs.unit_effect + (i.k * 37) % 100 - 50 + rs.round_effect
            + abs(rs.h # (i.k * 40503)) % 100 + abs((rs.h * 31) # (i.k * 69069)) % 100 - 100) / 100))::smallint end as v
      from (
        select r.id, hashtext(r.id::text)::bigint as h,
          (abs(hashtext(r.school_unit_id::text)) % 120 - 60) as unit_effect,
          (abs(hashtext(r.round_id::text || r.school_unit_id::text)) % 40 - 20) as round_effect
        from responses as r where r.organizer_id = ${org}
      ) as rs
      cross join (
        select ind.id, row_number() over (order by ind.key)::int as k from indicators as ind where ind.questionnaire_id = ${o.questionnaireId}::uuid
      ) as i
    ) as x`.execute(db);

  const rounds = await db.selectFrom('rounds').select('id').where('organizer_id', '=', organizerId).orderBy('opens_on').execute();
  const units = await db.selectFrom('school_units').select('id').where('organizer_id', '=', organizerId).orderBy('key').execute();
  return { organizerId, roundIds: rounds.map((x) => x.id), unitIds: units.map((x) => x.id), answers: await countAnswers(db, organizerId) };
}

export async function countAnswers(db: Db, organizerId: string): Promise<number> {
  const row = await db
    .selectFrom('answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organizer_id', '=', organizerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Before a bulk load: the answers table without its two indexes, and (when the role may) foreign
 * keys not checked row by row, on a single-connection database handle.
 */
export async function startBulkLoad(db: Db): Promise<void> {
  try {
    await sql`set session_replication_role = replica`.execute(db);
  } catch {
    // Not a superuser: the load just checks foreign keys row by row.
  }
  await sql`set maintenance_work_mem = '512MB'`.execute(db);
  await sql`alter table answers drop constraint if exists answers_pkey`.execute(db);
  await sql`drop index if exists answers_indicator`.execute(db);
}

/** After a bulk load: the answers table's indexes back, exactly as the migration made them. */
export async function finishBulkLoad(db: Db): Promise<void> {
  await sql`alter table answers add constraint answers_pkey primary key (organizer_id, response_id, indicator_id)`.execute(db);
  await sql`create index answers_indicator on answers (indicator_id, organizer_id)`.execute(db);
  try {
    await sql`set session_replication_role = origin`.execute(db);
  } catch {
    // Was not changed.
  }
}

/**
 * The best index for computing results straight from the answers: responses are found through
 * responses_round_unit, and this index gives every answer of a response without visiting the table.
 */
export async function createNaiveIndex(db: Db): Promise<void> {
  await sql`set maintenance_work_mem = '512MB'`.execute(db);
  await sql`create index if not exists bench_answers_covering on answers (organizer_id, response_id) include (indicator_id, value)`.execute(
    db,
  );
}

export async function dropNaiveIndex(db: Db): Promise<void> {
  await sql`drop index if exists bench_answers_covering`.execute(db);
}

export async function vacuumAnalyze(db: Db): Promise<void> {
  await sql`vacuum analyze`.execute(db);
}

export interface SubmitProfile {
  organizerId: string;
  roundId: string;
  unitIds: string[];
  /** Team ids per unit, in unit order. */
  teamIds: string[][];
  userIds: string[];
  indicatorIds: string[];
}

/**
 * A generated organizer for the benchmarks and the load tests: `units` school units (grundskola)
 * with `teamsPerUnit` teams each and one open round over all of them, made inside the database in
 * a few statements. Ids are derived from `key` and shaped as version-4 UUIDs (the API's input
 * validation accepts only those); `uuid`, `unitId` and `teamId` give the same ids in SQL, for the
 * caller's own rows.
 */
export async function createSyntheticOrganizer(
  db: Db,
  o: {
    key: string;
    name: string;
    questionnaireId: string;
    units: number;
    teamsPerUnit: number;
    round: { key: string; name: string; opensOn: string; closesOn: string };
  },
) {
  const k = o.key;
  const { id: organizerId } = await db
    .insertInto('organizers')
    .values({ key: k, name: o.name, kind: 'kommun', anonymity_threshold: 5, staff_can_see_results: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const org = sql`${organizerId}::uuid`;
  const uuid = (text: RawBuilder<unknown>) => sql`overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
  const unitId = (u: unknown) => uuid(sql`${k} || 'unit' || ${u}`);
  const teamId = (u: unknown, t: unknown) => uuid(sql`${k} || 'team' || ${u} || '-' || ${t}`);
  await sql`insert into school_units (organizer_id, id, key, name) select ${org}, ${unitId(sql`u`)}, 'unit-' || u, 'Enhet ' || u
    from generate_series(1, ${o.units}::int) as u`.execute(db);
  await sql`insert into school_unit_forms (organizer_id, school_unit_id, school_form) select ${org}, ${unitId(sql`u`)}, 'grundskola'
    from generate_series(1, ${o.units}::int) as u`.execute(db);
  await sql`insert into teams (organizer_id, id, school_unit_id, key, name, school_form)
    select ${org}, ${teamId(sql`u`, sql`t`)}, ${unitId(sql`u`)}, 'team-' || u || '-' || t, 'Arbetslag ' || t, 'grundskola'
    from generate_series(1, ${o.units}::int) as u cross join generate_series(1, ${o.teamsPerUnit}::int) as t`.execute(db);
  const { id: roundId } = await db
    .insertInto('rounds')
    .values({
      organizer_id: organizerId,
      key: o.round.key,
      name: o.round.name,
      questionnaire_id: o.questionnaireId,
      school_form: 'grundskola',
      opens_on: o.round.opensOn,
      closes_on: o.round.closesOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into round_units (organizer_id, round_id, school_unit_id)
    select ${org}, ${roundId}::uuid, ${unitId(sql`u`)} from generate_series(1, ${o.units}::int) as u`.execute(db);
  const unitIds = await sql<{
    id: string;
  }>`select ${unitId(sql`u`)} as id from generate_series(1, ${o.units}::int) as u order by u`.execute(db);
  const teams = await db
    .selectFrom('teams')
    .select(['id', 'school_unit_id'])
    .where('organizer_id', '=', organizerId)
    .orderBy('key')
    .execute();
  const units = unitIds.rows.map((r) => ({ id: r.id, teamIds: teams.filter((t) => t.school_unit_id === r.id).map((t) => t.id) }));
  return { organizerId, roundId, units, org, uuid, unitId, teamId };
}

/** An organizer with one open round for submission benchmarks, and `users` people who have not answered. */
export async function createSubmitProfile(
  db: Db,
  o: { key: string; questionnaireId: string; units: number; teamsPerUnit: number; users: number; today: string },
): Promise<SubmitProfile> {
  const k = o.key;
  const { organizerId, roundId, units, org, uuid } = await createSyntheticOrganizer(db, {
    key: k,
    name: `Benchkommun ${k}`,
    questionnaireId: o.questionnaireId,
    units: o.units,
    teamsPerUnit: o.teamsPerUnit,
    round: { key: 'open', name: 'Öppen omgång', opensOn: o.today, closesOn: o.today },
  });
  await sql`insert into users (organizer_id, id, key, name, email)
    select ${org}, ${uuid(sql`${k} || 'user' || s`)}, 'user-' || s, 'Person ' || s, 'p' || s || '@bench.example'
    from generate_series(1, ${o.users}::int) as s`.execute(db);
  const users = await db.selectFrom('users').select('id').where('organizer_id', '=', organizerId).execute();
  const indicators = await db
    .selectFrom('indicators')
    .select('id')
    .where('questionnaire_id', '=', o.questionnaireId)
    .orderBy('area_id')
    .orderBy('position')
    .execute();
  return {
    organizerId,
    roundId,
    unitIds: units.map((u) => u.id),
    teamIds: units.map((u) => u.teamIds),
    userIds: users.map((u) => u.id),
    indicatorIds: indicators.map((i) => i.id),
  };
}

/**
 * The baseline: the same rows a submission stores (participation, response, answers) in one plain
 * SQL statement, with no totals.
 */
export async function plainSqlSubmit(
  db: Db,
  s: {
    organizerId: string;
    roundId: string;
    schoolUnitId: string;
    teamId: string | null;
    userId: string;
    submittedOn: string;
    answers: { indicatorId: string; value: number | null }[];
  },
): Promise<void> {
  await sql`
    with p as (
      insert into participations (organizer_id, round_id, school_unit_id, user_id, submitted_on)
      values (${s.organizerId}::uuid, ${s.roundId}::uuid, ${s.schoolUnitId}::uuid, ${s.userId}::uuid, ${s.submittedOn}::date)
    ),
    r as (
      insert into responses (organizer_id, round_id, school_unit_id, team_id, submitted_on)
      values (${s.organizerId}::uuid, ${s.roundId}::uuid, ${s.schoolUnitId}::uuid, ${s.teamId}::uuid, ${s.submittedOn}::date)
      returning id
    )
    insert into answers (organizer_id, response_id, indicator_id, value, dont_know)
    select ${s.organizerId}::uuid, r.id, a.indicator_id, a.value, a.value is null
    from r cross join unnest(${s.answers.map((a) => a.indicatorId)}::uuid[], ${s.answers.map((a) => a.value)}::smallint[]) as a(indicator_id, value)`.execute(
    db,
  );
}

/** A database handle for the benchmarks: PostgreSQL with a pool of `poolSize`, or PGlite in a folder. */
export function createBenchDatabase(target: { url: string; poolSize: number } | { dataDir: string }): Db {
  return 'url' in target
    ? createDatabase({ kind: 'postgres', url: target.url, poolSize: target.poolSize })
    : createDatabase({ kind: 'pglite', dataDir: target.dataDir });
}
