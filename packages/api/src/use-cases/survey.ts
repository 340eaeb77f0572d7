import {
  type Db,
  findDraft,
  findParticipation,
  findStaffRoundAccess,
  getQuestionnaire,
  type RoundFacts,
  type SessionUser,
  type StaffRoundAccess,
  type StoredDraft,
  type StoredQuestionnaire,
  saveStaffDraft,
  storeStaffSubmission,
} from '@kvalitetshjulet/db';
import { countUnanswered, roundState, toSurveyJson, type ValidAnswers, validateAnswers } from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { todayIn } from '../context.ts';

const swedishDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const formatDay = (iso: string) => swedishDate.format(new Date(`${iso}T00:00:00Z`));

function noAccess(): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: 'Du kan inte besvara den här skattningen: den gäller inte din enhet eller ditt arbetslag.',
  });
}

async function requireAccess(db: Db, session: SessionUser, roundId: string, schoolUnitId: string): Promise<StaffRoundAccess> {
  const access = await findStaffRoundAccess(db, session.organizerId, session.userId, roundId, schoolUnitId);
  if (!access) throw noAccess();
  rememberFacts(session.organizerId, access);
  return access;
}

/**
 * The facts of rounds (questionnaire and dates) as last read, by organizer and round. An autosave
 * or a submit checks the round's rules (open, which questionnaire) against them and then writes in
 * ONE statement that also checks the person's access and that the facts are unchanged
 * (saveStaffDraft, storeStaffSubmission): one round trip fewer per request than reading the access
 * first. A stale entry (a round closed early meanwhile) writes nothing and costs one more
 * statement; it never lets a write through. Only for a person with a staff role in the unit: anyone
 * else gets the access check's refusal first.
 */
const roundFacts = new Map<string, RoundFacts>();
const ROUND_FACTS_CACHE_SIZE = 1000;

function rememberFacts(organizerId: string, access: StaffRoundAccess): RoundFacts {
  const facts = {
    questionnaireId: access.questionnaireId,
    opensOn: access.opensOn,
    closesOn: access.closesOn,
    closedEarlyOn: access.closedEarlyOn,
  };
  const key = `${organizerId}/${access.roundId}`;
  if (!roundFacts.has(key) && roundFacts.size >= ROUND_FACTS_CACHE_SIZE) roundFacts.delete(roundFacts.keys().next().value as string);
  roundFacts.set(key, facts);
  return facts;
}

function knownFacts(session: SessionUser, roundId: string, schoolUnitId: string): RoundFacts | undefined {
  if (!session.roles.some((r) => r.role === 'staff' && r.schoolUnitId === schoolUnitId)) return undefined;
  return roundFacts.get(`${session.organizerId}/${roundId}`);
}

const sameFacts = (a: RoundFacts, b: RoundFacts) =>
  a.questionnaireId === b.questionnaireId && a.opensOn === b.opensOn && a.closesOn === b.closesOn && a.closedEarlyOn === b.closedEarlyOn;

/** How many times a write is tried again after finding the round's facts changed. */
const FACT_CHANGES_TOLERATED = 2;

