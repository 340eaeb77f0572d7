import {
  type ConsensusTeam,
  countTeamResponses,
  type Db,
  findConsensusTeam,
  getOrganizer,
  getQuestionnaire,
  listConsensusTeams,
  listGroupRatings,
  type SessionUser,
  saveGroupRating,
  teamAnswerCounts,
} from '@kvalitetshjulet/db';
import { DONT_KNOW, roundState } from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { todayIn } from '../context.ts';
import { hasRole, unitIdsWithRole } from '../trpc.ts';
import { teamIndicatorVisibility } from './results.ts';

/** A rektor of the team's unit, the organizer level, or the team's designated lead may hold the consensus rating. */
function mayLead(session: SessionUser, team: ConsensusTeam): boolean {
  if (hasRole(session, 'organizer')) return true;
  if (unitIdsWithRole(session, 'principal').includes(team.schoolUnitId)) return true;
  return session.roles.some((r) => r.role === 'staff' && r.teamId === team.teamId && r.leadsTeam);
}

async function requireTeam(db: Db, session: SessionUser, roundId: string, teamId: string): Promise<ConsensusTeam> {
  const team = await findConsensusTeam(db, session.organizerId, roundId, teamId);
  if (!team) throw new TRPCError({ code: 'NOT_FOUND', message: 'Arbetslaget deltar inte i den här skattningsomgången.' });
  if (!mayLead(session, team)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Den gemensamma skattningen leds av rektor eller arbetslagets utsedda ledare. Du har inte behörighet till den.',
    });
  }
  return team;
}

/** The teams whose consensus rating this person may lead, with how many have submitted. */
export async function listMyConsensusTeams(db: Db, session: SessionUser, now: Date) {
  const teamIds = session.roles.filter((r) => r.role === 'staff' && r.leadsTeam && r.teamId).map((r) => r.teamId as string);
  const unitIds = hasRole(session, 'organizer') ? ('all' as const) : unitIdsWithRole(session, 'principal');
  const teams = await listConsensusTeams(db, session.organizerId, { unitIds, teamIds });
  const today = todayIn(now);
  return teams.map((t) => ({ ...t, state: roundState(t, today) }));
}

/**
 * The team's consensus view: per indicator the individual distribution (only when at least the
 * organizer's threshold of members have submitted) and the agreed rating with its reason.
 */
export async function viewConsensus(db: Db, session: SessionUser, roundId: string, teamId: string, now: Date) {
  const team = await requireTeam(db, session, roundId, teamId);
  const [organizer, questionnaire, submitted, counts, ratings] = await Promise.all([
    getOrganizer(db, session.organizerId),
    getQuestionnaire(db, team.questionnaireId),
    countTeamResponses(db, session.organizerId, roundId, teamId),
    teamAnswerCounts(db, session.organizerId, roundId, teamId),
    listGroupRatings(db, session.organizerId, roundId, teamId),
  ]);
  if (!questionnaire) throw new TRPCError({ code: 'NOT_FOUND', message: 'Frågeformuläret för omgången saknas.' });
  const threshold = organizer.anonymityThreshold;
  const visible = submitted >= threshold;
  // Per indicator, the distribution is shown only where the team's results are shown: enough answers
  // to the indicator ("vet ej" is not one), and not hidden to protect another team of the unit.
  const shownOnResults = visible ? await teamIndicatorVisibility(db, session, { roundId, teamId }) : new Map<string, boolean>();
  const steps = questionnaire.definition.scale.steps;
  const countsById = new Map(counts.map((c) => [c.indicatorId, c]));
  const ratingsById = new Map(ratings.map((r) => [r.indicatorId, r]));
  const state = roundState(team, todayIn(now));

  return {
    team: { id: team.teamId, name: team.teamName, unitName: team.unitName },
    round: { id: team.roundId, name: team.roundName, closesOn: team.closesOn, state },
    editable: state === 'open',
    threshold,
    submitted,
    distributionVisible: visible,
    hiddenReason: visible
      ? null
      : `Fördelningen visas när minst ${threshold} i arbetslaget har skickat in sin skattning, för att skydda de svarandes anonymitet. Hittills har ${submitted} skickat in.`,
    scale: questionnaire.definition.scale,
    areas: questionnaire.definition.areas.map((area) => ({
      key: area.key,
      title: area.title,
      indicators: area.indicators.map((indicator) => {
        const id = questionnaire.indicatorIds.get(indicator.key) as string;
        const c = countsById.get(id);
        const rating = ratingsById.get(id);
        return {
          key: indicator.key,
          statement: indicator.statement,
          criteria: indicator.criteria,
          distribution:
            visible && shownOnResults.get(indicator.key)
              ? { counts: steps.map((s) => c?.counts[s.value] ?? 0), dontKnow: c?.dontKnow ?? 0 }
              : null,
          groupRating: rating
            ? {
                value: rating.value ?? DONT_KNOW,
                reason: rating.reason,
                updatedByName: rating.updatedByName,
                updatedAt: rating.updatedAt,
              }
            : null,
        };
      }),
    })),
  };
}

export interface GroupRatingInput {
  roundId: string;
  teamId: string;
  indicatorKey: string;
  value: number | typeof DONT_KNOW;
  reason: string;
}

/** Records the team's agreed step with its reason; editable until the round closes. */
export async function saveConsensus(db: Db, session: SessionUser, input: GroupRatingInput, now: Date) {
  const team = await requireTeam(db, session, input.roundId, input.teamId);
  if (roundState(team, todayIn(now)) !== 'open') {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Omgången är stängd. Den gemensamma skattningen kan inte längre ändras.' });
  }
  const questionnaire = await getQuestionnaire(db, team.questionnaireId);
  const indicatorId = questionnaire?.indicatorIds.get(input.indicatorKey);
  if (!questionnaire || !indicatorId) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `Indikatorn ”${input.indicatorKey}” finns inte i omgångens frågeformulär.` });
  }
  const steps = questionnaire.definition.scale.steps.length;
  if (input.value !== DONT_KNOW && (input.value < 1 || input.value > steps)) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Den gemensamma skattningen måste vara ett steg från 1 till ${steps} eller ”Vet ej”.`,
    });
  }
  await saveGroupRating(db, {
    organizerId: session.organizerId,
    roundId: input.roundId,
    teamId: input.teamId,
    indicatorId,
    value: input.value === DONT_KNOW ? null : input.value,
    reason: input.reason.trim(),
    userId: session.userId,
    now,
  });
  return { savedAt: now, updatedByName: session.name };
}
