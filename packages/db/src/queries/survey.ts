import type { Db } from '../create-database.ts';
import type { DraftAnswerValue, IsoDate } from '../schema.ts';

export interface StaffRoundAccess {
  roundId: string;
  name: string;
  schoolForm: string;
  questionnaireId: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
  schoolUnitId: string;
  unitName: string;
  /** The person's team in this unit working in the round's school form, if any. */
  teamId: string | null;
  /** The day the person submitted (participation), read in the same query; null before submitting. */
  submittedOn: IsoDate | null;
}

/**
 * The round as this staff member may answer it: the unit takes part in the round and the
 * person is staff there (in a team of the round's school form, or without a team). Null otherwise.
 */
export async function findStaffRoundAccess(
  db: Db,
  organizerId: string,
  userId: string,
  roundId: string,
  schoolUnitId: string,
): Promise<StaffRoundAccess | null> {
  const rows = await db
    .selectFrom('round_units as ru')
    .innerJoin('rounds as r', (j) => j.onRef('r.organizer_id', '=', 'ru.organizer_id').onRef('r.id', '=', 'ru.round_id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'ru.organizer_id').onRef('su.id', '=', 'ru.school_unit_id'))
    .innerJoin('role_assignments as ra', (j) =>
      j.onRef('ra.organizer_id', '=', 'ru.organizer_id').onRef('ra.school_unit_id', '=', 'ru.school_unit_id'),
    )
    .leftJoin('teams as t', (j) => j.onRef('t.organizer_id', '=', 'ra.organizer_id').onRef('t.id', '=', 'ra.team_id'))
    .leftJoin('participations as p', (j) =>
      j
        .onRef('p.organizer_id', '=', 'ru.organizer_id')
        .onRef('p.round_id', '=', 'ru.round_id')
        .onRef('p.school_unit_id', '=', 'ru.school_unit_id')
        .onRef('p.user_id', '=', 'ra.user_id'),
    )
    .select([
      'p.submitted_on',
      'r.id',
      'r.name',
      'r.school_form',
      'r.questionnaire_id',
      'r.opens_on',
      'r.closes_on',
      'r.closed_early_on',
      'su.id as school_unit_id',
      'su.name as unit_name',
      'ra.team_id',
      't.school_form as team_school_form',
    ])
    .where('ru.organizer_id', '=', organizerId)
    .where('ru.round_id', '=', roundId)
    .where('ru.school_unit_id', '=', schoolUnitId)
    .where('ra.user_id', '=', userId)
    .where('ra.role', '=', 'staff')
    .execute();
  const row = rows.find((r) => r.team_school_form === r.school_form) ?? rows.find((r) => r.team_id === null);
  if (!row) return null;
  return {
    roundId: row.id,
    name: row.name,
    schoolForm: row.school_form,
    questionnaireId: row.questionnaire_id,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    closedEarlyOn: row.closed_early_on,
    schoolUnitId: row.school_unit_id,
    unitName: row.unit_name,
    teamId: row.team_school_form === row.school_form ? row.team_id : null,
    submittedOn: row.submitted_on,
  };
}

export interface StoredDraft {
  id: string;
  revision: number;
  answers: Record<string, DraftAnswerValue>;
  comments: Record<string, string>;
  updatedAt: Date;
}

export async function findDraft(
  db: Db,
  organizerId: string,
  userId: string,
  roundId: string,
  schoolUnitId: string,
): Promise<StoredDraft | null> {
  const row = await db
    .selectFrom('drafts')
    .select(['id', 'revision', 'answers', 'comments', 'updated_at'])
    .where('organizer_id', '=', organizerId)
    .where('round_id', '=', roundId)
    .where('school_unit_id', '=', schoolUnitId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { id: row.id, revision: row.revision, answers: row.answers, comments: row.comments, updatedAt: row.updated_at } : null;
}

export async function findParticipation(
  db: Db,
  organizerId: string,
  userId: string,
  roundId: string,
  schoolUnitId: string,
): Promise<{ submittedOn: IsoDate } | null> {
  const row = await db
    .selectFrom('participations')
    .select('submitted_on')
    .where('organizer_id', '=', organizerId)
    .where('round_id', '=', roundId)
    .where('school_unit_id', '=', schoolUnitId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { submittedOn: row.submitted_on } : null;
}

/**
 * Stores the draft when its revision is newer than the stored one; an older or equal revision
 * is ignored and the stored draft is returned unchanged. One draft per person, round and unit.
 */
export async function saveDraft(
  db: Db,
  draft: {
    organizerId: string;
    id: string;
    roundId: string;
    schoolUnitId: string;
    teamId: string | null;
    userId: string;
    revision: number;
    answers: Record<string, DraftAnswerValue>;
    comments: Record<string, string>;
    now: Date;
  },
): Promise<{ applied: boolean; draft: StoredDraft }> {
  try {
    return await upsertDraft(db, draft);
  } catch (error) {
    // The draft id comes from the browser. If it is already another person's draft (a reused or
    // forged id), this person's draft gets a new id; the answer tells the browser which.
    if (!isDuplicateDraftId(error)) throw error;
    return upsertDraft(db, { ...draft, id: crypto.randomUUID() });
  }
}

function isDuplicateDraftId(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  return e?.code === '23505' && (e.constraint === 'drafts_pkey' || String(e.message).includes('drafts_pkey'));
}

async function upsertDraft(db: Db, draft: Parameters<typeof saveDraft>[1]): Promise<{ applied: boolean; draft: StoredDraft }> {
  const saved = await db
    .insertInto('drafts')
    .values({
      organizer_id: draft.organizerId,
      id: draft.id,
      round_id: draft.roundId,
      school_unit_id: draft.schoolUnitId,
      team_id: draft.teamId,
      user_id: draft.userId,
      revision: draft.revision,
      answers: JSON.stringify(draft.answers),
      comments: JSON.stringify(draft.comments),
      updated_at: draft.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['organizer_id', 'round_id', 'school_unit_id', 'user_id'])
        .doUpdateSet({
          revision: (eb) => eb.ref('excluded.revision'),
          answers: (eb) => eb.ref('excluded.answers'),
          comments: (eb) => eb.ref('excluded.comments'),
          team_id: (eb) => eb.ref('excluded.team_id'),
          updated_at: (eb) => eb.ref('excluded.updated_at'),
        })
        .where('drafts.revision', '<', (eb) => eb.ref('excluded.revision')),
    )
    .returning(['id', 'revision', 'answers', 'comments', 'updated_at'])
    .executeTakeFirst();
  if (saved) {
    return {
      applied: true,
      draft: { id: saved.id, revision: saved.revision, answers: saved.answers, comments: saved.comments, updatedAt: saved.updated_at },
    };
  }
  const current = await findDraft(db, draft.organizerId, draft.userId, draft.roundId, draft.schoolUnitId);
  if (!current) throw new Error('Utkastet kunde varken sparas eller hittas.');
  return { applied: false, draft: current };
}

/**
 * Marks the participation and stores the answers as an anonymous response, in the caller's
 * transaction. Returns null when this person had already submitted (nothing is written then):
 * the participation's primary key makes a retry or a concurrent second submit a no-op.
 */
export async function insertSubmission(
  trx: Db,
  submission: {
    organizerId: string;
    roundId: string;
    schoolUnitId: string;
    teamId: string | null;
    userId: string;
    submittedOn: IsoDate;
    /** indicator id → value, null for "vet ej" */
    answers: { indicatorId: string; value: number | null }[];
    comments: { areaId: string; body: string }[];
  },
): Promise<{ responseId: string } | null> {
  const participation = await trx
    .insertInto('participations')
    .values({
      organizer_id: submission.organizerId,
      round_id: submission.roundId,
      school_unit_id: submission.schoolUnitId,
      user_id: submission.userId,
      submitted_on: submission.submittedOn,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('submitted_on')
    .executeTakeFirst();
  if (!participation) return null;

  const { id: responseId } = await trx
    .insertInto('responses')
    .values({
      organizer_id: submission.organizerId,
      round_id: submission.roundId,
      school_unit_id: submission.schoolUnitId,
      team_id: submission.teamId,
      submitted_on: submission.submittedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (submission.answers.length > 0) {
    await trx
      .insertInto('answers')
      .values(
        submission.answers.map((a) => ({
          organizer_id: submission.organizerId,
          response_id: responseId,
          indicator_id: a.indicatorId,
          value: a.value,
          dont_know: a.value === null,
        })),
      )
      .execute();
  }
  if (submission.comments.length > 0) {
    await trx
      .insertInto('area_comments')
      .values(
        submission.comments.map((c) => ({
          organizer_id: submission.organizerId,
          response_id: responseId,
          area_id: c.areaId,
          body: c.body,
        })),
      )
      .execute();
  }
  await trx
    .deleteFrom('drafts')
    .where('organizer_id', '=', submission.organizerId)
    .where('round_id', '=', submission.roundId)
    .where('school_unit_id', '=', submission.schoolUnitId)
    .where('user_id', '=', submission.userId)
    .execute();
  return { responseId };
}
