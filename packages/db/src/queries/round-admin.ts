import type { Db } from '../create-database.ts';
import type { IsoDate } from '../schema.ts';

export interface RoundRecord {
  id: string;
  name: string;
  schoolForm: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
  unitIds: string[];
}

export async function getRound(db: Db, organizerId: string, roundId: string): Promise<RoundRecord | null> {
  const round = await db
    .selectFrom('rounds')
    .select(['id', 'name', 'school_form', 'opens_on', 'closes_on', 'closed_early_on'])
    .where('organizer_id', '=', organizerId)
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round) return null;
  const units = await db
    .selectFrom('round_units')
    .select('school_unit_id')
    .where('organizer_id', '=', organizerId)
    .where('round_id', '=', roundId)
    .execute();
  return {
    id: round.id,
    name: round.name,
    schoolForm: round.school_form,
    opensOn: round.opens_on,
    closesOn: round.closes_on,
    closedEarlyOn: round.closed_early_on,
    unitIds: units.map((u) => u.school_unit_id),
  };
}

/** Unit ids among `unitIds` that have the school form. */
export async function unitsWithSchoolForm(db: Db, organizerId: string, unitIds: readonly string[], schoolForm: string): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('school_unit_forms as f')
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'f.organizer_id').onRef('su.id', '=', 'f.school_unit_id'))
    .select('f.school_unit_id')
    .where('f.organizer_id', '=', organizerId)
    .where('f.school_form', '=', schoolForm)
    .where('f.school_unit_id', 'in', unitIds)
    .where('su.active', '=', true)
    .execute();
  return rows.map((r) => r.school_unit_id);
}

