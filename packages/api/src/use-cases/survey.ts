import {
  addResponseToTotals,
  type Db,
  findDraft,
  findParticipation,
  findStaffRoundAccess,
  getQuestionnaire,
  insertSubmission,
  type SessionUser,
  type StaffRoundAccess,
  type StoredQuestionnaire,
  saveDraft,
} from '@kvalitetshjulet/db';
import { countUnanswered, roundState, toSurveyJson, type ValidAnswers, validateAnswers } from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { todayIn } from '../context.ts';

const swedishDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const formatDay = (iso: string) => swedishDate.format(new Date(`${iso}T00:00:00Z`));

async function requireAccess(db: Db, session: SessionUser, roundId: string, schoolUnitId: string): Promise<StaffRoundAccess> {
  const access = await findStaffRoundAccess(db, session.organizerId, session.userId, roundId, schoolUnitId);
  if (!access) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Du kan inte besvara den här skattningen: den gäller inte din enhet eller ditt arbetslag.',
    });
  }
  return access;
}

function requireOpen(access: StaffRoundAccess, today: string): void {
  const state = roundState(access, today);
  if (state === 'upcoming') {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: `Skattningen öppnar ${formatDay(access.opensOn)}. Du kan svara från den dagen.`,
    });
  }
  if (state === 'closed') {
    const closedOn = access.closedEarlyOn && access.closedEarlyOn <= access.closesOn ? access.closedEarlyOn : access.closesOn;
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: `Skattningen stängde ${formatDay(closedOn)}. Dina sparade svar finns kvar men kan inte skickas in.`,
    });
  }
}

/**
 * A round only ever uses a published questionnaire version, and a published version never changes
 * (docs/questionnaires.md), so the definition is kept in memory by id: every autosave and submit
 * would otherwise read the questionnaire, its areas and its indicators again (seen in the load test).
 */
const questionnaireCache = new Map<string, StoredQuestionnaire>();
const QUESTIONNAIRE_CACHE_SIZE = 100;

async function requireQuestionnaire(db: Db, questionnaireId: string): Promise<StoredQuestionnaire> {
  const cached = questionnaireCache.get(questionnaireId);
  if (cached) return cached;
  const questionnaire = await getQuestionnaire(db, questionnaireId);
  if (!questionnaire) throw new TRPCError({ code: 'NOT_FOUND', message: 'Frågeformuläret för skattningen saknas.' });
  if (questionnaireCache.size >= QUESTIONNAIRE_CACHE_SIZE) questionnaireCache.delete(questionnaireCache.keys().next().value as string);
  questionnaireCache.set(questionnaireId, questionnaire);
  return questionnaire;
}

function requireValid(
  questionnaire: StoredQuestionnaire,
  input: { answers: Record<string, unknown>; comments: Record<string, unknown> },
): ValidAnswers {
  const result = validateAnswers(questionnaire.definition, input);
  if (!result.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: result.problems.join(' ') });
  return result.value;
}

/** Everything the survey page needs: the round, the SurveyJS model, the person's draft or submission. */
export async function openSurvey(db: Db, session: SessionUser, roundId: string, schoolUnitId: string, now: Date) {
  const access = await requireAccess(db, session, roundId, schoolUnitId);
  const [questionnaire, draft] = await Promise.all([
    requireQuestionnaire(db, access.questionnaireId),
    findDraft(db, session.organizerId, session.userId, roundId, schoolUnitId),
  ]);
  const definition = questionnaire.definition;
  return {
    round: {
      id: access.roundId,
      name: access.name,
      unitName: access.unitName,
      opensOn: access.opensOn,
      closesOn: access.closesOn,
      state: roundState(access, todayIn(now)),
    },
    questionnaire: {
      title: definition.title,
      introduction: definition.introduction,
      indicatorCount: definition.areas.reduce((n, a) => n + a.indicators.length, 0),
      areaCount: definition.areas.length,
    },
    surveyJson: toSurveyJson(definition),
    draft: access.submittedOn ? null : draft,
    submittedOn: access.submittedOn,
  };
}

export interface DraftInput {
  draftId: string;
  roundId: string;
  schoolUnitId: string;
  revision: number;
  answers: Record<string, unknown>;
  comments: Record<string, unknown>;
}

/** Saves a draft; an older revision than the stored one is ignored. Invalid input leaves the stored draft as it was. */
export async function saveSurveyDraft(db: Db, session: SessionUser, input: DraftInput, now: Date) {
  const access = await requireAccess(db, session, input.roundId, input.schoolUnitId);
  requireOpen(access, todayIn(now));
  if (access.submittedOn) {
    throw new TRPCError({ code: 'CONFLICT', message: 'Du har redan skickat in den här skattningen. Svaren kan inte ändras.' });
  }
  const questionnaire = await requireQuestionnaire(db, access.questionnaireId);
  const valid = requireValid(questionnaire, input);
  const { applied, draft } = await saveDraft(db, {
    organizerId: session.organizerId,
    id: input.draftId,
    roundId: input.roundId,
    schoolUnitId: input.schoolUnitId,
    teamId: access.teamId,
    userId: session.userId,
    revision: input.revision,
    answers: valid.answers,
    comments: valid.comments,
    now,
  });
  return {
    applied,
    draftId: draft.id,
    revision: draft.revision,
    savedAt: draft.updatedAt,
    unanswered: countUnanswered(questionnaire.definition, draft.answers),
  };
}

/**
 * Submits exactly once: the answers become an anonymous response (no user id, the date only),
 * the participation is marked and the draft deleted, all in one transaction. A retry or a
 * concurrent second submit returns the same result and writes nothing.
 */
export async function submitSurvey(db: Db, session: SessionUser, input: Omit<DraftInput, 'revision'>, now: Date) {
  const access = await requireAccess(db, session, input.roundId, input.schoolUnitId);
  if (access.submittedOn) return { submittedOn: access.submittedOn };
  const today = todayIn(now);
  requireOpen(access, today);
  const questionnaire = await requireQuestionnaire(db, access.questionnaireId);
  const valid = requireValid(questionnaire, input);

  const answers = Object.entries(valid.answers).map(([key, value]) => ({
    indicatorId: questionnaire.indicatorIds.get(key) as string,
    value: value === 'vet-ej' ? null : value,
  }));
  const comments = Object.entries(valid.comments).map(([key, body]) => ({ areaId: questionnaire.areaIds.get(key) as string, body }));

  const stored = await db.transaction().execute(async (trx) => {
    const inserted = await insertSubmission(trx, {
      organizerId: session.organizerId,
      roundId: access.roundId,
      schoolUnitId: access.schoolUnitId,
      teamId: access.teamId,
      userId: session.userId,
      submittedOn: today,
      answers,
      comments,
    });
    // Keep the dashboards' totals in step, in the same transaction (an insert only: no hot rows).
    if (inserted) {
      await addResponseToTotals(trx, {
        organizerId: session.organizerId,
        roundId: access.roundId,
        schoolUnitId: access.schoolUnitId,
        teamId: access.teamId,
        answers,
      });
    }
    return inserted;
  });
  if (stored) return { submittedOn: today };
  // A concurrent submit of the same person won: answer with its date.
  const participation = await findParticipation(db, session.organizerId, session.userId, input.roundId, input.schoolUnitId);
  return { submittedOn: participation?.submittedOn ?? today };
}
