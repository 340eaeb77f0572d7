import type { Db } from '../create-database.ts';
import type { IsoDate } from '../schema.ts';

export interface ConsensusTeam {
  teamId: string;
  teamName: string;
  schoolForm: string;
  schoolUnitId: string;
  unitName: string;
  roundId: string;
  roundName: string;
  questionnaireId: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
}

/** The team and the round, when the team's unit takes part in the round and the team works in its school form. */
export async function findConsensusTeam(db: Db, organizerId: string, roundId: string, teamId: string): Promise<ConsensusTeam | null> {
  const row = await db
    .selectFrom('teams as t')
    .innerJoin('round_units as ru', (j) =>
      j.onRef('ru.organizer_id', '=', 't.organizer_id').onRef('ru.school_unit_id', '=', 't.school_unit_id'),
    )
    .innerJoin('rounds as r', (j) => j.onRef('r.organizer_id', '=', 'ru.organizer_id').onRef('r.id', '=', 'ru.round_id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 't.organizer_id').onRef('su.id', '=', 't.school_unit_id'))
    .select([
      't.id as team_id',
      't.name as team_name',
      't.school_form',
      'su.id as school_unit_id',
      'su.name as unit_name',
      'r.id as round_id',
      'r.name as round_name',
      'r.questionnaire_id',
      'r.opens_on',
      'r.closes_on',
      'r.closed_early_on',
    ])
    .where('t.organizer_id', '=', organizerId)
    .where('t.id', '=', teamId)
    .where('ru.round_id', '=', roundId)
    .whereRef('r.school_form', '=', 't.school_form')
    .executeTakeFirst();
  if (!row) return null;
  return {
    teamId: row.team_id,
    teamName: row.team_name,
    schoolForm: row.school_form,
    schoolUnitId: row.school_unit_id,
    unitName: row.unit_name,
    roundId: row.round_id,
    roundName: row.round_name,
    questionnaireId: row.questionnaire_id,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    closedEarlyOn: row.closed_early_on,
  };
}

/** How many of the team's members have submitted (anonymous responses carrying the team). */
export async function countTeamResponses(db: Db, organizerId: string, roundId: string, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('responses')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('organizer_id', '=', organizerId)
    .where('round_id', '=', roundId)
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface TeamIndicatorCounts {
  indicatorId: string;
  /** count per step value (1-based) */
  counts: Record<number, number>;
  dontKnow: number;
}

/** The team's individual answers per indicator as counts. One team's answers: a small read. */
export async function teamAnswerCounts(db: Db, organizerId: string, roundId: string, teamId: string): Promise<TeamIndicatorCounts[]> {
  const rows = await db
    .selectFrom('answers as a')
    .innerJoin('responses as r', (j) => j.onRef('r.organizer_id', '=', 'a.organizer_id').onRef('r.id', '=', 'a.response_id'))
    .select(['a.indicator_id', 'a.value', (e) => e.fn.countAll<number>().as('n')])
    .where('r.organizer_id', '=', organizerId)
    .where('r.round_id', '=', roundId)
    .where('r.team_id', '=', teamId)
    .groupBy(['a.indicator_id', 'a.value'])
    .execute();
  const byIndicator = new Map<string, TeamIndicatorCounts>();
  for (const row of rows) {
    const entry = byIndicator.get(row.indicator_id) ?? { indicatorId: row.indicator_id, counts: {}, dontKnow: 0 };
    if (row.value === null) entry.dontKnow += Number(row.n);
    else entry.counts[row.value] = Number(row.n);
    byIndicator.set(row.indicator_id, entry);
  }
  return [...byIndicator.values()];
}

export interface StoredGroupRating {
  indicatorId: string;
  value: number | null;
  reason: string;
  updatedByName: string;
  updatedAt: Date;
}

export async function listGroupRatings(db: Db, organizerId: string, roundId: string, teamId: string): Promise<StoredGroupRating[]> {
  const rows = await db
    .selectFrom('group_ratings as g')
    .innerJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'g.organizer_id').onRef('u.id', '=', 'g.updated_by'))
    .select(['g.indicator_id', 'g.value', 'g.reason', 'u.name', 'g.updated_at'])
    .where('g.organizer_id', '=', organizerId)
    .where('g.round_id', '=', roundId)
    .where('g.team_id', '=', teamId)
    .execute();
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    value: r.value,
    reason: r.reason,
    updatedByName: r.name,
    updatedAt: r.updated_at,
  }));
}

