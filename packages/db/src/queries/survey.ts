import { type RawBuilder, sql } from 'kysely';
import { compileOnce } from '../compile-once.ts';
import type { Db } from '../create-database.ts';
import type { DraftAnswerValue, IsoDate } from '../schema.ts';
import { type AddResponseOptions, assertAnswersInScale, foldPendingTotalsSometimes } from './indicator-totals.ts';

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

/** The facts of a round a staff member's answer depends on; a guarded write checks they are unchanged. */
export type RoundFacts = Pick<StaffRoundAccess, 'questionnaireId' | 'opensOn' | 'closesOn' | 'closedEarlyOn'>;

interface StaffKey {
  organizerId: string;
  userId: string;
  roundId: string;
  schoolUnitId: string;
}

interface AccessRow {
  round_id: string;
  name: string;
  school_form: string;
  questionnaire_id: string;
  opens_on: IsoDate;
  closes_on: IsoDate;
  closed_early_on: IsoDate | null;
  school_unit_id: string;
  unit_name: string;
  team_id: string | null;
  submitted_on: IsoDate | null;
}

/**
 * At most one row: the round as this staff member may answer it. The unit takes part in the round
 * and the person is staff there, in a team of the round's school form (preferred) or without a
 * team. Used alone (findStaffRoundAccess) and as the first part of the guarded writes below, so
 * that the check and the write are one statement.
 */
function staffAccessSql(p: StaffKey) {
  return sql`
    select r.id as round_id, r.name, r.school_form, r.questionnaire_id, r.opens_on, r.closes_on, r.closed_early_on,
      su.id as school_unit_id, su.name as unit_name, ra.team_id, p.submitted_on
    from round_units as ru
    join rounds as r on r.organizer_id = ru.organizer_id and r.id = ru.round_id
    join school_units as su on su.organizer_id = ru.organizer_id and su.id = ru.school_unit_id
    join role_assignments as ra on ra.organizer_id = ru.organizer_id and ra.school_unit_id = ru.school_unit_id
    left join teams as t on t.organizer_id = ra.organizer_id and t.id = ra.team_id
    left join participations as p on p.organizer_id = ru.organizer_id and p.round_id = ru.round_id
      and p.school_unit_id = ru.school_unit_id and p.user_id = ra.user_id
    where ru.organizer_id = ${p.organizerId}::uuid and ru.round_id = ${p.roundId}::uuid
      and ru.school_unit_id = ${p.schoolUnitId}::uuid and ra.user_id = ${p.userId}::uuid and ra.role = 'staff'
      and (ra.team_id is null or t.school_form = r.school_form)
    order by ra.team_id is null
    limit 1`;
}

/** True where the round's facts in `access` are those the caller checked its rules against. */
function factsUnchanged(p: RoundFacts) {
  return sql`access.questionnaire_id = ${p.questionnaireId}::uuid and access.opens_on = ${p.opensOn}::date
    and access.closes_on = ${p.closesOn}::date and access.closed_early_on is not distinct from ${p.closedEarlyOn}::date`;
}

function toAccess(row: AccessRow | undefined): StaffRoundAccess | null {
  if (!row) return null;
  return {
    roundId: row.round_id,
    name: row.name,
    schoolForm: row.school_form,
    questionnaireId: row.questionnaire_id,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    closedEarlyOn: row.closed_early_on,
    schoolUnitId: row.school_unit_id,
    unitName: row.unit_name,
    teamId: row.team_id,
    submittedOn: row.submitted_on,
  };
}

const staffRoundAccess = compileOnce((_db: Db, p: StaffKey) => sql<AccessRow>`${staffAccessSql(p)}`);

