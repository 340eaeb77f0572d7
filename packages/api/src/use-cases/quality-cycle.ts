/**
 * The quality cycle after "Var är vi?": the analysis (Vart ska vi?), the priorities and the
 * development plan (Hur gör vi?), and the follow-up (Hur blev det?), for a unit and round or for the
 * organizer and round. The figures come from the results use-cases (findings, trend), so the
 * anonymity rules are applied exactly as on the results pages. See docs/quality-cycle.md.
 */
import {
  type Db,
  deleteQualityActivity,
  deleteQualityFinding,
  deleteQualityPriority,
  ensureQualityPlan,
  findQualityActivity,
  findQualityPlan,
  findQualityPriority,
  getQuestionnaire,
  getResultsRound,
  getResultsUnit,
  insertQualityActivity,
  insertQualityFinding,
  insertQualityPriority,
  listQualityActivities,
  listQualityFindings,
  listQualityPlans,
  listQualityPriorities,
  listQualityTexts,
  listResultsRounds,
  listResultsRoundUnits,
  listRoundParticipation,
  type QualityActivityInput,
  type QualityActivityRow,
  type QualityPlanRow,
  type QualityPriorityRow,
  type ResultsRound,
  type SessionUser,
  type StoredQuestionnaire,
  saveQualityText,
  updateQualityActivity,
  updateQualityPriority,
} from '@kvalitetshjulet/db';
import {
  activityDatesError,
  type Finding,
  type FollowUpFigure,
  followUpIndicator,
  hiddenValue,
  type IndicatorFollowUp,
  PRIORITY_MAX,
  priorityCountWarning,
  type RoundState,
  roundState,
  SCHOOL_FORM_LABELS,
  type SchoolForm,
  targetMeanError,
} from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { hasRole, unitIdsWithRole } from '../trpc.ts';
import { getFindings, getTrend, type TrendResults } from './results.ts';

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });
const notFound = (message: string) => new TRPCError({ code: 'NOT_FOUND', message });
const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

const EDIT_UNIT = 'Bara enhetens rektor och huvudmannanivån kan ändra analysen och planen.';
const EDIT_ORGANIZER = 'Bara huvudmannanivån kan ändra huvudmannens analys och plan.';
const READ_UNIT = 'Du har inte behörighet till den här enhetens kvalitetsarbete.';
const READ_ORGANIZER = 'Du har inte behörighet till huvudmannens kvalitetsarbete.';

export interface QualityScope {
  roundId: string;
  /** Null or missing: the organizer's own plan for the round. */
  schoolUnitId?: string | null;
}

interface LoadedScope {
  round: ResultsRound;
  unit: { id: string; name: string } | null;
  canEdit: boolean;
}

function schoolFormLabel(form: string): string {
  return SCHOOL_FORM_LABELS[form as SchoolForm] ?? form;
}

function canEditScope(session: SessionUser, schoolUnitId: string | null): boolean {
  if (hasRole(session, 'organizer')) return true;
  return schoolUnitId !== null && unitIdsWithRole(session, 'principal').includes(schoolUnitId);
}

/**
 * Finds the round and unit (within the session's organizer: another organizer's are not found),
 * then checks access. Reading: the unit's staff, its rektor and the organizer level; the
 * organizer's plan: the organizer level and rektorer. Editing: the unit's rektor and the organizer
 * level; the organizer's plan: the organizer level.
 */
async function loadScope(db: Db, session: SessionUser, scope: QualityScope, mode: 'read' | 'edit'): Promise<LoadedScope> {
  const round = await getResultsRound(db, session.organizerId, scope.roundId);
  if (!round) throw notFound('Omgången finns inte.');
  const schoolUnitId = scope.schoolUnitId ?? null;
  if (schoolUnitId === null) {
    if (!hasRole(session, 'organizer', 'principal')) throw forbidden(READ_ORGANIZER);
    const canEdit = canEditScope(session, null);
    if (mode === 'edit' && !canEdit) throw forbidden(EDIT_ORGANIZER);
    return { round, unit: null, canEdit };
  }
  const unit = await getResultsUnit(db, session.organizerId, schoolUnitId);
  if (!unit) throw notFound('Enheten finns inte.');
  const canRead =
    hasRole(session, 'organizer') ||
    unitIdsWithRole(session, 'principal').includes(unit.id) ||
    unitIdsWithRole(session, 'staff').includes(unit.id);
  if (!canRead) throw forbidden(READ_UNIT);
  const canEdit = canEditScope(session, unit.id);
  if (mode === 'edit' && !canEdit) throw forbidden(EDIT_UNIT);
  const units = await listResultsRoundUnits(db, session.organizerId, round.id);
  if (!units.some((u) => u.id === unit.id)) throw notFound('Enheten deltar inte i den här omgången.');
  return { round, unit, canEdit };
}

