/**
 * Results: what the results pages ask for, assembled from the kept totals (queries/results.ts),
 * the domain's statistics and findings, and the anonymity rules, which are applied here to every
 * figure before it leaves the server. See docs/results-engine.md.
 *
 * Every function takes the database first, then the viewer (the session), then the input. The
 * `source` option exists for the benchmarks and tests, which compute the same results from the raw
 * answers; the procedures always use the kept totals.
 */
import {
  type ContextRow,
  type Db,
  getOrganizer,
  getQuestionnaire,
  getResultsRound,
  getResultsTeam,
  getResultsUnit,
  getUnitPageExtras,
  getUnitPageFacts,
  keptTotals,
  listResultsRounds,
  listResultsRoundUnits,
  type OrganizerSettings,
  type ResultsRound,
  type SessionUser,
  type StoredQuestionnaire,
  type TotalsResult,
  type TotalsRow,
  type TotalsSource,
} from '@kvalitetshjulet/db';
import {
  type Finding,
  findFindings,
  hiddenValue,
  type IndicatorDescription,
  type IndicatorTotals,
  type Interval,
  mean,
  type RoundState,
  roundState,
  type SuppressedValue,
  type SuppressionReason,
  shownValue,
  suppressionExplanation,
  toIndex,
  type Visibility,
  type VisibleComments,
  visibleComments,
} from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { hasRole, unitIdsWithRole } from '../trpc.ts';
import {
  type AreaDescription,
  areaFigures,
  areaTotals,
  areaVisibility,
  type ChangeFigures,
  changeFigures,
  explanationsFor,
  indicatorFigures,
  totalsOf,
} from './results-figures.ts';
import {
  type ContextUnit,
  contextOf,
  type GroupCounts,
  organizerVisibility,
  respondentVisibilities,
  SHOWN,
  teamVisibilities,
  unitVisibilities,
} from './results-visibility.ts';

export interface ResultsOptions {
  /** Where totals come from. Default: the kept totals. */
  source?: TotalsSource;
  /** The caller has already decided that the person may see this unit's figures (the consensus view). */
  accessChecked?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Errors and access

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });
const notFound = (message: string) => new TRPCError({ code: 'NOT_FOUND', message });

const NO_RESULTS_ACCESS = 'Du har inte behörighet till resultaten för den här enheten.';
const STAFF_NOT_ALLOWED = 'Du har inte behörighet att se resultaten. Huvudmannen har inte gett medarbetare tillgång till dem.';

/**
 * Who may read a unit's results: the organizer level every unit of the organizer, a rektor their
 * own units, and staff their own unit when the organizer allows it. Another organizer's units are
 * never found (every lookup is filtered by the session's organizer).
 */
export function assertCanReadUnit(session: SessionUser, settings: OrganizerSettings, schoolUnitId: string): void {
  if (hasRole(session, 'organizer')) return;
  if (unitIdsWithRole(session, 'principal').includes(schoolUnitId)) return;
  if (unitIdsWithRole(session, 'staff').includes(schoolUnitId)) {
    if (settings.staffCanSeeResults) return;
    throw forbidden(STAFF_NOT_ALLOWED);
  }
  throw forbidden(NO_RESULTS_ACCESS);
}

/** Results across units (the organizer's own figures, comparisons): the organizer level and rektorer. */
function assertCanReadOrganizer(session: SessionUser): void {
  if (hasRole(session, 'organizer', 'principal')) return;
  throw forbidden('Du har inte behörighet till huvudmannens resultat.');
}

// ---------------------------------------------------------------------------------------------
// Questionnaires (reference data; a version never changes, so they are cached per database)

interface QuestionnaireView {
  id: string;
  /** The questionnaire's version number (a changed indicator is a new version). */
  version: number;
  steps: number;
  scale: { steps: { value: number; label: string }[]; unknownLabel: string };
  areas: { key: string; title: string; id: string; indicatorKeys: string[] }[];
  indicators: { key: string; areaKey: string; statement: string; id: string }[];
  keyById: Map<string, string>;
  areaKeyById: Map<string, string>;
}

const questionnaireCache = new WeakMap<Db, Map<string, Promise<QuestionnaireView>>>();
const QUESTIONNAIRE_CACHE_SIZE = 64;

function toView(q: StoredQuestionnaire): QuestionnaireView {
  const def = q.definition;
  const indicators = def.areas.flatMap((a) =>
    a.indicators.map((i) => ({ key: i.key, areaKey: a.key, statement: i.statement, id: q.indicatorIds.get(i.key) as string })),
  );
  return {
    id: q.id,
    version: def.version,
    steps: def.scale.steps.length,
    scale: { steps: def.scale.steps.map((s) => ({ value: s.value, label: s.label })), unknownLabel: def.scale.unknownLabel },
    areas: def.areas.map((a) => ({
      key: a.key,
      title: a.title,
      id: q.areaIds.get(a.key) as string,
      indicatorKeys: a.indicators.map((i) => i.key),
    })),
    indicators,
    keyById: new Map(indicators.map((i) => [i.id, i.key])),
    areaKeyById: new Map(def.areas.map((a) => [q.areaIds.get(a.key) as string, a.key])),
  };
}

