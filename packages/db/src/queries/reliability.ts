/**
 * Set-up and verification for the reliability tests (tests/load, tests/reliability): an organizer
 * with many logged-in staff for a load burst, and the checks run after it (every acknowledged
 * submission stored exactly once, no draft revision lost, totals equal a recompute). Also the
 * row counts per table used to compare a restored backup with its source. Not used by the app.
 */
import { sql } from 'kysely';
import { createSyntheticOrganizer } from '../bench-profile.ts';
import type { Db } from '../create-database.ts';
import type { DraftAnswerValue } from '../schema.ts';

export interface LoadStaffProfile {
  organizerId: string;
  roundId: string;
  units: { id: string; teamIds: string[] }[];
  /** Every staff member with the session token for the cookie, in unit then staff order. */
  staff: { userId: string; schoolUnitId: string; teamId: string; token: string }[];
}

/**
 * An organizer with one open round and `staffPerUnit[u]` staff in unit u, each in a team and with a
 * live session whose cookie token is `${tokenPrefix}-${u}-${s}` (the stored id is its SHA-256, as
 * for a real login). Everything is generated inside the database in a few statements.
 */
export async function createLoadStaffProfile(
  db: Db,
  o: {
    key: string;
    questionnaireId: string;
    staffPerUnit: number[];
    teamsPerUnit: number;
    opensOn: string;
    closesOn: string;
    tokenPrefix: string;
    now: Date;
    sessionExpiresAt: Date;
  },
): Promise<LoadStaffProfile> {
  const k = o.key;
  const unitCount = o.staffPerUnit.length;
  const { organizerId, roundId, units, org, uuid, unitId, teamId } = await createSyntheticOrganizer(db, {
    key: k,
    name: `Lasttest ${k}`,
    questionnaireId: o.questionnaireId,
    units: unitCount,
    teamsPerUnit: o.teamsPerUnit,
    round: { key: 'load', name: 'Lasttestets omgång', opensOn: o.opensOn, closesOn: o.closesOn },
  });

  const staffRows = sql`(select u, s, 1 + (s % ${o.teamsPerUnit}::int) as t
    from unnest(${o.staffPerUnit}::int[]) with ordinality as sizes(n, u) cross join lateral generate_series(1, sizes.n) as s)`;
  const userId = uuid(sql`${k} || 'user' || u || '-' || s`);
  await sql`insert into users (organizer_id, id, key, name, email)
    select ${org}, ${userId}, 'user-' || u || '-' || s, 'Person ' || u || '-' || s, 'p' || u || '-' || s || '@last.example'
    from ${staffRows} as x`.execute(db);
  await sql`insert into role_assignments (organizer_id, user_id, role, school_unit_id, team_id)
    select ${org}, ${userId}, 'staff', ${unitId(sql`u`)}, ${teamId(sql`u`, sql`t`)} from ${staffRows} as x`.execute(db);
  await sql`insert into sessions (id, organizer_id, user_id, created_at, last_seen_at, expires_at)
    select encode(sha256(convert_to(${o.tokenPrefix} || '-' || u || '-' || s, 'UTF8')), 'hex'), ${org}, ${userId},
      ${o.now}, ${o.now}, ${o.sessionExpiresAt}
    from ${staffRows} as x`.execute(db);

  const staff = await sql<{ user_id: string; school_unit_id: string; team_id: string; u: number; s: number }>`
    select ${userId} as user_id, ${unitId(sql`u`)} as school_unit_id, ${teamId(sql`u`, sql`t`)} as team_id, u::int as u, s
    from ${staffRows} as x order by u, s`.execute(db);
  return {
    organizerId,
    roundId,
    units,
    staff: staff.rows.map((r) => ({
      userId: r.user_id,
      schoolUnitId: r.school_unit_id,
      teamId: r.team_id,
      token: `${o.tokenPrefix}-${r.u}-${r.s}`,
    })),
  };
}

/** Who has a participation in the round. The primary key allows at most one per person and unit. */
export async function listParticipantIds(db: Db, organizerId: string, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('participations')
    .select('user_id')
    .where('organizer_id', '=', organizerId)
    .where('round_id', '=', roundId)
    .execute();
  return rows.map((r) => r.user_id);
}