/** The plan behind a priority, with the access check for its scope. */
async function loadPriority(db: Db, session: SessionUser, priorityId: string, mode: 'read' | 'edit') {
  const found = await findQualityPriority(db, session.organizerId, priorityId);
  if (!found) throw notFound('Prioriteringen finns inte.');
  const scope = await loadScope(db, session, { roundId: found.plan.roundId, schoolUnitId: found.plan.schoolUnitId }, mode);
  return { ...scope, plan: found.plan, priorityId: found.id };
}

// ---------------------------------------------------------------------------------------------
// Questionnaire facts

interface IndicatorInfo {
  key: string;
  areaKey: string;
  areaTitle: string;
  statement: string;
}

interface QuestionnaireFacts {
  steps: number;
  scale: { value: number; label: string }[];
  areas: { key: string; title: string }[];
  indicators: IndicatorInfo[];
}

function factsOf(q: StoredQuestionnaire): QuestionnaireFacts {
  const def = q.definition;
  return {
    steps: def.scale.steps.length,
    scale: def.scale.steps.map((s) => ({ value: s.value, label: s.label })),
    areas: def.areas.map((a) => ({ key: a.key, title: a.title })),
    indicators: def.areas.flatMap((a) =>
      a.indicators.map((i) => ({ key: i.key, areaKey: a.key, areaTitle: a.title, statement: i.statement })),
    ),
  };
}

async function questionnaireFacts(db: Db, round: ResultsRound): Promise<QuestionnaireFacts> {
  const q = await getQuestionnaire(db, round.questionnaireId);
  if (!q) throw notFound('Frågeformuläret finns inte.');
  return factsOf(q);
}

// ---------------------------------------------------------------------------------------------
// Shapes

export interface SavedText {
  body: string;
  /** 0 when never saved. */
  revision: number;
  updatedByName: string | null;
  /** ISO timestamp; null when never saved. */
  updatedAt: string | null;
}

const EMPTY_TEXT: SavedText = { body: '', revision: 0, updatedByName: null, updatedAt: null };

export interface FindingSnapshot {
  kind: Finding['kind'];
  reference: Finding['reference'];
  indicatorKey: string;
  areaKey: string;
  areaTitle: string;
  statement: string;
  value: number;
  referenceValue: number | null;
  difference: number | null;
  interval: Finding['interval'];
  n: number;
  referenceN: number | null;
  reason: string;
  roundName: string;
}

export interface TakenFinding {
  id: string;
  snapshot: FindingSnapshot;
  takenAt: string;
  cause: SavedText;
}

export interface PriorityView {
  id: string;
  title: string;
  reason: string;
  goal: string;
  indicators: { indicatorKey: string; areaKey: string; areaTitle: string; statement: string; targetMean: number | null }[];
  origin: { priorityId: string; title: string; roundName: string } | null;
  organizerPriority: { id: string; title: string } | null;
  activities: QualityActivityRow[];
  evaluation: SavedText;
  followUp: { indicatorKey: string; statement: string; result: IndicatorFollowUp }[] | null;
  carriedTo: { roundId: string; roundName: string } | null;
}

export interface RoundBrief {
  id: string;
  name: string;
  schoolForm: string;
  schoolFormLabel: string;
  opensOn: string;
  closesOn: string;
  state: RoundState;
}

export interface Workspace {
  scope: { kind: 'unit' | 'organizer'; unitId: string | null; name: string; organizerName: string };
  round: RoundBrief;
  canEdit: boolean;
  scale: { steps: number; labels: { value: number; label: string }[] };
  areas: { key: string; title: string }[];
  indicators: IndicatorInfo[];
  findings: TakenFinding[];
  analysis: SavedText;
  evidence: SavedText;
  priorities: PriorityView[];
  priorityWarning: string | null;
  /** The later closed round the follow-up compares with, or why there is none. */
  followUp: { laterRound: RoundBrief | null; message: string | null };
  /** The next round of the same school form, where a priority can be carried on. */
  nextRound: RoundBrief | null;
  /** For a unit: the organizer's priorities in the same round, to link to. */
  organizerPriorities: { id: string; title: string }[];
}

function brief(round: ResultsRound, today: string): RoundBrief {
  return {
    id: round.id,
    name: round.name,
    schoolForm: round.schoolForm,
    schoolFormLabel: schoolFormLabel(round.schoolForm),
    opensOn: round.opensOn,
    closesOn: round.closedEarlyOn ?? round.closesOn,
    state: roundState(round, today),
  };
}

function textOf(texts: Map<string, SavedText>, key: string): SavedText {
  return texts.get(key) ?? EMPTY_TEXT;
}

// ---------------------------------------------------------------------------------------------
// Follow-up