async function questionnaire(db: Db, questionnaireId: string): Promise<QuestionnaireView> {
  let cache = questionnaireCache.get(db);
  if (!cache) {
    cache = new Map();
    questionnaireCache.set(db, cache);
  }
  const hit = cache.get(questionnaireId);
  if (hit) return hit;
  const loading = getQuestionnaire(db, questionnaireId).then((q) => {
    if (!q) throw notFound('Frågeformuläret finns inte.');
    return toView(q);
  });
  if (cache.size >= QUESTIONNAIRE_CACHE_SIZE) cache.clear();
  cache.set(questionnaireId, loading);
  loading.catch(() => cache?.delete(questionnaireId));
  return loading;
}

// ---------------------------------------------------------------------------------------------
// Shapes of the results

export interface RoundSummary {
  id: string;
  name: string;
  schoolForm: string;
  opensOn: string;
  closesOn: string;
  closedEarlyOn: string | null;
  state: RoundState;
}

export interface ResultsScale {
  steps: { value: number; label: string }[];
  unknownLabel: string;
}

export interface IndicatorResult {
  key: string;
  areaKey: string;
  statement: string;
  figures: SuppressedValue<IndicatorDescription>;
  /** Null when there is no previous round (or its scale differs). */
  change: SuppressedValue<ChangeFigures> | null;
}

export interface AreaResult {
  key: string;
  title: string;
  figures: SuppressedValue<AreaDescription>;
  change: SuppressedValue<ChangeFigures> | null;
}

export interface GroupResults {
  id: string;
  name: string;
  indicators: IndicatorResult[];
  areas: AreaResult[];
}

export interface AreaComments {
  areaKey: string;
  areaTitle: string;
  unit: VisibleComments;
  teams: { teamId: string; teamName: string; comments: VisibleComments }[];
}

export interface UnitResults {
  round: RoundSummary;
  previousRound: RoundSummary | null;
  threshold: number;
  scale: ResultsScale;
  organizerLabel: string;
  unit: GroupResults & { participation: { submitted: number; eligible: number } };
  /** The organizer's mean per indicator in the same round, as the unit page's reference. */
  organizerMeans: { key: string; mean: SuppressedValue<number | null> }[];
  teams: GroupResults[];
  comments: AreaComments[];
  findings: Finding[];
}

export interface TeamResults {
  round: RoundSummary;
  previousRound: RoundSummary | null;
  threshold: number;
  scale: ResultsScale;
  organizerLabel: string;
  unit: { id: string; name: string };
  team: GroupResults;
  comments: { areaKey: string; areaTitle: string; comments: VisibleComments }[];
  findings: Finding[];
}

function summary(round: ResultsRound, today: string): RoundSummary {
  return {
    id: round.id,
    name: round.name,
    schoolForm: round.schoolForm,
    opensOn: round.opensOn,
    closesOn: round.closesOn,
    closedEarlyOn: round.closedEarlyOn,
    state: roundState({ opensOn: round.opensOn, closesOn: round.closesOn, closedEarlyOn: round.closedEarlyOn }, today),
  };
}