/** The newest version of the standard questionnaire for a school form. */
export async function latestStandardQuestionnaireId(db: Db, schoolForm: string): Promise<string | null> {
  const row = await db
    .selectFrom('questionnaires')
    .select('id')
    .where('organizer_id', 'is', null)
    .where('school_form', '=', schoolForm)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The questionnaire new rounds of a school form use: the organizer's newest published own
 * version when there is one, otherwise the newest standard version. Drafts are never used.
 */
export async function currentQuestionnaireId(db: Db, organizerId: string, schoolForm: string): Promise<string | null> {
  const own = await db
    .selectFrom('questionnaires')
    .select('id')
    .where('organizer_id', '=', organizerId)
    .where('school_form', '=', schoolForm)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return own?.id ?? latestStandardQuestionnaireId(db, schoolForm);
}

export interface CycleRound {
  id: string;
  name: string;
  schoolForm: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
  questionnaireVersion: number;
  ownQuestionnaire: boolean;
  units: { id: string; name: string }[];
}

/**
 * Rounds that overlap `from`–`to` (inclusive) with the given units among their units, for the
 * annual calendar (årshjul). `units` lists only those of the given units.
 */
export async function listCycleRounds(
  db: Db,
  organizerId: string,
  unitIds: readonly string[] | 'all',
  from: IsoDate,
  to: IsoDate,
): Promise<CycleRound[]> {
  if (unitIds !== 'all' && unitIds.length === 0) return [];
  let query = db
    .selectFrom('rounds as r')
    .innerJoin('round_units as ru', (j) => j.onRef('ru.organizer_id', '=', 'r.organizer_id').onRef('ru.round_id', '=', 'r.id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'ru.organizer_id').onRef('su.id', '=', 'ru.school_unit_id'))
    .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
    .select([
      'r.id',
      'r.name',
      'r.school_form',
      'r.opens_on',
      'r.closes_on',
      'r.closed_early_on',
      'q.version',
      'q.organizer_id as questionnaire_organizer_id',
      'su.id as unit_id',
      'su.name as unit_name',
    ])
    .where('r.organizer_id', '=', organizerId)
    .where('r.opens_on', '<=', to)
    .where((eb) => eb(eb.fn.coalesce('r.closed_early_on', 'r.closes_on'), '>=', from));
  if (unitIds !== 'all') query = query.where('ru.school_unit_id', 'in', unitIds);
  const rows = await query.orderBy('r.school_form').orderBy('r.opens_on').orderBy('r.name').orderBy('su.name').execute();
  const rounds = new Map<string, CycleRound>();
  for (const r of rows) {
    const round = rounds.get(r.id) ?? {
      id: r.id,
      name: r.name,
      schoolForm: r.school_form,
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      closedEarlyOn: r.closed_early_on,
      questionnaireVersion: r.version,
      ownQuestionnaire: r.questionnaire_organizer_id !== null,
      units: [],
    };
    round.units.push({ id: r.unit_id, name: r.unit_name });
    rounds.set(r.id, round);
  }
  return [...rounds.values()];
}

export async function createRound(
  db: Db,
  round: {
    organizerId: string;
    name: string;
    schoolForm: string;
    questionnaireId: string;
    opensOn: IsoDate;
    closesOn: IsoDate;
    unitIds: readonly string[];
    createdBy: string;
  },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('rounds')
      .values({
        organizer_id: round.organizerId,
        name: round.name,
        questionnaire_id: round.questionnaireId,
        school_form: round.schoolForm,
        opens_on: round.opensOn,
        closes_on: round.closesOn,
        created_by: round.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('round_units')
      .values(round.unitIds.map((unitId) => ({ organizer_id: round.organizerId, round_id: id, school_unit_id: unitId })))
      .execute();
    return id;
  });
}

export async function closeRoundEarly(db: Db, organizerId: string, roundId: string, today: IsoDate): Promise<void> {
  await db
    .updateTable('rounds')
    .set({ closed_early_on: today })
    .where('organizer_id', '=', organizerId)
    .where('id', '=', roundId)
    .where('closed_early_on', 'is', null)
    .execute();
}

export interface TeamParticipation {
  schoolUnitId: string;
  unitName: string;
  teamId: string;
  teamName: string;
  eligible: number;
  submitted: number;
}

/** Per team of the round's school form: staff count and submitted responses (counts only). */
export async function listTeamParticipation(
  db: Db,
  organizerId: string,
  roundId: string,
  unitIds: readonly string[] | 'all',
): Promise<TeamParticipation[]> {
  if (unitIds !== 'all' && unitIds.length === 0) return [];
  let query = db
    .selectFrom('round_units as ru')
    .innerJoin('rounds as r', (j) => j.onRef('r.organizer_id', '=', 'ru.organizer_id').onRef('r.id', '=', 'ru.round_id'))
    .innerJoin('teams as t', (j) => j.onRef('t.organizer_id', '=', 'ru.organizer_id').onRef('t.school_unit_id', '=', 'ru.school_unit_id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'ru.organizer_id').onRef('su.id', '=', 'ru.school_unit_id'))
    .select((eb) => [
      'su.id as school_unit_id',
      'su.name as unit_name',
      't.id as team_id',
      't.name as team_name',
      eb
        .selectFrom('role_assignments as ra')
        .select((e) => e.fn.count<number>('ra.user_id').distinct().as('n'))
        .where('ra.organizer_id', '=', organizerId)
        .whereRef('ra.team_id', '=', 't.id')
        .where('ra.role', '=', 'staff')
        .as('eligible'),
      eb
        .selectFrom('responses as rs')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('rs.organizer_id', '=', organizerId)
        .whereRef('rs.round_id', '=', 'ru.round_id')
        .whereRef('rs.team_id', '=', 't.id')
        .as('submitted'),
    ])
    .where('ru.organizer_id', '=', organizerId)
    .where('ru.round_id', '=', roundId)
    .whereRef('t.school_form', '=', 'r.school_form')
    .where('t.active', '=', true);
  if (unitIds !== 'all') query = query.where('ru.school_unit_id', 'in', unitIds);
  const rows = await query.orderBy('su.name').orderBy('t.name').execute();
  return rows.map((r) => ({
    schoolUnitId: r.school_unit_id,
    unitName: r.unit_name,
    teamId: r.team_id,
    teamName: r.team_name,
    eligible: Number(r.eligible ?? 0),
    submitted: Number(r.submitted ?? 0),
  }));
}