type TrendFigure = TrendResults['indicators'][number]['points'][number]['figures'];

function followUpFigure(figure: TrendFigure | undefined, threshold: number): FollowUpFigure {
  if (!figure) return hiddenValue('no-data', threshold);
  if (figure.suppressed) return figure;
  return { suppressed: false, value: { n: figure.value.n, mean: figure.value.mean, meanInterval: figure.value.meanInterval } };
}

interface FollowUpContext {
  laterRound: RoundBrief | null;
  message: string | null;
  trend: TrendResults | null;
}

/** The later closed round of the same school form (and unit) and the trend to read the figures from. */
async function followUpContext(
  db: Db,
  session: SessionUser,
  round: ResultsRound,
  unitId: string | null,
  today: string,
): Promise<FollowUpContext> {
  const rounds = await listResultsRounds(db, session.organizerId, round.schoolForm, unitId ?? undefined);
  const later = rounds.filter((r) => r.opensOn > round.opensOn && roundState(r, today) === 'closed');
  const latest = later[later.length - 1];
  if (!latest) return { laterRound: null, message: 'Uppföljningen visas när en senare omgång för skolformen har avslutats.', trend: null };
  try {
    const trend = await getTrend(db, session, { schoolForm: round.schoolForm, ...(unitId ? { schoolUnitId: unitId } : {}) }, today);
    return { laterRound: brief(latest, today), message: null, trend };
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'FORBIDDEN') {
      return { laterRound: brief(latest, today), message: `Siffrorna visas inte: ${error.message}`, trend: null };
    }
    throw error;
  }
}