export async function saveGroupRating(
  db: Db,
  rating: {
    organizerId: string;
    roundId: string;
    teamId: string;
    indicatorId: string;
    value: number | null;
    reason: string;
    userId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('group_ratings')
    .values({
      organizer_id: rating.organizerId,
      round_id: rating.roundId,
      team_id: rating.teamId,
      indicator_id: rating.indicatorId,
      value: rating.value,
      dont_know: rating.value === null,
      reason: rating.reason,
      updated_by: rating.userId,
      updated_at: rating.now,
    })
    .onConflict((oc) =>
      oc.columns(['organizer_id', 'round_id', 'team_id', 'indicator_id']).doUpdateSet({
        value: (eb) => eb.ref('excluded.value'),
        dont_know: (eb) => eb.ref('excluded.dont_know'),
        reason: (eb) => eb.ref('excluded.reason'),
        updated_by: (eb) => eb.ref('excluded.updated_by'),
        updated_at: (eb) => eb.ref('excluded.updated_at'),
      }),
    )
    .execute();
}

export interface LeadableTeam {
  teamId: string;
  teamName: string;
  schoolUnitId: string;
  unitName: string;
  roundId: string;
  roundName: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
  submitted: number;
  members: number;
}

/** Teams with a round, among the given units (rektor, organizer) or teams (team leads). */
export async function listConsensusTeams(
  db: Db,
  organizerId: string,
  scope: { unitIds: readonly string[] | 'all'; teamIds: readonly string[] },
): Promise<LeadableTeam[]> {
  if (scope.unitIds !== 'all' && scope.unitIds.length === 0 && scope.teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('teams as t')
    .innerJoin('round_units as ru', (j) =>
      j.onRef('ru.organizer_id', '=', 't.organizer_id').onRef('ru.school_unit_id', '=', 't.school_unit_id'),
    )
    .innerJoin('rounds as r', (j) => j.onRef('r.organizer_id', '=', 'ru.organizer_id').onRef('r.id', '=', 'ru.round_id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 't.organizer_id').onRef('su.id', '=', 't.school_unit_id'))
    .select((eb) => [
      't.id as team_id',
      't.name as team_name',
      'su.id as school_unit_id',
      'su.name as unit_name',
      'r.id as round_id',
      'r.name as round_name',
      'r.opens_on',
      'r.closes_on',
      'r.closed_early_on',
      eb
        .selectFrom('responses as rs')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('rs.organizer_id', '=', organizerId)
        .whereRef('rs.round_id', '=', 'r.id')
        .whereRef('rs.team_id', '=', 't.id')
        .as('submitted'),
      eb
        .selectFrom('role_assignments as ra')
        .select((e) => e.fn.count<number>('ra.user_id').distinct().as('n'))
        .where('ra.organizer_id', '=', organizerId)
        .whereRef('ra.team_id', '=', 't.id')
        .where('ra.role', '=', 'staff')
        .as('members'),
    ])
    .where('t.organizer_id', '=', organizerId)
    .whereRef('t.school_form', '=', 'r.school_form')
    .where((eb) => {
      const conditions = [];
      if (scope.unitIds === 'all') conditions.push(eb.lit(true));
      else if (scope.unitIds.length > 0) conditions.push(eb('t.school_unit_id', 'in', scope.unitIds));
      if (scope.teamIds.length > 0) conditions.push(eb('t.id', 'in', scope.teamIds));
      return eb.or(conditions);
    })
    .orderBy('r.opens_on', 'desc')
    .orderBy('su.name')
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    schoolUnitId: r.school_unit_id,
    unitName: r.unit_name,
    roundId: r.round_id,
    roundName: r.round_name,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    closedEarlyOn: r.closed_early_on,
    submitted: Number(r.submitted ?? 0),
    members: Number(r.members ?? 0),
  }));
}