/** The round as this staff member may answer it (see staffAccessSql). Null otherwise. */
export async function findStaffRoundAccess(
  db: Db,
  organizerId: string,
  userId: string,
  roundId: string,
  schoolUnitId: string,
): Promise<StaffRoundAccess | null> {
  const { rows } = await staffRoundAccess(db, { organizerId, userId, roundId, schoolUnitId });
  return toAccess(rows[0]);
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

const guardedDraftUpsert = compileOnce(
  (_db: Db, p: StaffKey & RoundFacts & { id: string; revision: number; answers: string; comments: string; now: Date }) => sql<
    AccessRow & {
      draft_id: string | null;
      revision: number | null;
      answers: Record<string, DraftAnswerValue> | null;
      comments: Record<string, string> | null;
      updated_at: Date | null;
    }
  >`
    with access as (${staffAccessSql(p)}),
    saved as (
      insert into drafts as d (organizer_id, id, round_id, school_unit_id, team_id, user_id, revision, answers, comments, updated_at)
      select ${p.organizerId}::uuid, ${p.id}::uuid, ${p.roundId}::uuid, ${p.schoolUnitId}::uuid, access.team_id, ${p.userId}::uuid,
        ${p.revision}::int, ${p.answers}::jsonb, ${p.comments}::jsonb, ${p.now}::timestamptz
      from access
      where access.submitted_on is null and ${factsUnchanged(p)}
      on conflict (organizer_id, round_id, school_unit_id, user_id) do update
        set revision = excluded.revision, answers = excluded.answers, comments = excluded.comments,
          team_id = excluded.team_id, updated_at = excluded.updated_at
        where d.revision < excluded.revision
      returning d.id, d.revision, d.answers, d.comments, d.updated_at
    )
    select access.*, saved.id as draft_id, saved.revision, saved.answers, saved.comments, saved.updated_at
    from access left join saved on true`,
);

/**
 * Saves a staff member's draft in one statement with the access check: only when the person may
 * answer the round in the unit, has not submitted, the round's facts are still `expected` (the
 * caller checked its rules against them) and the revision is newer than the stored one. Returns
 * the access (null: no access, nothing written) and the draft if it was written. One draft per
 * person, round and unit.
 */
export async function saveStaffDraft(
  db: Db,
  draft: StaffKey & {
    id: string;
    revision: number;
    answers: Record<string, DraftAnswerValue>;
    comments: Record<string, string>;
    now: Date;
  },
  expected: RoundFacts,
): Promise<{ access: StaffRoundAccess | null; saved: StoredDraft | null }> {
  const run = (id: string) =>
    guardedDraftUpsert(db, {
      organizerId: draft.organizerId,
      userId: draft.userId,
      roundId: draft.roundId,
      schoolUnitId: draft.schoolUnitId,
      questionnaireId: expected.questionnaireId,
      opensOn: expected.opensOn,
      closesOn: expected.closesOn,
      closedEarlyOn: expected.closedEarlyOn,
      id,
      revision: draft.revision,
      answers: JSON.stringify(draft.answers),
      comments: JSON.stringify(draft.comments),
      now: draft.now,
    });
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run(draft.id);
  } catch (error) {
    // The draft id comes from the browser. If it is already another person's draft (a reused or
    // forged id), this person's draft gets a new id; the answer tells the browser which.
    if (!isDuplicateDraftId(error)) throw error;
    result = await run(crypto.randomUUID());
  }
  const row = result.rows[0];
  const saved =
    row?.draft_id && row.revision !== null && row.answers && row.comments && row.updated_at
      ? { id: row.draft_id, revision: row.revision, answers: row.answers, comments: row.comments, updatedAt: row.updated_at }
      : null;
  return { access: toAccess(row), saved };
}

function isDuplicateDraftId(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  return e?.code === '23505' && (e.constraint === 'drafts_pkey' || String(e.message).includes('drafts_pkey'));
}

interface SubmissionValues {
  organizerId: string;
  roundId: string;
  schoolUnitId: string;
  userId: string;
  submittedOn: IsoDate;
  indicatorIds: string[];
  values: (number | null)[];
  commentAreaIds: string[];
  commentBodies: string[];
}

/**
 * The submission as ONE statement (atomic without a transaction, one round trip): the
 * participation, the anonymous response with its answers and area comments, the response's row in
 * the dashboards' pending totals (queries/indicator-totals.ts), and the person's draft deleted.
 * `access` is a relation of at most one row with the person's team_id: the staff access check
 * (guarded) or the given team. Nothing is written unless the participation is new: its primary key
 * makes a retry or a concurrent second submit a no-op.
 */