export interface UnitSubmissionCounts {
  schoolUnitId: string;
  participations: number;
  responses: number;
  areaComments: number;
}

/** Per unit: participations, anonymous responses and area comments in the round. */
export async function countSubmissionsPerUnit(db: Db, organizerId: string, roundId: string): Promise<UnitSubmissionCounts[]> {
  const result = await sql<{ school_unit_id: string; participations: number; responses: number; area_comments: number }>`
    select u.school_unit_id,
      (select count(*) from participations as p
        where p.organizer_id = u.organizer_id and p.round_id = u.round_id and p.school_unit_id = u.school_unit_id)::int as participations,
      (select count(*) from responses as r
        where r.organizer_id = u.organizer_id and r.round_id = u.round_id and r.school_unit_id = u.school_unit_id)::int as responses,
      (select count(*) from area_comments as c join responses as r on r.organizer_id = c.organizer_id and r.id = c.response_id
        where r.organizer_id = u.organizer_id and r.round_id = u.round_id and r.school_unit_id = u.school_unit_id)::int as area_comments
    from round_units as u
    where u.organizer_id = ${organizerId}::uuid and u.round_id = ${roundId}::uuid
    order by u.school_unit_id`.execute(db);
  return result.rows.map((r) => ({
    schoolUnitId: r.school_unit_id,
    participations: r.participations,
    responses: r.responses,
    areaComments: r.area_comments,
  }));
}

/** How many responses in the round have each number of answers (a torn submission would show up here). */
export async function countResponsesByAnswerCount(
  db: Db,
  organizerId: string,
  roundId: string,
): Promise<{ answers: number; responses: number }[]> {
  const result = await sql<{ answers: number; responses: number }>`
    select answers, count(*)::int as responses from (
      select r.id, (select count(*) from answers as a where a.organizer_id = r.organizer_id and a.response_id = r.id)::int as answers
      from responses as r where r.organizer_id = ${organizerId}::uuid and r.round_id = ${roundId}::uuid
    ) as x group by answers order by answers`.execute(db);
  return result.rows;
}

export interface UnitIndicatorFigures {
  schoolUnitId: string;
  indicatorId: string;
  /** Answers with a value. */
  n: number;
  sum: number;
  dontKnow: number;
}

/** Figures recomputed from the raw answers, per unit and indicator. */
export async function answerFiguresPerUnit(db: Db, organizerId: string, roundId: string): Promise<UnitIndicatorFigures[]> {
  const result = await sql<{ school_unit_id: string; indicator_id: string; n: number; sum: number; dont_know: number }>`
    select r.school_unit_id, a.indicator_id, count(a.value)::int as n, coalesce(sum(a.value), 0)::int as sum,
      (count(*) - count(a.value))::int as dont_know
    from answers as a join responses as r on r.organizer_id = a.organizer_id and r.id = a.response_id
    where r.organizer_id = ${organizerId}::uuid and r.round_id = ${roundId}::uuid and a.organizer_id = ${organizerId}::uuid
    group by r.school_unit_id, a.indicator_id`.execute(db);
  return result.rows.map((r) => ({
    schoolUnitId: r.school_unit_id,
    indicatorId: r.indicator_id,
    n: r.n,
    sum: r.sum,
    dontKnow: r.dont_know,
  }));
}

export interface StoredDraftRow {
  userId: string;
  id: string;
  revision: number;
  answers: Record<string, DraftAnswerValue>;
  comments: Record<string, string>;
}

/** Every stored draft in the round. */
export async function listRoundDrafts(db: Db, organizerId: string, roundId: string): Promise<StoredDraftRow[]> {
  const rows = await db
    .selectFrom('drafts')
    .select(['user_id', 'id', 'revision', 'answers', 'comments'])
    .where('organizer_id', '=', organizerId)
    .where('round_id', '=', roundId)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, id: r.id, revision: r.revision, answers: r.answers, comments: r.comments }));
}

/** Exact row counts of every table in the public schema, by table name. */
export async function countRowsPerTable(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts[name] = row.rows[0]?.n ?? 0;
  }
  return counts;
}

/** Every organizer's id (for checks that go through all tenants, e.g. after a restore). */
export async function listOrganizerIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('organizers').select('id').orderBy('key').execute();
  return rows.map((r) => r.id);
}