function priorityFollowUp(
  priority: QualityPriorityRow,
  baselineRoundId: string,
  context: FollowUpContext,
  statements: Map<string, string>,
): PriorityView['followUp'] {
  const { trend, laterRound } = context;
  if (!trend || !laterRound) return null;
  return priority.indicators.map((link) => {
    const row = trend.indicators.find((i) => i.key === link.indicatorKey);
    const at = (roundId: string) => followUpFigure(row?.points.find((p) => p.roundId === roundId)?.figures, trend.threshold);
    return {
      indicatorKey: link.indicatorKey,
      statement: statements.get(link.indicatorKey) ?? row?.statement ?? link.indicatorKey,
      result: followUpIndicator(at(baselineRoundId), at(laterRound.id), link.targetMean),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The workspace

/** Everything the analysis, priorities, plan, follow-up and report pages show for one scope and round. */
export async function getWorkspace(db: Db, session: SessionUser, scope: QualityScope, today: string): Promise<Workspace> {
  const { round, unit, canEdit } = await loadScope(db, session, scope, 'read');
  const orgId = session.organizerId;
  const unitId = unit?.id ?? null;
  const [facts, plan, allRounds] = await Promise.all([
    questionnaireFacts(db, round),
    findQualityPlan(db, orgId, round.id, unitId),
    listResultsRounds(db, orgId, round.schoolForm, unitId ?? undefined),
  ]);
  const planIds = plan ? [plan.id] : [];
  const [findings, texts, priorities] = await Promise.all([
    listQualityFindings(db, orgId, planIds),
    listQualityTexts(db, orgId, planIds),
    listQualityPriorities(db, orgId, planIds),
  ]);
  const activities = await listQualityActivities(
    db,
    orgId,
    priorities.map((p) => p.id),
  );
  const textMap = new Map<string, SavedText>(
    texts.map((t) => [
      t.docKey,
      { body: t.body, revision: t.revision, updatedByName: t.updatedByName, updatedAt: t.updatedAt.toISOString() },
    ]),
  );
  const statements = new Map(facts.indicators.map((i) => [i.key, i.statement]));
  const context = await followUpContext(db, session, round, unitId, today);
  const nextRound = allRounds.find((r) => r.opensOn > round.opensOn) ?? null;

  // Origins (carried from an earlier round), links to the organizer's priorities, and where a priority was carried to.
  const roundIds = allRounds.map((r) => r.id);
  const relatedPlans = await listQualityPlans(db, orgId, roundIds);
  const scopePlans = relatedPlans.filter((p) => p.schoolUnitId === unitId);
  const organizerPlan = unitId ? relatedPlans.find((p) => p.schoolUnitId === null && p.roundId === round.id) : undefined;
  const related = await listQualityPriorities(db, orgId, [...scopePlans.map((p) => p.id), ...(organizerPlan ? [organizerPlan.id] : [])]);
  const planRound = new Map(relatedPlans.map((p) => [p.id, allRounds.find((r) => r.id === p.roundId)]));
  const byId = new Map(related.map((p) => [p.id, p]));
  const organizerPriorities = organizerPlan
    ? related.filter((p) => p.planId === organizerPlan.id).map((p) => ({ id: p.id, title: p.title }))
    : [];
  const organizerPriorityTitles = new Map(organizerPriorities.map((p) => [p.id, p.title]));

  return {
    scope: { kind: unit ? 'unit' : 'organizer', unitId, name: unit?.name ?? session.organizerName, organizerName: session.organizerName },
    round: brief(round, today),
    canEdit,
    scale: { steps: facts.steps, labels: facts.scale },
    areas: facts.areas,
    indicators: facts.indicators,
    findings: findings.map((f) => ({
      id: f.id,
      snapshot: f.snapshot as unknown as FindingSnapshot,
      takenAt: f.takenAt.toISOString(),
      cause: textOf(textMap, `cause:${f.id}`),
    })),
    analysis: textOf(textMap, 'analysis'),
    evidence: textOf(textMap, 'evidence'),
    priorities: priorities.map((p) => {
      const origin = p.originPriorityId ? byId.get(p.originPriorityId) : undefined;
      const carried = related.find((x) => x.originPriorityId === p.id);
      const carriedRound = carried ? planRound.get(carried.planId) : undefined;
      return {
        id: p.id,
        title: p.title,
        reason: p.reason,
        goal: p.goal,
        indicators: p.indicators.map((i) => {
          const info = facts.indicators.find((x) => x.key === i.indicatorKey);
          return { ...i, areaTitle: info?.areaTitle ?? i.areaKey, statement: info?.statement ?? i.indicatorKey };
        }),
        origin: origin ? { priorityId: origin.id, title: origin.title, roundName: planRound.get(origin.planId)?.name ?? '' } : null,
        organizerPriority: p.organizerPriorityId
          ? { id: p.organizerPriorityId, title: organizerPriorityTitles.get(p.organizerPriorityId) ?? 'Huvudmannens prioritering' }
          : null,
        activities: activities.filter((a) => a.priorityId === p.id),
        evaluation: textOf(textMap, `evaluation:${p.id}`),
        followUp: priorityFollowUp(p, round.id, context, statements),
        carriedTo: carriedRound ? { roundId: carriedRound.id, roundName: carriedRound.name } : null,
      };
    }),
    priorityWarning: priorityCountWarning(priorities.length),
    followUp: { laterRound: context.laterRound, message: context.message },
    nextRound: nextRound ? brief(nextRound, today) : null,
    organizerPriorities,
  };
}

// ---------------------------------------------------------------------------------------------
// Findings into the analysis

export interface TakeFindingInput extends QualityScope {
  kind: Finding['kind'];
  reference: Finding['reference'];
  indicatorKey: string;
}

/**
 * Takes a finding of the round into the analysis with one click, with a snapshot of its figures
 * and reason as they are now (the analysis text refers to what was seen then).
 */
export async function takeFinding(
  db: Db,
  session: SessionUser,
  input: TakeFindingInput,
  today: string,
): Promise<{ findingId: string; created: boolean }> {
  const { round, unit } = await loadScope(db, session, input, 'edit');
  const [facts, results] = await Promise.all([
    questionnaireFacts(db, round),
    getFindings(db, session, { roundId: round.id, ...(unit ? { schoolUnitId: unit.id } : {}) }, today),
  ]);
  const finding = results.findings.find(
    (f) => f.kind === input.kind && f.indicatorKey === input.indicatorKey && (f.reference ?? null) === (input.reference ?? null),
  );
  if (!finding) throw notFound('Fyndet finns inte bland omgångens styrkor, svagheter och samtalsfrågor.');
  const info = facts.indicators.find((i) => i.key === finding.indicatorKey);
  const snapshot: FindingSnapshot = {
    kind: finding.kind,
    reference: finding.reference,
    indicatorKey: finding.indicatorKey,
    areaKey: finding.areaKey,
    areaTitle: info?.areaTitle ?? finding.areaKey,
    statement: info?.statement ?? finding.indicatorKey,
    value: finding.value,
    referenceValue: finding.referenceValue,
    difference: finding.difference,
    interval: finding.interval,
    n: finding.n,
    referenceN: finding.referenceN,
    reason: finding.reason,
    roundName: round.name,
  };
  const plan = await ensureQualityPlan(db, session.organizerId, round.id, unit?.id ?? null);
  const r = await insertQualityFinding(db, session.organizerId, {
    planId: plan.id,
    kind: finding.kind,
    reference: finding.reference,
    indicatorKey: finding.indicatorKey,
    areaKey: finding.areaKey,
    snapshot: snapshot as unknown as Record<string, unknown>,
    takenBy: session.userId,
  });
  return { findingId: r.id, created: r.created };
}

export async function removeFinding(db: Db, session: SessionUser, input: QualityScope & { findingId: string }): Promise<void> {
  const { round, unit } = await loadScope(db, session, input, 'edit');
  const plan = await findQualityPlan(db, session.organizerId, round.id, unit?.id ?? null);
  if (!plan || !(await deleteQualityFinding(db, session.organizerId, plan.id, input.findingId))) {
    throw notFound('Fyndet finns inte i analysen.');
  }
}

// ---------------------------------------------------------------------------------------------
// Texts with a revision check

export type TextTarget =
  | { kind: 'analysis' }
  | { kind: 'evidence' }
  | { kind: 'cause'; findingId: string }
  | { kind: 'evaluation'; priorityId: string };

export type SaveTextOutcome =
  | { status: 'saved'; revision: number; updatedAt: string }
  | { status: 'conflict'; current: SavedText; message: string };

async function docKeyOf(db: Db, session: SessionUser, plan: QualityPlanRow, target: TextTarget): Promise<string> {
  if (target.kind === 'analysis' || target.kind === 'evidence') return target.kind;
  if (target.kind === 'cause') {
    const findings = await listQualityFindings(db, session.organizerId, [plan.id]);
    if (!findings.some((f) => f.id === target.findingId)) throw notFound('Fyndet finns inte i analysen.');
    return `cause:${target.findingId}`;
  }
  const priorities = await listQualityPriorities(db, session.organizerId, [plan.id]);
  if (!priorities.some((p) => p.id === target.priorityId)) throw notFound('Prioriteringen finns inte.');
  return `evaluation:${target.priorityId}`;
}

const timeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });

/**
 * Saves a text only if nobody else saved it since the writer loaded it (baseRevision). On a
 * conflict nothing is written and the stored text comes back with who saved it and when; the
 * writer's own text stays in their page.
 */
export async function saveText(
  db: Db,
  session: SessionUser,
  input: QualityScope & { target: TextTarget; body: string; baseRevision: number },
  now: Date,
): Promise<SaveTextOutcome> {
  const { round, unit } = await loadScope(db, session, input, 'edit');
  const plan = await ensureQualityPlan(db, session.organizerId, round.id, unit?.id ?? null);
  const docKey = await docKeyOf(db, session, plan, input.target);
  const r = await saveQualityText(db, session.organizerId, {
    planId: plan.id,
    docKey,
    body: input.body,
    baseRevision: input.baseRevision,
    userId: session.userId,
    now,
  });
  if (r.ok) return { status: 'saved', revision: r.revision, updatedAt: r.updatedAt.toISOString() };
  const who = r.current.updatedByName ?? 'någon annan';
  return {
    status: 'conflict',
    current: {
      body: r.current.body,
      revision: r.current.revision,
      updatedByName: r.current.updatedByName,
      updatedAt: r.current.updatedAt.toISOString(),
    },
    message: `Texten har ändrats av ${who} kl. ${timeFormat.format(r.current.updatedAt)} sedan du började skriva. Din text är kvar: jämför och välj vad som ska sparas.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Priorities

export interface PriorityInput extends QualityScope {
  priorityId?: string;
  title: string;
  reason: string;
  goal: string;
  organizerPriorityId?: string | null;
  indicators: { indicatorKey: string; targetMean: number | null }[];
}

async function validateOrganizerLink(db: Db, session: SessionUser, round: ResultsRound, organizerPriorityId: string | null | undefined) {
  if (!organizerPriorityId) return null;
  const found = await findQualityPriority(db, session.organizerId, organizerPriorityId);
  if (!found || found.plan.schoolUnitId !== null) throw badRequest('Huvudmannens prioritering finns inte.');
  const linkedRound = await getResultsRound(db, session.organizerId, found.plan.roundId);
  if (!linkedRound || linkedRound.schoolForm !== round.schoolForm) {
    throw badRequest(
      `Huvudmannens prioritering gäller en annan skolform (${schoolFormLabel(linkedRound?.schoolForm ?? '')}) än omgången (${schoolFormLabel(round.schoolForm)}).`,
    );
  }
  return found.id;
}

function validateIndicators(facts: QuestionnaireFacts, indicators: PriorityInput['indicators']) {
  const seen = new Set<string>();
  return indicators.map((i) => {
    const info = facts.indicators.find((x) => x.key === i.indicatorKey);
    if (!info) throw badRequest(`Okänd indikator: ${i.indicatorKey}. Välj en indikator ur omgångens frågeformulär.`);
    if (seen.has(i.indicatorKey)) throw badRequest(`Indikatorn ”${info.statement}” är vald två gånger.`);
    seen.add(i.indicatorKey);
    if (i.targetMean !== null) {
      const error = targetMeanError(i.targetMean, facts.steps);
      if (error) throw badRequest(`${error} (gäller ”${info.statement}”)`);
    }
    return { indicatorKey: info.key, areaKey: info.areaKey, targetMean: i.targetMean };
  });
}

/** Creates or updates a priority (1–4 advised; more gives a warning). */
export async function savePriority(
  db: Db,
  session: SessionUser,
  input: PriorityInput,
  now: Date,
): Promise<{ priorityId: string; warning: string | null }> {
  const { round, unit } = await loadScope(db, session, input, 'edit');
  const facts = await questionnaireFacts(db, round);
  const indicators = validateIndicators(facts, input.indicators);
  const organizerPriorityId = unit ? await validateOrganizerLink(db, session, round, input.organizerPriorityId) : null;
  const plan = await ensureQualityPlan(db, session.organizerId, round.id, unit?.id ?? null);
  const existing = await listQualityPriorities(db, session.organizerId, [plan.id]);
  const values = { title: input.title.trim(), reason: input.reason.trim(), goal: input.goal.trim(), organizerPriorityId, indicators };
  if (input.priorityId) {
    if (!existing.some((p) => p.id === input.priorityId)) throw notFound('Prioriteringen finns inte.');
    await updateQualityPriority(db, session.organizerId, input.priorityId, values, now);
    return { priorityId: input.priorityId, warning: priorityCountWarning(existing.length) };
  }
  if (existing.length >= PRIORITY_MAX) {
    throw badRequest(`Planen har redan ${existing.length} prioriterade utvecklingsområden. Ta bort eller slå ihop några först.`);
  }
  const priorityId = await insertQualityPriority(db, session.organizerId, plan.id, values, now);
  return { priorityId, warning: priorityCountWarning(existing.length + 1) };
}

export async function deletePriority(db: Db, session: SessionUser, priorityId: string): Promise<void> {
  const { plan } = await loadPriority(db, session, priorityId, 'edit');
  await deleteQualityPriority(db, session.organizerId, plan.id, priorityId);
}

/**
 * Carries a priority on into the next round's plan of the same unit (or organizer) and school
 * form, with a link back to its origin. Its indicators and targets come along when the next
 * round's questionnaire still has them.
 */
export async function carryPriorityForward(
  db: Db,
  session: SessionUser,
  input: { priorityId: string; targetRoundId?: string },
  now: Date,
): Promise<{ roundId: string; priorityId: string }> {
  const { round, unit, plan } = await loadPriority(db, session, input.priorityId, 'edit');
  const rounds = await listResultsRounds(db, session.organizerId, round.schoolForm, unit?.id ?? undefined);
  let target: ResultsRound | null | undefined;
  if (input.targetRoundId) {
    target = await getResultsRound(db, session.organizerId, input.targetRoundId);
    if (!target) throw notFound('Omgången finns inte.');
    if (target.schoolForm !== round.schoolForm) {
      throw badRequest(
        `Omgången ${target.name} gäller ${schoolFormLabel(target.schoolForm).toLowerCase()}, men prioriteringen gäller ${schoolFormLabel(round.schoolForm).toLowerCase()}. Välj en omgång för samma skolform.`,
      );
    }
    if (target.opensOn <= round.opensOn) throw badRequest('En prioritering kan bara föras vidare till en senare omgång.');
    if (unit && !rounds.some((r) => r.id === target?.id)) throw badRequest('Enheten deltar inte i den omgången.');
  } else {
    target = rounds.find((r) => r.opensOn > round.opensOn);
    if (!target) throw badRequest('Det finns ingen senare omgång för skolformen att föra prioriteringen vidare till.');
  }
  const source = (await listQualityPriorities(db, session.organizerId, [plan.id])).find((p) => p.id === input.priorityId);
  if (!source) throw notFound('Prioriteringen finns inte.');
  const facts = await questionnaireFacts(db, target);
  const indicators = source.indicators
    .filter((i) => facts.indicators.some((x) => x.key === i.indicatorKey))
    .map((i) => ({ indicatorKey: i.indicatorKey, areaKey: i.areaKey, targetMean: i.targetMean }));
  const targetPlan = await ensureQualityPlan(db, session.organizerId, target.id, unit?.id ?? null);
  const already = await listQualityPriorities(db, session.organizerId, [targetPlan.id]);
  if (already.some((p) => p.originPriorityId === source.id)) {
    throw new TRPCError({ code: 'CONFLICT', message: `Prioriteringen är redan förd vidare till ${target.name}.` });
  }
  if (already.length >= PRIORITY_MAX)
    throw badRequest(`Planen för ${target.name} har redan ${already.length} prioriterade utvecklingsområden.`);
  const priorityId = await insertQualityPriority(
    db,
    session.organizerId,
    targetPlan.id,
    {
      title: source.title,
      reason: source.reason,
      goal: source.goal,
      organizerPriorityId: null,
      indicators,
      originPriorityId: source.id,
    },
    now,
  );
  return { roundId: target.id, priorityId };
}

// ---------------------------------------------------------------------------------------------
// Activities

export interface ActivityInput extends QualityActivityInput {
  priorityId: string;
  activityId?: string;
}

export async function saveActivity(db: Db, session: SessionUser, input: ActivityInput): Promise<{ activityId: string }> {
  const { priorityId } = await loadPriority(db, session, input.priorityId, 'edit');
  const error = activityDatesError(input.startsOn, input.endsOn);
  if (error) throw badRequest(error);
  const values: QualityActivityInput = {
    title: input.title.trim(),
    responsible: input.responsible.trim(),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    resources: input.resources.trim(),
    expectedEffect: input.expectedEffect.trim(),
    followUp: input.followUp.trim(),
    status: input.status,
  };
  if (input.activityId) {
    const found = await findQualityActivity(db, session.organizerId, input.activityId);
    if (!found || found.priorityId !== priorityId) throw notFound('Aktiviteten finns inte.');
    await updateQualityActivity(db, session.organizerId, found.id, values);
    return { activityId: found.id };
  }
  return { activityId: await insertQualityActivity(db, session.organizerId, priorityId, values) };
}

export async function deleteActivity(db: Db, session: SessionUser, activityId: string): Promise<void> {
  const found = await findQualityActivity(db, session.organizerId, activityId);
  if (!found) throw notFound('Aktiviteten finns inte.');
  await loadPriority(db, session, found.priorityId, 'edit');
  await deleteQualityActivity(db, session.organizerId, activityId);
}

// ---------------------------------------------------------------------------------------------
// Organizer view: all units' priorities side by side

export interface OrganizerQualityOverview {
  round: RoundBrief;
  units: {
    id: string;
    name: string;
    priorities: { id: string; title: string; areaKeys: string[]; organizerPriorityId: string | null }[];
  }[];
  /** Per area: how many units prioritise it (through a linked indicator), most first. */
  areas: { key: string; title: string; units: { id: string; name: string }[] }[];
  /** Weaknesses of a unit that no priority of that unit covers (neither the indicator nor its area). */
  uncovered: { unitId: string; unitName: string; indicatorKey: string; statement: string; areaTitle: string; reason: string }[];
  /** Units whose results could not be read for the weakness check (e.g. no answers). */
  unitsWithoutFindings: number;
  organizerPriorities: {
    id: string;
    title: string;
    goal: string;
    linkedUnits: { unitId: string; unitName: string; priorityTitle: string }[];
  }[];
}

/** The organizer level's view of one round: which areas units prioritise, and where weaknesses lack a priority. */
export async function getOrganizerQualityOverview(
  db: Db,
  session: SessionUser,
  input: { roundId: string },
  today: string,
): Promise<OrganizerQualityOverview> {
  if (!hasRole(session, 'organizer')) throw forbidden('Bara huvudmannanivån ser alla enheters prioriteringar.');
  const orgId = session.organizerId;
  const round = await getResultsRound(db, orgId, input.roundId);
  if (!round) throw notFound('Omgången finns inte.');
  const [facts, units, plans] = await Promise.all([
    questionnaireFacts(db, round),
    listResultsRoundUnits(db, orgId, round.id),
    listQualityPlans(db, orgId, [round.id]),
  ]);
  const priorities = await listQualityPriorities(
    db,
    orgId,
    plans.map((p) => p.id),
  );
  const planUnit = new Map(plans.map((p) => [p.id, p.schoolUnitId]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byUnit = new Map<string, QualityPriorityRow[]>();
  for (const p of priorities) {
    const unitId = planUnit.get(p.planId);
    if (!unitId) continue;
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), p]);
  }
  const areasOf = (p: QualityPriorityRow) => [...new Set(p.indicators.map((i) => i.areaKey))];

  // Weaknesses per unit, read exactly as on the unit's results page (anonymity applied there).
  const findingsByUnit = new Map<string, Finding[]>();
  let unitsWithoutFindings = 0;
  const queue = [...units];
  const worker = async () => {
    for (let u = queue.shift(); u; u = queue.shift()) {
      try {
        const r = await getFindings(db, session, { roundId: round.id, schoolUnitId: u.id }, today);
        findingsByUnit.set(u.id, r.findings);
      } catch (error) {
        if (!(error instanceof TRPCError)) throw error;
        unitsWithoutFindings++;
      }
    }
  };
  await Promise.all([worker(), worker()]);

  const uncovered: OrganizerQualityOverview['uncovered'] = [];
  for (const u of units) {
    const own = byUnit.get(u.id) ?? [];
    const coveredIndicators = new Set(own.flatMap((p) => p.indicators.map((i) => i.indicatorKey)));
    const coveredAreas = new Set(own.flatMap(areasOf));
    const seen = new Set<string>();
    for (const f of findingsByUnit.get(u.id) ?? []) {
      if (f.kind !== 'weakness' || seen.has(f.indicatorKey)) continue;
      if (coveredIndicators.has(f.indicatorKey) || coveredAreas.has(f.areaKey)) continue;
      seen.add(f.indicatorKey);
      const info = facts.indicators.find((i) => i.key === f.indicatorKey);
      uncovered.push({
        unitId: u.id,
        unitName: u.name,
        indicatorKey: f.indicatorKey,
        statement: info?.statement ?? f.indicatorKey,
        areaTitle: info?.areaTitle ?? f.areaKey,
        reason: f.reason,
      });
    }
  }

  const organizerPlan = plans.find((p) => p.schoolUnitId === null);
  const organizerPriorities = organizerPlan ? priorities.filter((p) => p.planId === organizerPlan.id) : [];
  return {
    round: brief(round, today),
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      priorities: (byUnit.get(u.id) ?? []).map((p) => ({
        id: p.id,
        title: p.title,
        areaKeys: areasOf(p),
        organizerPriorityId: p.organizerPriorityId,
      })),
    })),
    areas: facts.areas
      .map((a) => ({
        key: a.key,
        title: a.title,
        units: units
          .filter((u) => (byUnit.get(u.id) ?? []).some((p) => areasOf(p).includes(a.key)))
          .map((u) => ({ id: u.id, name: u.name })),
      }))
      .sort((x, y) => y.units.length - x.units.length || x.title.localeCompare(y.title, 'sv')),
    uncovered,
    unitsWithoutFindings,
    organizerPriorities: organizerPriorities.map((op) => ({
      id: op.id,
      title: op.title,
      goal: op.goal,
      linkedUnits: priorities
        .filter((p) => p.organizerPriorityId === op.id)
        .map((p) => {
          const unitId = planUnit.get(p.planId) ?? '';
          return { unitId, unitName: unitName.get(unitId) ?? '', priorityTitle: p.title };
        }),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Where the person can go

export interface QualityPlaces {
  organizerLevel: boolean;
  /** Rektorer and the organizer level read the organizer's plan. */
  canReadOrganizer: boolean;
  units: { id: string; name: string; canEdit: boolean }[];
  /** Rounds that have opened, newest first, per unit; unitId null for the organizer's rounds. */
  rounds: {
    roundId: string;
    name: string;
    schoolForm: string;
    schoolFormLabel: string;
    state: RoundState;
    unitId: string | null;
    hasPlan: boolean;
  }[];
}

/** The units and rounds whose analysis and plan the person may read (staff: their own unit). */
export async function getQualityPlaces(db: Db, session: SessionUser, today: string): Promise<QualityPlaces> {
  const orgId = session.organizerId;
  const organizerLevel = hasRole(session, 'organizer');
  const unitIds = organizerLevel ? 'all' : [...new Set([...unitIdsWithRole(session, 'principal'), ...unitIdsWithRole(session, 'staff')])];
  const participation = (await listRoundParticipation(db, orgId, unitIds, today)).filter((r) => r.state !== 'upcoming');
  const roundIds = [...new Set(participation.map((r) => r.roundId))];
  const plans = await listQualityPlans(db, orgId, roundIds);
  const planKeys = new Set(plans.map((p) => `${p.roundId}:${p.schoolUnitId ?? ''}`));
  const units = new Map<string, string>();
  for (const r of participation) units.set(r.schoolUnitId, r.unitName);
  const canReadOrganizer = hasRole(session, 'organizer', 'principal');
  const byNewest = (a: { opensOn: string }, b: { opensOn: string }) => b.opensOn.localeCompare(a.opensOn);
  const unitRounds = [...participation].sort(byNewest).map((r) => ({
    roundId: r.roundId,
    name: r.name,
    schoolForm: r.schoolForm,
    schoolFormLabel: schoolFormLabel(r.schoolForm),
    state: r.state,
    unitId: r.schoolUnitId as string | null,
    hasPlan: planKeys.has(`${r.roundId}:${r.schoolUnitId}`),
  }));
  const organizerRounds = canReadOrganizer
    ? [...new Map(participation.map((r) => [r.roundId, r])).values()].sort(byNewest).map((r) => ({
        roundId: r.roundId,
        name: r.name,
        schoolForm: r.schoolForm,
        schoolFormLabel: schoolFormLabel(r.schoolForm),
        state: r.state,
        unitId: null,
        hasPlan: planKeys.has(`${r.roundId}:`),
      }))
    : [];
  return {
    organizerLevel,
    canReadOrganizer,
    units: [...units.entries()]
      .map(([id, name]) => ({ id, name, canEdit: canEditScope(session, id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    rounds: [...unitRounds, ...organizerRounds],
  };
}