function submissionSql(p: SubmissionValues, access: RawBuilder<unknown>, guard: RawBuilder<unknown>) {
  const organizer = sql`${p.organizerId}::uuid`;
  const round = sql`${p.roundId}::uuid`;
  const unit = sql`${p.schoolUnitId}::uuid`;
  const user = sql`${p.userId}::uuid`;
  const indicatorIds = sql`${p.indicatorIds}::uuid[]`;
  const values = sql`${p.values}::smallint[]`;
  return sql`
    with access as (${access}),
    participation as (
      insert into participations (organizer_id, round_id, school_unit_id, user_id, submitted_on)
      select ${organizer}, ${round}, ${unit}, ${user}, ${p.submittedOn}::date from access where ${guard}
      on conflict do nothing
      returning organizer_id
    ),
    response as (
      insert into responses (organizer_id, round_id, school_unit_id, team_id, submitted_on)
      select ${organizer}, ${round}, ${unit}, access.team_id, ${p.submittedOn}::date from participation, access
      returning id
    ),
    stored_answers as (
      insert into answers (organizer_id, response_id, indicator_id, value, dont_know)
      select ${organizer}, response.id, a.indicator_id, a.value, a.value is null
      from response cross join unnest(${indicatorIds}, ${values}) as a(indicator_id, value)
    ),
    stored_comments as (
      insert into area_comments (organizer_id, response_id, area_id, body)
      select ${organizer}, response.id, c.area_id, c.body
      from response cross join unnest(${p.commentAreaIds}::uuid[], ${p.commentBodies}::text[]) as c(area_id, body)
    ),
    pending_totals as (
      insert into indicator_totals_pending (organizer_id, round_id, school_unit_id, team_id, indicator_ids, answer_values)
      select ${organizer}, ${round}, ${unit}, access.team_id, ${indicatorIds}, ${values}
      from participation, access where cardinality(${indicatorIds}) > 0
    ),
    cleared_draft as (
      delete from drafts
      where organizer_id = ${organizer} and round_id = ${round} and school_unit_id = ${unit} and user_id = ${user}
        and exists (select from participation)
    )
    select access.*, (select id from response) as response_id from access`;
}

const staffSubmissionInsert = compileOnce(
  (_db: Db, p: SubmissionValues & RoundFacts) =>
    sql<AccessRow & { response_id: string | null }>`${submissionSql(p, staffAccessSql(p), factsUnchanged(p))}`,
);

const submissionInsert = compileOnce(
  (_db: Db, p: SubmissionValues & { teamId: string | null }) =>
    sql<{ team_id: string | null; response_id: string | null }>`${submissionSql(p, sql`select ${p.teamId}::uuid as team_id`, sql`true`)}`,
);

interface Submission {
  organizerId: string;
  roundId: string;
  schoolUnitId: string;
  userId: string;
  submittedOn: IsoDate;
  /** indicator id → value, null for "vet ej" */
  answers: { indicatorId: string; value: number | null }[];
  comments: { areaId: string; body: string }[];
}

function submissionValues(submission: Submission): SubmissionValues {
  assertAnswersInScale(submission.answers);
  return {
    organizerId: submission.organizerId,
    roundId: submission.roundId,
    schoolUnitId: submission.schoolUnitId,
    userId: submission.userId,
    submittedOn: submission.submittedOn,
    indicatorIds: submission.answers.map((a) => a.indicatorId),
    values: submission.answers.map((a) => a.value),
    commentAreaIds: submission.comments.map((c) => c.areaId),
    commentBodies: submission.comments.map((c) => c.body),
  };
}

/**
 * A staff member's submission with the access check in the same statement: written only when the
 * person may answer the round in the unit and the round's facts are still `expected` (the caller
 * checked its rules against them). Returns the access as it was before the statement (null: no
 * access, nothing written) and the new response's id, or null when nothing was written (already
 * submitted, or the facts changed). Now and then (`foldProbability`) it then folds the
 * organizer's pending totals in a transaction of its own; a failed fold never fails the
 * submission, whose pending row a later fold picks up.
 */
export async function storeStaffSubmission(
  db: Db,
  submission: Submission,
  expected: RoundFacts,
  options: AddResponseOptions = {},
): Promise<{ access: StaffRoundAccess | null; responseId: string | null }> {
  const { rows } = await staffSubmissionInsert(db, {
    ...submissionValues(submission),
    questionnaireId: expected.questionnaireId,
    opensOn: expected.opensOn,
    closesOn: expected.closesOn,
    closedEarlyOn: expected.closedEarlyOn,
  });
  const row = rows[0];
  const responseId = row?.response_id ?? null;
  if (responseId) await foldPendingTotalsSometimes(db, submission.organizerId, options);
  return { access: toAccess(row), responseId };
}

/**
 * The same submission for a given team, without the staff access check: for the benchmarks and
 * data loads that have no staff sessions. Returns null when the person had already submitted.
 */
export async function storeSubmission(
  db: Db,
  submission: Submission & { teamId: string | null },
  options: AddResponseOptions = {},
): Promise<{ responseId: string } | null> {
  const { rows } = await submissionInsert(db, { ...submissionValues(submission), teamId: submission.teamId });
  const responseId = rows[0]?.response_id;
  if (!responseId) return null;
  await foldPendingTotalsSometimes(db, submission.organizerId, options);
  return { responseId };
}
