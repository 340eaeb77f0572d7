import { type RoundState, roundState } from '@kvalitetshjulet/domain';
import { sql } from 'kysely';
import type { Db } from '../create-database.ts';
import type { IsoDate } from '../schema.ts';

export interface StaffRound {
  roundId: string;
  name: string;
  schoolForm: string;
  schoolUnitId: string;
  unitName: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
  state: RoundState;
  status: 'not-started' | 'draft' | 'submitted';
  submittedOn: IsoDate | null;
  draftUpdatedAt: Date | null;
  answeredCount: number;
  indicatorCount: number;
}

/**
 * The rounds of the units where this person is staff and works in the round's school form,
 * with the person's own status. Newest first.
 */
export async function listStaffRounds(db: Db, organizerId: string, userId: string, today: IsoDate): Promise<StaffRound[]> {
  const rows = await db
    .selectFrom('role_assignments as ra')
    .innerJoin('round_units as ru', (j) =>
      j.onRef('ru.organizer_id', '=', 'ra.organizer_id').onRef('ru.school_unit_id', '=', 'ra.school_unit_id'),
    )
    .innerJoin('rounds as r', (j) => j.onRef('r.organizer_id', '=', 'ru.organizer_id').onRef('r.id', '=', 'ru.round_id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'ru.organizer_id').onRef('su.id', '=', 'ru.school_unit_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.organizer_id', '=', 'ra.organizer_id').onRef('t.id', '=', 'ra.team_id'))
    .leftJoin('participations as p', (j) =>
      j
        .onRef('p.organizer_id', '=', 'ru.organizer_id')
        .onRef('p.round_id', '=', 'ru.round_id')
        .onRef('p.school_unit_id', '=', 'ru.school_unit_id')
        .onRef('p.user_id', '=', 'ra.user_id'),
    )
    .leftJoin('drafts as d', (j) =>
      j
        .onRef('d.organizer_id', '=', 'ru.organizer_id')
        .onRef('d.round_id', '=', 'ru.round_id')
        .onRef('d.school_unit_id', '=', 'ru.school_unit_id')
        .onRef('d.user_id', '=', 'ra.user_id'),
    )
    .select((eb) => [
      'r.id as round_id',
      'r.name',
      'r.school_form',
      'r.opens_on',
      'r.closes_on',
      'r.closed_early_on',
      'su.id as school_unit_id',
      'su.name as unit_name',
      'p.submitted_on',
      'd.updated_at as draft_updated_at',
      sql<number>`coalesce((select count(*) from jsonb_object_keys(${eb.ref('d.answers')})), 0)`.as('answered_count'),
      eb
        .selectFrom('indicators as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.questionnaire_id', '=', 'r.questionnaire_id')
        .as('indicator_count'),
    ])
    .where('ra.organizer_id', '=', organizerId)
    .where('ra.user_id', '=', userId)
    .where('ra.role', '=', 'staff')
    .where((eb) => eb.or([eb('t.school_form', 'is', null), eb('t.school_form', '=', eb.ref('r.school_form'))]))
    .orderBy('r.opens_on', 'desc')
    .orderBy('r.name')
    .execute();
  const seen = new Set<string>();
  const result: StaffRound[] = [];
  for (const r of rows) {
    const key = `${r.round_id}:${r.school_unit_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({
      roundId: r.round_id,
      name: r.name,
      schoolForm: r.school_form,
      schoolUnitId: r.school_unit_id,
      unitName: r.unit_name,
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      closedEarlyOn: r.closed_early_on,
      state: roundState({ opensOn: r.opens_on, closesOn: r.closes_on, closedEarlyOn: r.closed_early_on }, today),
      status: r.submitted_on ? 'submitted' : r.draft_updated_at ? 'draft' : 'not-started',
      submittedOn: r.submitted_on,
      draftUpdatedAt: r.draft_updated_at,
      answeredCount: Number(r.answered_count),
      indicatorCount: Number(r.indicator_count ?? 0),
    });
  }
  return result;
}

export interface RoundParticipation {
  roundId: string;
  name: string;
  schoolForm: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
  state: RoundState;
  schoolUnitId: string;
  unitName: string;
  /** Staff of the unit working in the round's school form. */
  eligible: number;
  submitted: number;
}

/** Participation counts (never names) per round and unit, for the given units of an organizer. */
export async function listRoundParticipation(
  db: Db,
  organizerId: string,
  unitIds: readonly string[] | 'all',
  today: IsoDate,
): Promise<RoundParticipation[]> {
  if (unitIds !== 'all' && unitIds.length === 0) return [];
  let query = db
    .selectFrom('round_units as ru')
    .innerJoin('rounds as r', (j) => j.onRef('r.organizer_id', '=', 'ru.organizer_id').onRef('r.id', '=', 'ru.round_id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'ru.organizer_id').onRef('su.id', '=', 'ru.school_unit_id'))
    .select((eb) => [
      'r.id as round_id',
      'r.name',
      'r.school_form',
      'r.opens_on',
      'r.closes_on',
      'r.closed_early_on',
      'su.id as school_unit_id',
      'su.name as unit_name',
      eb
        .selectFrom('role_assignments as ra')
        .innerJoin('teams as t', (j) => j.onRef('t.organizer_id', '=', 'ra.organizer_id').onRef('t.id', '=', 'ra.team_id'))
        .select((e) => e.fn.count<number>('ra.user_id').distinct().as('n'))
        .where('ra.organizer_id', '=', organizerId)
        .whereRef('ra.school_unit_id', '=', 'ru.school_unit_id')
        .where('ra.role', '=', 'staff')
        .whereRef('t.school_form', '=', 'r.school_form')
        .as('eligible'),
      eb
        .selectFrom('participations as p')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('p.organizer_id', '=', organizerId)
        .whereRef('p.round_id', '=', 'ru.round_id')
        .whereRef('p.school_unit_id', '=', 'ru.school_unit_id')
        .as('submitted'),
    ])
    .where('ru.organizer_id', '=', organizerId);
  if (unitIds !== 'all') query = query.where('ru.school_unit_id', 'in', unitIds);
  const rows = await query.orderBy('r.opens_on', 'desc').orderBy('r.school_form').orderBy('su.name').execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    name: r.name,
    schoolForm: r.school_form,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    closedEarlyOn: r.closed_early_on,
    state: roundState({ opensOn: r.opens_on, closesOn: r.closes_on, closedEarlyOn: r.closed_early_on }, today),
    schoolUnitId: r.school_unit_id,
    unitName: r.unit_name,
    eligible: Number(r.eligible ?? 0),
    submitted: Number(r.submitted ?? 0),
  }));
}