function organizerLabel(settings: OrganizerSettings): string {
  return settings.kind === 'kommun' ? 'kommunens snitt' : 'huvudmannens snitt';
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Totals and visibility per indicator key, for one group in one round. */
type GroupRound = Map<string, { totals: IndicatorTotals; visibility: Visibility }>;

const counts = (t: IndicatorTotals): GroupCounts => ({ n: t.n, dontKnow: t.dontKnow });

function rowsByIndicator(rows: readonly TotalsRow[], filter: (r: TotalsRow) => boolean): Map<string, TotalsRow> {
  const map = new Map<string, TotalsRow>();
  for (const r of rows) if (filter(r)) map.set(r.indicatorId, r);
  return map;
}

/** Decisions for the organizer, one unit and its teams in one round, for every indicator of the questionnaire. */
function decideRound(
  q: QuestionnaireView,
  totals: TotalsResult,
  roundId: string,
  schoolUnitId: string,
  teamIds: readonly string[],
  threshold: number,
): { organizer: GroupRound; unit: GroupRound; teams: Map<string, GroupRound> } {
  const orgRows = rowsByIndicator(totals.organizer, (r) => r.roundId === roundId);
  const unitRows = rowsByIndicator(totals.units, (r) => r.roundId === roundId && r.schoolUnitId === schoolUnitId);
  const context = new Map<string, ContextRow[]>();
  for (const c of totals.unitContext) {
    if (c.roundId !== roundId) continue;
    context.set(c.indicatorId, [...(context.get(c.indicatorId) ?? []), c]);
  }
  const teamRows = new Map<string, Map<string, TotalsRow>>();
  for (const r of totals.teams) {
    if (r.roundId !== roundId || r.schoolUnitId !== schoolUnitId || r.teamId === null) continue;
    const byIndicator = teamRows.get(r.teamId) ?? new Map<string, TotalsRow>();
    byIndicator.set(r.indicatorId, r);
    teamRows.set(r.teamId, byIndicator);
  }
  const organizer: GroupRound = new Map();
  const unit: GroupRound = new Map();
  const teams = new Map<string, GroupRound>(teamIds.map((id) => [id, new Map()]));
  for (const indicator of q.indicators) {
    const orgTotals = totalsOf(orgRows.get(indicator.id), q.steps);
    const unitTotals = totalsOf(unitRows.get(indicator.id), q.steps);
    organizer.set(indicator.key, { totals: orgTotals, visibility: organizerVisibility(counts(orgTotals), threshold) });
    const decideUnit = unitVisibilities(counts(orgTotals), context.get(indicator.id) ?? [], threshold);
    const unitVisibility = decideUnit(schoolUnitId, counts(unitTotals));
    unit.set(indicator.key, { totals: unitTotals, visibility: unitVisibility });
    const teamTotals = teamIds.map((teamId) => ({ teamId, totals: totalsOf(teamRows.get(teamId)?.get(indicator.id), q.steps) }));
    const teamDecisions = teamVisibilities(
      counts(unitTotals),
      unitVisibility,
      teamTotals.map((t) => ({ teamId: t.teamId, ...counts(t.totals) })),
      threshold,
    );
    for (const t of teamTotals) {
      teams.get(t.teamId)?.set(indicator.key, { totals: t.totals, visibility: teamDecisions.get(t.teamId) ?? SHOWN });
    }
  }
  return { organizer, unit, teams };
}

/** Indicator and area results of one group, with the change since the previous round when there is one. */
function groupResults(
  id: string,
  name: string,
  q: QuestionnaireView,
  current: GroupRound,
  previous: { q: QuestionnaireView; round: GroupRound } | null,
  threshold: number,
): GroupResults {
  const comparable = previous !== null && previous.q.steps === q.steps ? previous : null;
  const empty = { totals: totalsOf(undefined, q.steps), visibility: { visible: false, reason: 'no-data' } as Visibility };
  const indicators: IndicatorResult[] = q.indicators.map((indicator) => {
    const now = current.get(indicator.key) ?? empty;
    const before = comparable?.round.get(indicator.key);
    return {
      key: indicator.key,
      areaKey: indicator.areaKey,
      statement: indicator.statement,
      figures: indicatorFigures(now.totals, q.steps, now.visibility, threshold),
      change: comparable === null ? null : changeFigures(now, before ?? empty, threshold),
    };
  });
  const areas: AreaResult[] = q.areas.map((area) => {
    const members = area.indicatorKeys.map((key) => current.get(key) ?? empty);
    const figures = areaFigures({ indicators: members }, q.steps, threshold);
    let change: SuppressedValue<ChangeFigures> | null = null;
    if (comparable !== null) {
      const previousArea = comparable.q.areas.find((a) => a.key === area.key);
      const previousMembers = (previousArea?.indicatorKeys ?? []).map((key) => comparable.round.get(key) ?? empty);
      const nowPooled = areaTotals(members, q.steps);
      const beforePooled = areaTotals(previousMembers, q.steps);
      change = changeFigures(
        { totals: nowPooled.totals, visibility: areaVisibility({ indicators: members }), effectiveN: nowPooled.effectiveN },
        { totals: beforePooled.totals, visibility: areaVisibility({ indicators: previousMembers }), effectiveN: beforePooled.effectiveN },
        threshold,
      );
    }
    return { key: area.key, title: area.title, figures, change };
  });
  return { id, name, indicators, areas };
}

/** Findings of a group from its shown indicators only, against its own level, the organizer and the previous round. */
function groupFindings(
  q: QuestionnaireView,
  current: GroupRound,
  organizer: GroupRound | null,
  previous: { q: QuestionnaireView; round: GroupRound } | null,
  labels: { organizer: string; ownAverage: string },
): Finding[] {
  const shown = (round: GroupRound) => {
    const map = new Map<string, IndicatorTotals>();
    for (const [key, v] of round) if (v.visibility.visible) map.set(key, v.totals);
    return map;
  };
  const visible = shown(current);
  return findFindings({
    indicators: q.indicators
      .filter((i) => visible.has(i.key))
      .map((i) => ({ indicatorKey: i.key, areaKey: i.areaKey, totals: visible.get(i.key) as IndicatorTotals })),
    steps: q.steps,
    organizer: organizer ? shown(organizer) : undefined,
    previous: previous && previous.q.steps === q.steps ? shown(previous.round) : undefined,
    organizerLabel: labels.organizer,
    ownAverageLabel: labels.ownAverage,
  });
}

// ---------------------------------------------------------------------------------------------
// Unit and team results

interface UnitReport<Extra> {
  /** What `extra` returned: work started right after the access check, alongside the totals. */
  extra: Extra;
  settings: OrganizerSettings;
  round: ResultsRound;
  previous: ResultsRound | null;
  q: QuestionnaireView;
  previousQ: QuestionnaireView | null;
  unit: { id: string; name: string };
  teams: { id: string; name: string }[];
  current: ReturnType<typeof decideRound>;
  before: ReturnType<typeof decideRound> | null;
}

/** Everything a unit or team page is built from; the access check comes first. */
async function unitReport<Extra>(
  db: Db,
  session: SessionUser,
  roundId: string,
  schoolUnitId: string,
  options: ResultsOptions,
  extra: (round: ResultsRound, unit: { id: string; name: string }) => Promise<Extra>,
): Promise<UnitReport<Extra>> {
  const organizerId = session.organizerId;
  const facts = await getUnitPageFacts(db, organizerId, roundId, schoolUnitId);
  const { organizer: settings, unit, round, previous } = facts;
  if (!unit) throw notFound('Enheten finns inte.');
  if (!options.accessChecked) assertCanReadUnit(session, settings, unit.id);
  if (!round) throw notFound('Omgången finns inte.');
  if (!facts.unitInRound) throw notFound('Enheten deltar inte i den här omgången.');
  const extraDone = extra(round, unit);
  extraDone.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const [q, previousQ] = await Promise.all([
    questionnaire(db, round.questionnaireId),
    previous ? questionnaire(db, previous.questionnaireId) : Promise.resolve(null),
  ]);
  const roundIds = previous ? [round.id, previous.id] : [round.id];
  const [extraResult, totals] = await Promise.all([
    extraDone,
    (options.source ?? keptTotals).read(db, organizerId, {
      steps: Math.max(q.steps, previousQ?.steps ?? 2),
      organizer: { roundIds },
      units: { roundIds, schoolUnitIds: [unit.id] },
      teams: { roundIds, schoolUnitIds: [unit.id] },
      unitContext: { roundIds, threshold: settings.anonymityThreshold },
    }),
  ]);
  // The teams of the round's school form, and any other team of the unit that has answers in it.
  const answeredTeams = new Set(totals.teams.map((t) => t.teamId));
  const teams = facts.teams
    .filter((t) => t.schoolForm === round.schoolForm || answeredTeams.has(t.id))
    .map((t) => ({ id: t.id, name: t.name }));
  const teamIds = teams.map((t) => t.id);
  const threshold = settings.anonymityThreshold;
  return {
    extra: extraResult,
    settings,
    round,
    previous,
    q,
    previousQ,
    unit,
    teams,
    current: decideRound(q, totals, round.id, unit.id, teamIds, threshold),
    before: previous && previousQ ? decideRound(previousQ, totals, previous.id, unit.id, teamIds, threshold) : null,
  };
}

function commentsByArea(
  q: QuestionnaireView,
  comments: readonly { areaId: string; teamId: string | null; body: string }[],
): Map<string, { all: string[]; byTeam: Map<string, string[]> }> {
  const byArea = new Map<string, { all: string[]; byTeam: Map<string, string[]> }>();
  for (const area of q.areas) byArea.set(area.key, { all: [], byTeam: new Map() });
  for (const c of comments) {
    const areaKey = q.areaKeyById.get(c.areaId);
    const entry = areaKey ? byArea.get(areaKey) : undefined;
    if (!entry) continue;
    entry.all.push(c.body);
    if (c.teamId) entry.byTeam.set(c.teamId, [...(entry.byTeam.get(c.teamId) ?? []), c.body]);
  }
  return byArea;
}

/** A unit's results in one round: figures per indicator and area, teams, comments and findings. */
export async function getUnitResults(
  db: Db,
  session: SessionUser,
  input: { roundId: string; schoolUnitId: string },
  today: string,
  options: ResultsOptions = {},
): Promise<UnitResults> {
  const organizerId = session.organizerId;
  const report = await unitReport(db, session, input.roundId, input.schoolUnitId, options, (round, unit) =>
    getUnitPageExtras(db, organizerId, round.id, unit.id, round.schoolForm),
  );
  const { settings, round, previous, q, previousQ, unit, teams, current, before } = report;
  const threshold = settings.anonymityThreshold;
  const { comments, responsesByTeam: responses } = report.extra;
  const participation = { submitted: report.extra.submitted, eligible: report.extra.eligible };
  const previousOf = (round: Map<string, { totals: IndicatorTotals; visibility: Visibility }> | undefined) =>
    before && previousQ && round ? { q: previousQ, round } : null;
  const labels = { organizer: organizerLabel(settings), ownAverage: 'enhetens egen nivå' };

  const unitResponses = responses.reduce((s, r) => s + r.responses, 0);
  const respondents = respondentVisibilities(
    unitResponses,
    teams.map((t) => ({ teamId: t.id, responses: responses.find((r) => r.teamId === t.id)?.responses ?? 0 })),
    threshold,
  );
  const grouped = commentsByArea(q, comments);

  return {
    round: summary(round, today),
    previousRound: previous ? summary(previous, today) : null,
    threshold,
    scale: q.scale,
    organizerLabel: labels.organizer,
    unit: {
      ...groupResults(unit.id, unit.name, q, current.unit, previousOf(before?.unit), threshold),
      participation,
    },
    organizerMeans: q.indicators.map((i) => {
      const org = current.organizer.get(i.key);
      return {
        key: i.key,
        mean: org?.visibility.visible
          ? shownValue(mean(org.totals))
          : hiddenValue(org?.visibility.visible === false ? org.visibility.reason : 'no-data', threshold),
      };
    }),
    teams: teams.map((t) =>
      groupResults(t.id, t.name, q, current.teams.get(t.id) ?? new Map(), previousOf(before?.teams.get(t.id)), threshold),
    ),
    comments: q.areas.map((area) => {
      const entry = grouped.get(area.key);
      return {
        areaKey: area.key,
        areaTitle: area.title,
        unit: visibleComments(entry?.all ?? [], unitResponses, threshold, respondents.unit),
        teams: teams.map((t) => ({
          teamId: t.id,
          teamName: t.name,
          comments: visibleComments(
            entry?.byTeam.get(t.id) ?? [],
            responses.find((r) => r.teamId === t.id)?.responses ?? 0,
            threshold,
            respondents.teams.get(t.id),
          ),
        })),
      };
    }),
    findings: groupFindings(q, current.unit, current.organizer, previousOf(before?.unit), labels),
  };
}

/** One team's results in one round (decided together with the unit's other teams). */
export async function getTeamResults(
  db: Db,
  session: SessionUser,
  input: { roundId: string; teamId: string },
  today: string,
  options: ResultsOptions = {},
): Promise<TeamResults> {
  const team = await getResultsTeam(db, session.organizerId, input.teamId);
  if (!team) throw notFound('Arbetslaget finns inte.');
  const report = await unitReport(db, session, input.roundId, team.schoolUnitId, options, (round, unit) =>
    getUnitPageExtras(db, session.organizerId, round.id, unit.id, round.schoolForm),
  );
  const { settings, round, previous, q, previousQ, unit, teams, current, before } = report;
  if (!teams.some((t) => t.id === team.id)) throw notFound('Arbetslaget deltar inte i den här omgången.');
  const threshold = settings.anonymityThreshold;
  const { comments, responsesByTeam: responses } = report.extra;
  const unitResponses = responses.reduce((s, r) => s + r.responses, 0);
  const teamResponses = responses.find((r) => r.teamId === team.id)?.responses ?? 0;
  const respondents = respondentVisibilities(
    unitResponses,
    teams.map((t) => ({ teamId: t.id, responses: responses.find((r) => r.teamId === t.id)?.responses ?? 0 })),
    threshold,
  );
  const teamRound = current.teams.get(team.id) ?? new Map();
  const beforeTeam = before?.teams.get(team.id);
  const previousOf = before && previousQ && beforeTeam ? { q: previousQ, round: beforeTeam } : null;
  const grouped = commentsByArea(q, comments);
  const labels = { organizer: organizerLabel(settings), ownAverage: 'arbetslagets egen nivå' };
  return {
    round: summary(round, today),
    previousRound: previous ? summary(previous, today) : null,
    threshold,
    scale: q.scale,
    organizerLabel: labels.organizer,
    unit: { id: unit.id, name: unit.name },
    team: groupResults(team.id, team.name, q, teamRound, previousOf, threshold),
    comments: q.areas.map((area) => ({
      areaKey: area.key,
      areaTitle: area.title,
      comments: visibleComments(grouped.get(area.key)?.byTeam.get(team.id) ?? [], teamResponses, threshold, respondents.teams.get(team.id)),
    })),
    findings: groupFindings(q, teamRound, current.organizer, previousOf, labels),
  };
}

/**
 * Which of a team's indicators the results pages show in a round (primary and secondary
 * suppression, decided with the unit's other teams and the organizer as on the team's page). For
 * views that show the team's figures in another form, such as the consensus view's distribution:
 * they must show no more than the results pages, or a subtraction would reveal a hidden group.
 * The caller checks access.
 */
export async function teamIndicatorVisibility(
  db: Db,
  session: SessionUser,
  input: { roundId: string; teamId: string },
): Promise<Map<string, boolean>> {
  const team = await getResultsTeam(db, session.organizerId, input.teamId);
  if (!team) return new Map();
  const report = await unitReport(db, session, input.roundId, team.schoolUnitId, { accessChecked: true }, async () => null);
  const decided = report.current.teams.get(team.id);
  return new Map(report.q.indicators.map((i) => [i.key, decided?.get(i.key)?.visibility.visible === true]));
}

// ---------------------------------------------------------------------------------------------
// Organizer results per school form

export interface OrganizerResults {
  round: RoundSummary;
  previousRound: RoundSummary | null;
  rounds: RoundSummary[];
  threshold: number;
  scale: ResultsScale;
  organizer: GroupResults;
  units: number;
  findings: Finding[];
}

/** Picks the round: the given one (of this school form), else the latest that has opened. */
async function organizerRound(
  db: Db,
  organizerId: string,
  schoolForm: string,
  roundId: string | undefined,
  today: string,
): Promise<{ round: ResultsRound; previous: ResultsRound | null; rounds: ResultsRound[] }> {
  const rounds = await listResultsRounds(db, organizerId, schoolForm);
  const opened = rounds.filter((r) => r.opensOn <= today);
  const round = roundId ? rounds.find((r) => r.id === roundId) : opened[opened.length - 1];
  if (!round) throw notFound(roundId ? 'Omgången finns inte för den här skolformen.' : 'Det finns ingen omgång för den här skolformen.');
  const index = rounds.indexOf(round);
  return { round, previous: index > 0 ? (rounds[index - 1] ?? null) : null, rounds };
}

/** The organizer's own figures for one school form and round, with the change since the round before and findings. */
export async function getOrganizerResults(
  db: Db,
  session: SessionUser,
  input: { schoolForm: string; roundId?: string },
  today: string,
  options: ResultsOptions = {},
): Promise<OrganizerResults> {
  assertCanReadOrganizer(session);
  const organizerId = session.organizerId;
  const [settings, picked] = await Promise.all([
    getOrganizer(db, organizerId),
    organizerRound(db, organizerId, input.schoolForm, input.roundId, today),
  ]);
  const { round, previous, rounds } = picked;
  const threshold = settings.anonymityThreshold;
  const roundIds = previous ? [round.id, previous.id] : [round.id];
  const [q, previousQ, totals, units] = await Promise.all([
    questionnaire(db, round.questionnaireId),
    previous ? questionnaire(db, previous.questionnaireId) : Promise.resolve(null),
    (options.source ?? keptTotals).read(db, organizerId, { organizer: { roundIds } }),
    listResultsRoundUnits(db, organizerId, round.id),
  ]);
  const decide = (view: QuestionnaireView, id: string): GroupRound => {
    const rows = rowsByIndicator(totals.organizer, (r) => r.roundId === id);
    const result: GroupRound = new Map();
    for (const i of view.indicators) {
      const t = totalsOf(rows.get(i.id), view.steps);
      result.set(i.key, { totals: t, visibility: organizerVisibility(counts(t), threshold) });
    }
    return result;
  };
  const current = decide(q, round.id);
  const before = previous && previousQ ? { q: previousQ, round: decide(previousQ, previous.id) } : null;
  const label = settings.kind === 'kommun' ? 'kommunens egen nivå' : 'huvudmannens egen nivå';
  return {
    round: summary(round, today),
    previousRound: previous ? summary(previous, today) : null,
    rounds: rounds.map((r) => summary(r, today)),
    threshold,
    scale: q.scale,
    organizer: groupResults(organizerId, settings.name, q, current, before, threshold),
    units: units.length,
    findings: groupFindings(q, current, null, before, { organizer: organizerLabel(settings), ownAverage: label }),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison of many units (column arrays)

export interface UnitComparison {
  round: RoundSummary;
  threshold: number;
  scale: ResultsScale;
  /** Shown as a reminder: self-ratings are not calibrated between units. */
  note: string;
  indicators: { key: string; areaKey: string; statement: string }[];
  units: { id: string; name: string }[];
  /** The organizer's figures per indicator (index = indicator). */
  organizer: ComparisonColumns;
  /** Row-major: cell = unit index × indicators + indicator index. */
  cells: ComparisonColumns;
  /** The explanation of every reason that occurs in `suppressed`. */
  explanations: Partial<Record<SuppressionReason, string>>;
}

/** Figures as parallel arrays; a hidden cell has null everywhere and its reason in `suppressed`. */
export interface ComparisonColumns {
  n: (number | null)[];
  dontKnow: (number | null)[];
  mean: (number | null)[];
  index: (number | null)[];
  shareAtLeast3: (number | null)[];
  /** distribution[step − 1][cell]: share of the scored answers at that step. */
  distribution: (number | null)[][];
  suppressed: (SuppressionReason | null)[];
}

/** Columns of `size` cells, every cell hidden until filled. */
function hiddenColumns(size: number, steps: number): ComparisonColumns {
  const nulls = () => new Array<number | null>(size).fill(null);
  return {
    n: nulls(),
    dontKnow: nulls(),
    mean: nulls(),
    index: nulls(),
    shareAtLeast3: nulls(),
    distribution: Array.from({ length: steps }, nulls),
    suppressed: new Array<SuppressionReason | null>(size).fill(null),
  };
}

/** Fills one cell from its counts per step (index `from` in `counts[step]`), or marks it hidden. */
function fillCell(
  columns: ComparisonColumns,
  at: number,
  counts: readonly (readonly number[])[],
  from: number,
  dontKnow: number,
  visibility: Visibility,
  steps: number,
): void {
  if (!visibility.visible) {
    columns.suppressed[at] = visibility.reason;
    return;
  }
  let n = 0;
  let sum = 0;
  let atLeast3 = 0;
  for (let step = 0; step < steps; step++) {
    const c = counts[step]?.[from] ?? 0;
    n += c;
    sum += c * (step + 1);
    if (step >= 2) atLeast3 += c;
  }
  const m = n === 0 ? null : sum / n;
  columns.n[at] = n;
  columns.dontKnow[at] = dontKnow;
  columns.mean[at] = m;
  columns.index[at] = m === null ? null : toIndex(m, steps);
  columns.shareAtLeast3[at] = n === 0 ? null : atLeast3 / n;
  for (let step = 0; step < steps; step++) {
    const d = columns.distribution[step] as (number | null)[];
    d[at] = n === 0 ? 0 : (counts[step]?.[from] ?? 0) / n;
  }
}

/**
 * Units side by side for one round: the organizer level sees every unit of the round, a rektor
 * their own. The anonymity decisions are made over all units of the round, whoever is looking, so
 * that two views never combine into more than either shows.
 */
export async function getUnitComparison(
  db: Db,
  session: SessionUser,
  input: { roundId: string; schoolUnitIds?: string[] },
  today: string,
  options: ResultsOptions = {},
): Promise<UnitComparison> {
  assertCanReadOrganizer(session);
  const organizerId = session.organizerId;
  const [settings, round] = await Promise.all([getOrganizer(db, organizerId), getResultsRound(db, organizerId, input.roundId)]);
  if (!round) throw notFound('Omgången finns inte.');
  const [roundUnits, q] = await Promise.all([listResultsRoundUnits(db, organizerId, round.id), questionnaire(db, round.questionnaireId)]);
  const allowed = hasRole(session, 'organizer') ? null : new Set(unitIdsWithRole(session, 'principal'));
  let shownUnits = roundUnits.filter((u) => allowed === null || allowed.has(u.id));
  if (input.schoolUnitIds) {
    const asked = new Set(input.schoolUnitIds);
    for (const id of asked) {
      if (!roundUnits.some((u) => u.id === id)) throw notFound('En av enheterna deltar inte i den här omgången.');
      if (allowed !== null && !allowed.has(id)) throw forbidden(NO_RESULTS_ACCESS);
    }
    shownUnits = shownUnits.filter((u) => asked.has(u.id));
  }
  const threshold = settings.anonymityThreshold;
  const steps = q.steps;
  const grid = await (options.source ?? keptTotals).unitGrid(db, organizerId, {
    roundId: round.id,
    indicatorIds: q.indicators.map((i) => i.id),
    steps,
  });
  const k = q.indicators.length;
  const rows = grid.unitIds.length;
  const rowOf = new Map(grid.unitIds.map((id, i) => [id, i]));
  const organizer = hiddenColumns(k, steps);
  const cells = hiddenColumns(shownUnits.length * k, steps);
  const organizerCounts = Array.from({ length: steps }, () => new Array<number>(k).fill(0));
  for (let col = 0; col < k; col++) {
    // The organizer: every response belongs to a unit, so its counts are the units' sums.
    let totalN = 0;
    let totalDontKnow = 0;
    for (let row = 0; row < rows; row++) {
      const at = row * k + col;
      totalN += grid.n[at] ?? 0;
      totalDontKnow += grid.dontKnow[at] ?? 0;
      for (let step = 0; step < steps; step++) {
        const target = organizerCounts[step] as number[];
        target[col] = (target[col] as number) + (grid.counts[step]?.[at] ?? 0);
      }
    }
    const total = { n: totalN, dontKnow: totalDontKnow };
    fillCell(organizer, col, organizerCounts, col, totalDontKnow, organizerVisibility(total, threshold), steps);
    // Decided over every unit of the round, whoever is looking. Only units below the threshold and
    // the smallest ones above it can matter (contextOf); the others are not even copied.
    const candidates: ContextUnit[] = [];
    let smallestN = -1;
    let smallestA = -1;
    for (let row = 0; row < rows; row++) {
      const at = row * k + col;
      const n = grid.n[at] ?? 0;
      const a = n + (grid.dontKnow[at] ?? 0);
      if (n < threshold) {
        candidates.push({ schoolUnitId: grid.unitIds[row] as string, n, dontKnow: a - n });
        continue;
      }
      // Rows are in id order, so the first row with the smallest count has the smallest id.
      if (smallestN < 0 || n < (grid.n[smallestN * k + col] ?? 0)) smallestN = row;
      const best = smallestA < 0 ? 0 : (grid.n[smallestA * k + col] ?? 0) + (grid.dontKnow[smallestA * k + col] ?? 0);
      if (smallestA < 0 || a < best) smallestA = row;
    }
    for (const row of new Set([smallestN, smallestA])) {
      if (row < 0) continue;
      const at = row * k + col;
      candidates.push({ schoolUnitId: grid.unitIds[row] as string, n: grid.n[at] ?? 0, dontKnow: grid.dontKnow[at] ?? 0 });
    }
    const decide = unitVisibilities(total, contextOf(candidates, threshold), threshold);
    for (let i = 0; i < shownUnits.length; i++) {
      const u = shownUnits[i] as { id: string };
      const row = rowOf.get(u.id);
      if (row === undefined) {
        cells.suppressed[i * k + col] = 'no-data';
        continue;
      }
      const at = row * k + col;
      const counts = { n: grid.n[at] ?? 0, dontKnow: grid.dontKnow[at] ?? 0 };
      fillCell(cells, i * k + col, grid.counts, at, counts.dontKnow, decide(u.id, counts), steps);
    }
  }
  return {
    round: summary(round, today),
    threshold,
    scale: q.scale,
    note: 'Jämförelsen visar variation att undersöka, inte en rangordning: självskattningar är inte kalibrerade mellan enheter.',
    indicators: q.indicators.map((i) => ({ key: i.key, areaKey: i.areaKey, statement: i.statement })),
    units: shownUnits,
    organizer,
    cells,
    explanations: explanationsFor([...cells.suppressed, ...organizer.suppressed], (r) => suppressionExplanation(r, threshold)),
  };
}

// ---------------------------------------------------------------------------------------------
// Trend across rounds

export interface TrendPoint {
  roundId: string;
  figures: SuppressedValue<{
    n: number;
    mean: number | null;
    /** 95% interval of the mean (null when n < 2). */
    meanInterval: Interval | null;
    index: number | null;
    shareAtLeast3: number | null;
  }>;
}

export interface TrendResults {
  group: { kind: 'organizer' | 'unit' | 'team'; id: string; name: string };
  threshold: number;
  /** The rounds, each with the version of its questionnaire (a change of version is marked in the trend). */
  rounds: (RoundSummary & { questionnaireVersion: number })[];
  /** Indicators by key, as in the latest round's questionnaire; older versions are matched by key. */
  indicators: { key: string; areaKey: string; statement: string; points: TrendPoint[] }[];
  areas: { key: string; title: string; points: TrendPoint[] }[];
}

function trendPoint(roundId: string, figures: SuppressedValue<IndicatorDescription>): TrendPoint {
  if (figures.suppressed) return { roundId, figures };
  const d = figures.value;
  return {
    roundId,
    figures: shownValue({ n: d.n, mean: d.mean, meanInterval: d.meanInterval, index: d.index, shareAtLeast3: d.shareAtLeast3 }),
  };
}

/**
 * One group's results round by round for a school form: the organizer (no unit given), a unit, or
 * a team. Each round is decided on its own, as in that round's results.
 */
export async function getTrend(
  db: Db,
  session: SessionUser,
  input: { schoolForm: string; schoolUnitId?: string; teamId?: string },
  today: string,
  options: ResultsOptions = {},
): Promise<TrendResults> {
  const organizerId = session.organizerId;
  const settings = await getOrganizer(db, organizerId);
  const threshold = settings.anonymityThreshold;
  let unitId = input.schoolUnitId ?? null;
  let group: TrendResults['group'] = { kind: 'organizer', id: organizerId, name: settings.name };
  if (input.teamId) {
    const team = await getResultsTeam(db, organizerId, input.teamId);
    if (!team) throw notFound('Arbetslaget finns inte.');
    if (unitId && unitId !== team.schoolUnitId) throw notFound('Arbetslaget hör inte till enheten.');
    unitId = team.schoolUnitId;
    group = { kind: 'team', id: team.id, name: team.name };
  }
  if (unitId) {
    const unit = await getResultsUnit(db, organizerId, unitId);
    if (!unit) throw notFound('Enheten finns inte.');
    assertCanReadUnit(session, settings, unit.id);
    if (group.kind === 'organizer') group = { kind: 'unit', id: unit.id, name: unit.name };
  } else {
    assertCanReadOrganizer(session);
  }
  const rounds = (await listResultsRounds(db, organizerId, input.schoolForm, unitId ?? undefined)).filter((r) => r.opensOn <= today);
  const roundIds = rounds.map((r) => r.id);
  const views = await Promise.all(rounds.map((r) => questionnaire(db, r.questionnaireId)));
  const totals =
    roundIds.length === 0
      ? { organizer: [], units: [], teams: [], unitContext: [] }
      : await (options.source ?? keptTotals).read(db, organizerId, {
          organizer: { roundIds },
          ...(unitId
            ? {
                units: { roundIds, schoolUnitIds: [unitId] },
                teams: { roundIds, schoolUnitIds: [unitId] },
                unitContext: { roundIds, threshold },
              }
            : {}),
        });
  const teamIds = unitId ? [...new Set(totals.teams.map((t) => t.teamId as string))] : [];
  if (group.kind === 'team' && !teamIds.includes(group.id)) teamIds.push(group.id);
  const latest = views[views.length - 1];
  const indicatorList = latest?.indicators ?? [];
  const areaList = latest?.areas ?? [];
  const perRound = rounds.map((round, i) => {
    const view = views[i] as QuestionnaireView;
    const decided = unitId
      ? decideRound(view, totals, round.id, unitId, teamIds, threshold)
      : { organizer: decideRound(view, totals, round.id, '', [], threshold).organizer, unit: new Map(), teams: new Map() };
    const groupRound: GroupRound =
      group.kind === 'organizer' ? decided.organizer : group.kind === 'unit' ? decided.unit : (decided.teams.get(group.id) ?? new Map());
    return { round, view, results: groupResults(group.id, group.name, view, groupRound, null, threshold) };
  });
  return {
    group,
    threshold,
    rounds: rounds.map((r, i) => ({ ...summary(r, today), questionnaireVersion: (views[i] as QuestionnaireView).version })),
    indicators: indicatorList.map((indicator) => ({
      key: indicator.key,
      areaKey: indicator.areaKey,
      statement: indicator.statement,
      points: perRound.map(({ round, results }) => {
        const found = results.indicators.find((x) => x.key === indicator.key);
        return trendPoint(round.id, found?.figures ?? hiddenValue('no-data', threshold));
      }),
    })),
    areas: areaList.map((area) => ({
      key: area.key,
      title: area.title,
      points: perRound.map(({ round, results }) => {
        const found = results.areas.find((x) => x.key === area.key);
        return trendPoint(round.id, found?.figures ?? hiddenValue('no-data', threshold));
      }),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Findings

export interface FindingsResults {
  group: { kind: 'organizer' | 'unit' | 'team'; id: string; name: string };
  round: RoundSummary;
  findings: Finding[];
}

/** Strengths, weaknesses and disagreements of the organizer (no unit), a unit or a team in one round. */
export async function getFindings(
  db: Db,
  session: SessionUser,
  input: { roundId: string; schoolUnitId?: string; teamId?: string },
  today: string,
  options: ResultsOptions = {},
): Promise<FindingsResults> {
  if (input.teamId) {
    const r = await getTeamResults(db, session, { roundId: input.roundId, teamId: input.teamId }, today, options);
    return { group: { kind: 'team', id: r.team.id, name: r.team.name }, round: r.round, findings: r.findings };
  }
  if (input.schoolUnitId) {
    const r = await getUnitResults(db, session, { roundId: input.roundId, schoolUnitId: input.schoolUnitId }, today, options);
    return { group: { kind: 'unit', id: r.unit.id, name: r.unit.name }, round: r.round, findings: r.findings };
  }
  assertCanReadOrganizer(session);
  const round = await getResultsRound(db, session.organizerId, input.roundId);
  if (!round) throw notFound('Omgången finns inte.');
  const r = await getOrganizerResults(db, session, { schoolForm: round.schoolForm, roundId: round.id }, today, options);
  return { group: { kind: 'organizer', id: r.organizer.id, name: r.organizer.name }, round: r.round, findings: r.findings };
}