function roundChanged(): TRPCError {
  return new TRPCError({ code: 'CONFLICT', message: 'Skattningen ändrades just. Försök igen.' });
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

const alreadySubmitted = () =>
  new TRPCError({ code: 'CONFLICT', message: 'Du har redan skickat in den här skattningen. Svaren kan inte ändras.' });

/** Saves a draft; an older revision than the stored one is ignored. Invalid input leaves the stored draft as it was. */
export async function saveSurveyDraft(db: Db, session: SessionUser, input: DraftInput, now: Date) {
  const today = todayIn(now);
  let facts = knownFacts(session, input.roundId, input.schoolUnitId);
  for (let attempt = 0; attempt <= FACT_CHANGES_TOLERATED; attempt++) {
    if (!facts || roundState(facts, today) !== 'open') {
      // The access read first, for its precise answer: no access, not open, already submitted.
      const access = await requireAccess(db, session, input.roundId, input.schoolUnitId);
      requireOpen(access, today);
      if (access.submittedOn) throw alreadySubmitted();
      facts = access;
    }
    const questionnaire = await requireQuestionnaire(db, facts.questionnaireId);
    const valid = requireValid(questionnaire, input);
    const { access, saved } = await saveStaffDraft(
      db,
      {
        organizerId: session.organizerId,
        userId: session.userId,
        roundId: input.roundId,
        schoolUnitId: input.schoolUnitId,
        id: input.draftId,
        revision: input.revision,
        answers: valid.answers,
        comments: valid.comments,
        now,
      },
      facts,
    );
    if (!access) throw noAccess();
    if (saved) return draftAnswer(true, saved, questionnaire);
    if (access.submittedOn) throw alreadySubmitted();
    if (sameFacts(access, facts)) {
      // An older revision than the stored one: nothing was written; the stored draft answers.
      const current = await findDraft(db, session.organizerId, session.userId, input.roundId, input.schoolUnitId);
      if (!current) throw alreadySubmitted(); // deleted meanwhile: a submit of the same person won
      return draftAnswer(false, current, questionnaire);
    }
    facts = rememberFacts(session.organizerId, access); // the round changed: its rules are checked again
  }
  throw roundChanged();
}

function draftAnswer(applied: boolean, draft: StoredDraft, questionnaire: StoredQuestionnaire) {
  return {
    applied,
    draftId: draft.id,
    revision: draft.revision,
    savedAt: draft.updatedAt,
    unanswered: countUnanswered(questionnaire.definition, draft.answers),
  };
}

/**
 * Submits exactly once: the answers become an anonymous response (no user id, the round's day only),
 * the participation is marked, the dashboards' totals get the response and the draft is deleted,
 * all in one statement. A retry or a concurrent second submit returns the same result and writes
 * nothing.
 */
export async function submitSurvey(db: Db, session: SessionUser, input: Omit<DraftInput, 'revision'>, now: Date) {
  const today = todayIn(now);
  let facts = knownFacts(session, input.roundId, input.schoolUnitId);
  for (let attempt = 0; attempt <= FACT_CHANGES_TOLERATED; attempt++) {
    if (!facts || roundState(facts, today) !== 'open') {
      const access = await requireAccess(db, session, input.roundId, input.schoolUnitId);
      // A retry of a submission that went through answers the same, even after the round closed.
      if (access.submittedOn) return { submittedOn: access.submittedOn };
      requireOpen(access, today);
      facts = access;
    }
    const questionnaire = await requireQuestionnaire(db, facts.questionnaireId);
    const valid = requireValid(questionnaire, input);
    const answers = Object.entries(valid.answers).map(([key, value]) => ({
      indicatorId: questionnaire.indicatorIds.get(key) as string,
      value: value === 'vet-ej' ? null : value,
    }));
    const comments = Object.entries(valid.comments).map(([key, body]) => ({ areaId: questionnaire.areaIds.get(key) as string, body }));
    const { access, responseId } = await storeStaffSubmission(
      db,
      {
        organizerId: session.organizerId,
        roundId: input.roundId,
        schoolUnitId: input.schoolUnitId,
        userId: session.userId,
        submittedOn: today,
        answers,
        comments,
      },
      facts,
    );
    if (!access) throw noAccess();
    if (responseId) return { submittedOn: today };
    if (access.submittedOn) return { submittedOn: access.submittedOn };
    if (sameFacts(access, facts)) {
      // A concurrent submit of the same person won: answer with its date.
      const participation = await findParticipation(db, session.organizerId, session.userId, input.roundId, input.schoolUnitId);
      return { submittedOn: participation?.submittedOn ?? today };
    }
    facts = rememberFacts(session.organizerId, access);
  }
  throw roundChanged();
}
