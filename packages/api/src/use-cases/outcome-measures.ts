/**
 * Outcome measures beside the self-ratings ("Var är vi?" with more than self-ratings): the
 * organizer's catalogue and import of nyckeltal, links from areas and indicators to measures,
 * the unit panel with the mismatch rule, the scatter across units, evidence notes, and the
 * current-state description (nulägesbeskrivning). See docs/outcome-measures.md.
 *
 * Self-ratings come from the results engine's unit comparison, which applies the anonymity rules
 * over every unit of the round whoever is looking; a suppressed self-rating is never used, shown or
 * counted here.
 */
import {
  applyOutcomeImport,
  type Db,
  deleteEvidenceNote,
  deleteOutcomeMeasure,
  type EvidenceNoteInput,
  getCurrentState,
  getEvidenceNote,
  getOrganizer,
  getQuestionnaire,
  getResultsRound,
  insertAuditEntry,
  insertEvidenceNote,
  insertOutcomeMeasure,
  listEvidenceNotes,
  listOutcomeLinks,
  listOutcomeMeasures,
  listOutcomeUnits,
  listOutcomeValues,
  listResultsRoundUnits,
  listRoundQuestionnaires,
  type MeasureInput,
  type OutcomeLink,
  type OutcomeValueRow,
  replaceOutcomeLinks,
  type SessionUser,
  type StoredMeasure,
  saveCurrentState,
  updateEvidenceNote,
  updateOutcomeMeasure,
} from '@kvalitetshjulet/db';
import {
  type ColumnMapping,
  checkOutcomeImport,
  judgeMismatch,
  type MismatchResult,
  type OutcomeImportCheck,
  organizerValue,
  parseCsv,
  parseOutcomeCsv,
  SCHOOL_FORM_LABELS,
  type SchoolForm,
  suppressionExplanation,
} from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { assertUnitAccess, hasRole, unitIdsWithRole } from '../trpc.ts';
import { decodeCsvBytes, ORGANIZATION_FILE_MAX_BYTES, readOrganizationFile } from './organization-file.ts';
import { assertCanReadUnit, getOrganizerResults, getUnitComparison, getUnitResults } from './results.ts';

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message });
const notFound = (message: string) => new TRPCError({ code: 'NOT_FOUND', message });
const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });
const conflict = (message: string) => new TRPCError({ code: 'CONFLICT', message });

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code;
  return code === '23505';
}

function assertOrganizerLevel(session: SessionUser): void {
  if (!hasRole(session, 'organizer')) throw forbidden('Bara huvudmannanivån kan ändra nyckeltalen och deras kopplingar.');
}

/** Indicator keys without a version suffix: a link survives a new questionnaire version. */
export function baseIndicatorKey(key: string): string {
  return key.replace(/-v\d+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Catalogue and links

export interface CatalogueTarget {
  kind: 'area' | 'indicator';
  key: string;
  title: string;
  areaKey: string;
}

export async function getCatalogue(db: Db, session: SessionUser) {
  assertOrganizerLevel(session);
  const organizerId = session.organizerId;
  const [measures, links, values, forms] = await Promise.all([
    listOutcomeMeasures(db, organizerId),
    listOutcomeLinks(db, organizerId),
    listOutcomeValues(db, organizerId),
    listRoundQuestionnaires(db, organizerId),
  ]);
  const questionnaires = await Promise.all(
    forms.map(async (f) => ({ form: f.schoolForm, q: await getQuestionnaire(db, f.questionnaireId) })),
  );
  const targets = questionnaires
    .filter((x) => x.q !== null)
    .map(({ form, q }) => ({
      schoolForm: form,
      schoolFormLabel: SCHOOL_FORM_LABELS[form as SchoolForm] ?? form,
      targets: (q?.definition.areas ?? []).flatMap((a): CatalogueTarget[] => [
        { kind: 'area', key: a.key, title: a.title, areaKey: a.key },
        ...a.indicators.map((i) => ({ kind: 'indicator' as const, key: baseIndicatorKey(i.key), title: i.statement, areaKey: a.key })),
      ]),
    }));
  const periods = new Map<string, { period: string; order: number }>();
  const counts = new Map<string, number>();
  for (const v of values) {
    periods.set(v.period, { period: v.period, order: v.periodOrder });
    counts.set(v.measureId, (counts.get(v.measureId) ?? 0) + 1);
  }
  return {
    measures: measures.map((m) => ({ ...m, values: counts.get(m.id) ?? 0 })),
    links,
    schoolForms: targets,
    periods: [...periods.values()].sort((a, b) => a.order - b.order).map((p) => p.period),
  };
}

function cleanMeasure(m: MeasureInput): MeasureInput {
  return {
    ...m,
    name: m.name.trim().replace(/\s+/g, ' '),
    definition: m.definition.trim(),
    unitOfMeasure: m.unitOfMeasure.trim(),
    source: m.source.trim(),
  };
}

export async function saveMeasure(db: Db, session: SessionUser, input: MeasureInput & { id?: string | undefined }, now: Date) {
  assertOrganizerLevel(session);
  const m = cleanMeasure(input);
  if (m.scaleMin !== null && m.scaleMax !== null && m.scaleMin >= m.scaleMax)
    throw badRequest('Skalans lägsta värde måste vara mindre än det högsta.');
  try {
    let id = input.id;
    if (id) {
      if (!(await updateOutcomeMeasure(db, session.organizerId, id, m))) throw notFound('Måttet finns inte.');
    } else id = await insertOutcomeMeasure(db, session.organizerId, m);
    await insertAuditEntry(db, {
      organizerId: session.organizerId,
      actorUserId: session.userId,
      action: input.id ? 'outcomes.measure-update' : 'outcomes.measure-create',
      target: m.name,
      occurredAt: now,
    });
    return { id };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Det finns redan ett mått som heter "${m.name}".`);
    throw error;
  }
}

export async function removeMeasure(db: Db, session: SessionUser, id: string, now: Date) {
  assertOrganizerLevel(session);
  if (!(await deleteOutcomeMeasure(db, session.organizerId, id))) throw notFound('Måttet finns inte.');
  await insertAuditEntry(db, {
    organizerId: session.organizerId,
    actorUserId: session.userId,
    action: 'outcomes.measure-delete',
    target: id,
    occurredAt: now,
  });
  return { ok: true };
}

export async function setLinks(
  db: Db,
  session: SessionUser,
  input: { targetKind: 'area' | 'indicator'; targetKey: string; schoolForm: string; measureIds: string[] },
) {
  assertOrganizerLevel(session);
  const measures = new Set((await listOutcomeMeasures(db, session.organizerId)).map((m) => m.id));
  for (const id of input.measureIds) if (!measures.has(id)) throw notFound('Ett av måtten finns inte.');
  const targetKey = input.targetKind === 'indicator' ? baseIndicatorKey(input.targetKey) : input.targetKey;
  if (!targetKey.startsWith(`${input.schoolForm}.`)) throw badRequest('Området eller indikatorn hör inte till den valda skolformen.');
  await replaceOutcomeLinks(
    db,
    session.organizerId,
    { targetKind: input.targetKind, targetKey, schoolForm: input.schoolForm },
    input.measureIds,
  );
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Import

export interface OutcomeFileInput {
  fileName: string;
  contentBase64: string;
  period?: string | null | undefined;
  mapping?: { index: number; mapping: ColumnMapping }[] | undefined;
}

/** Rows of an uploaded file: .xlsx as the organisation import reads it; CSV with title lines allowed above the header. */
async function readOutcomeFile(fileName: string, base64: string): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  if (!(lower.endsWith('.csv') || lower.endsWith('.txt'))) return readOrganizationFile(fileName, base64);
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw badRequest('Filen är tom. Välj filen igen.');
  if (bytes.length > ORGANIZATION_FILE_MAX_BYTES) {
    throw badRequest(`Filen är för stor (högst ${Math.round(ORGANIZATION_FILE_MAX_BYTES / 1000)} kB). Dela upp den i flera filer.`);
  }
  return parseOutcomeCsv(decodeCsvBytes(bytes), parseCsv);
}

async function checkFile(db: Db, session: SessionUser, file: OutcomeFileInput): Promise<OutcomeImportCheck> {
  assertOrganizerLevel(session);
  const rows = await readOutcomeFile(file.fileName, file.contentBase64);
  const [units, measures] = await Promise.all([listOutcomeUnits(db, session.organizerId), listOutcomeMeasures(db, session.organizerId)]);
  return checkOutcomeImport(
    rows,
    { units, measures },
    { period: file.period ?? null, mapping: new Map((file.mapping ?? []).map((m) => [m.index, m.mapping])) },
  );
}

async function summarize(db: Db, session: SessionUser, check: OutcomeImportCheck) {
  const [units, measures, existing] = await Promise.all([
    listOutcomeUnits(db, session.organizerId),
    listOutcomeMeasures(db, session.organizerId),
    listOutcomeValues(db, session.organizerId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const measureName = new Map(measures.map((m) => [m.id, m.name]));
  const stored = new Set(existing.map((v) => `${v.measureId}|${v.schoolUnitId}|${v.period}`));
  let updates = 0;
  for (const l of check.lines) if ('id' in l.measure && stored.has(`${l.measure.id}|${l.schoolUnitId}|${l.period}`)) updates++;
  return {
    layout: check.layout,
    fileProblems: check.fileProblems,
    rowCount: check.rowCount,
    problems: check.problems,
    notes: check.notes,
    newMeasures: check.newMeasures,
    columns: check.columns,
    period: check.period,
    measures: measures.map((m) => ({ id: m.id, name: m.name })),
    valueCount: check.lines.length,
    newValues: check.lines.length - updates,
    updatedValues: updates,
    preview: check.lines.slice(0, 200).map((l) => ({
      row: l.row,
      unit: unitName.get(l.schoolUnitId) ?? '',
      measure: 'id' in l.measure ? (measureName.get(l.measure.id) ?? '') : l.measure.newName,
      period: l.period,
      value: l.value,
      n: l.n,
    })),
  };
}

export async function previewOutcomeImport(db: Db, session: SessionUser, file: OutcomeFileInput) {
  return summarize(db, session, await checkFile(db, session, file));
}

/** Checks the file again and writes the rows without problems, in one transaction. */
export async function applyOutcomeFile(db: Db, session: SessionUser, file: OutcomeFileInput, now: Date) {
  const check = await checkFile(db, session, file);
  if (check.fileProblems.length > 0) throw badRequest(check.fileProblems.join(' '));
  if (check.lines.length === 0) throw badRequest('Inget värde kan läsas in. Rätta problemen i filen och försök igen.');
  const summary = await summarize(db, session, check);
  try {
    const written = await applyOutcomeImport(db, session.organizerId, { newMeasures: check.newMeasures, lines: check.lines });
    await insertAuditEntry(db, {
      organizerId: session.organizerId,
      actorUserId: session.userId,
      action: 'outcomes.import',
      target: file.fileName,
      details: { rows: check.rowCount, skippedRows: check.problems.length, ...written },
      occurredAt: now,
    });
    return { ...summary, written };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Katalogen ändrades medan filen lästes in. Förhandsgranska filen igen.');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Self-ratings of every unit of a round (anonymity applied over all units)

interface SelfRatings {
  roundName: string;
  schoolForm: string;
  organizerKind: 'kommun' | 'enskild';
  organizerName: string;
  threshold: number;
  units: { id: string; name: string }[];
  targets: Map<string, { kind: 'area' | 'indicator'; key: string; title: string; areaKey: string }>;
  /** target key → unit id → self-rating (null: none or suppressed) */
  values: Map<string, Map<string, { mean: number | null; n: number | null; suppressed: string | null }>>;
}

async function selfRatings(db: Db, session: SessionUser, roundId: string, today: string): Promise<SelfRatings> {
  const organizerId = session.organizerId;
  const round = await getResultsRound(db, organizerId, roundId);
  if (!round) throw notFound('Omgången finns inte.');
  const [settings, q] = await Promise.all([getOrganizer(db, organizerId), getQuestionnaire(db, round.questionnaireId)]);
  if (!q) throw notFound('Frågeformuläret finns inte.');
  // The decisions are made over every unit of the round whoever is looking (as the comparison does);
  // what a viewer is shown of other units is decided by the callers below.
  const asOrganizer: SessionUser = { ...session, roles: [{ role: 'organizer', schoolUnitId: null, teamId: null, leadsTeam: false }] };
  const cmp = await getUnitComparison(db, asOrganizer, { roundId }, today);
  const k = cmp.indicators.length;
  const targets = new Map<string, { kind: 'area' | 'indicator'; key: string; title: string; areaKey: string }>();
  const values = new Map<string, Map<string, { mean: number | null; n: number | null; suppressed: string | null }>>();
  const explain = (r: string | null) =>
    r ? suppressionExplanation(r as Parameters<typeof suppressionExplanation>[0], cmp.threshold) : null;
  for (const a of q.definition.areas) {
    targets.set(a.key, { kind: 'area', key: a.key, title: a.title, areaKey: a.key });
    const cols = cmp.indicators.map((ind, i) => ({ ind, i })).filter((x) => x.ind.areaKey === a.key);
    const perUnit = new Map<string, { mean: number | null; n: number | null; suppressed: string | null }>();
    cmp.units.forEach((u, row) => {
      // An area is shown only when every answered indicator of it is shown (results-figures' areaVisibility).
      let sum = 0;
      let n = 0;
      let maxN = 0;
      let hidden: string | null = null;
      for (const { i } of cols) {
        const at = row * k + i;
        const reason = cmp.cells.suppressed[at] ?? null;
        if (reason === 'no-data') continue;
        if (reason) {
          hidden = reason;
          break;
        }
        const cn = cmp.cells.n[at] ?? 0;
        const cm = cmp.cells.mean[at];
        if (cm !== null && cm !== undefined && cn > 0) {
          sum += cm * cn;
          n += cn;
          maxN = Math.max(maxN, cn);
        }
      }
      if (hidden) perUnit.set(u.id, { mean: null, n: null, suppressed: explain(hidden) });
      else if (n === 0) perUnit.set(u.id, { mean: null, n: null, suppressed: explain('no-data') });
      else perUnit.set(u.id, { mean: sum / n, n: maxN, suppressed: null });
    });
    values.set(a.key, perUnit);
    for (const ind of a.indicators) {
      const key = baseIndicatorKey(ind.key);
      targets.set(key, { kind: 'indicator', key, title: ind.statement, areaKey: a.key });
      const col = cmp.indicators.findIndex((c) => c.key === ind.key);
      const per = new Map<string, { mean: number | null; n: number | null; suppressed: string | null }>();
      cmp.units.forEach((u, row) => {
        const at = row * k + col;
        const reason = cmp.cells.suppressed[at] ?? null;
        const m = cmp.cells.mean[at] ?? null;
        if (reason || m === null) per.set(u.id, { mean: null, n: null, suppressed: explain(reason ?? 'no-data') });
        else per.set(u.id, { mean: m, n: cmp.cells.n[at] ?? null, suppressed: null });
      });
      values.set(key, per);
    }
  }
  return {
    roundName: round.name,
    schoolForm: round.schoolForm,
    organizerKind: settings.kind,
    organizerName: settings.name,
    threshold: settings.anonymityThreshold,
    units: cmp.units,
    targets,
    values,
  };
}

function possessive(kind: 'kommun' | 'enskild'): string {
  return kind === 'kommun' ? 'kommunens' : 'huvudmannens';
}

/**
 * The period a comparison between units uses for a measure: the latest period with values for at
 * least half of the units that have any value for it (so one unit's early figures for a new term do
 * not push the others out of the comparison); values of that period per unit.
 */
function latestPeriod(
  values: readonly OutcomeValueRow[],
  measureId: string,
): { period: string; byUnit: Map<string, OutcomeValueRow> } | null {
  const periods = new Map<string, { order: number; byUnit: Map<string, OutcomeValueRow> }>();
  const units = new Set<string>();
  for (const v of values) {
    if (v.measureId !== measureId) continue;
    units.add(v.schoolUnitId);
    const p = periods.get(v.period) ?? { order: v.periodOrder, byUnit: new Map<string, OutcomeValueRow>() };
    p.byUnit.set(v.schoolUnitId, v);
    periods.set(v.period, p);
  }
  const enough = Math.ceil(units.size / 2);
  let best: { period: string; order: number; byUnit: Map<string, OutcomeValueRow> } | null = null;
  for (const [period, p] of periods) {
    if (p.byUnit.size >= enough && (best === null || p.order > best.order)) best = { period, ...p };
  }
  return best ? { period: best.period, byUnit: best.byUnit } : null;
}

interface LinkedPair {
  targetKind: 'area' | 'indicator';
  targetKey: string;
  targetTitle: string;
  areaKey: string;
  measure: StoredMeasure;
}

function linkedPairs(links: readonly OutcomeLink[], measures: readonly StoredMeasure[], ratings: SelfRatings): LinkedPair[] {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const pairs: LinkedPair[] = [];
  for (const l of links) {
    if (l.schoolForm !== ratings.schoolForm) continue;
    const target = ratings.targets.get(l.targetKey);
    const measure = byId.get(l.measureId);
    if (!target || !measure) continue;
    pairs.push({ targetKind: l.targetKind, targetKey: l.targetKey, targetTitle: target.title, areaKey: target.areaKey, measure });
  }
  return pairs;
}

function pairMismatch(pair: LinkedPair, ratings: SelfRatings, values: readonly OutcomeValueRow[], unitId: string) {
  const latest = latestPeriod(values, pair.measure.id);
  const self = ratings.values.get(pair.targetKey);
  const unitName = ratings.units.find((u) => u.id === unitId)?.name ?? '';
  const points = ratings.units.map((u) => ({
    unitId: u.id,
    unitName: u.name,
    selfRating: self?.get(u.id)?.mean ?? null,
    outcome: latest?.byUnit.get(u.id)?.value ?? null,
  }));
  const judgement: MismatchResult = judgeMismatch({
    unitId,
    points,
    ratingLabel: pair.targetKind === 'area' ? pair.targetTitle : `indikatorn "${pair.targetTitle}"`,
    measureName: pair.measure.name,
    direction: pair.measure.direction,
    organizerPossessive: possessive(ratings.organizerKind),
    scale:
      pair.measure.scaleMin !== null && pair.measure.scaleMax !== null ? { min: pair.measure.scaleMin, max: pair.measure.scaleMax } : null,
  });
  const own = self?.get(unitId) ?? { mean: null, n: null, suppressed: null };
  const outcomes = [...(latest?.byUnit.values() ?? [])].map((v) => v.value);
  return {
    targetKind: pair.targetKind,
    targetKey: pair.targetKey,
    targetTitle: pair.targetTitle,
    areaKey: pair.areaKey,
    measureId: pair.measure.id,
    measureName: pair.measure.name,
    unitOfMeasure: pair.measure.unitOfMeasure,
    direction: pair.measure.direction,
    period: latest?.period ?? null,
    unitName,
    selfRating: own.mean,
    selfRatingN: own.n,
    selfRatingSuppressed: own.suppressed,
    outcome: latest?.byUnit.get(unitId)?.value ?? null,
    organizerOutcome: organizerValue(outcomes),
    judgement,
  };
}

// ---------------------------------------------------------------------------------------------
// The unit panel

function measureSeries(measure: StoredMeasure, values: readonly OutcomeValueRow[], unitId: string) {
  const own = values.filter((v) => v.measureId === measure.id && v.schoolUnitId === unitId);
  const periods = [...new Map(values.filter((v) => v.measureId === measure.id).map((v) => [v.period, v.periodOrder]))].sort(
    (a, b) => a[1] - b[1],
  );
  const series = periods.map(([period]) => {
    const mine = own.find((v) => v.period === period) ?? null;
    return {
      period,
      value: mine?.value ?? null,
      n: mine?.n ?? null,
      organizerValue: organizerValue(values.filter((v) => v.measureId === measure.id && v.period === period).map((v) => v.value)),
    };
  });
  const withValue = series.filter((s) => s.value !== null);
  const latest = withValue.at(-1) ?? null;
  const previous = withValue.at(-2) ?? null;
  return {
    id: measure.id,
    name: measure.name,
    definition: measure.definition,
    unitOfMeasure: measure.unitOfMeasure,
    source: measure.source,
    direction: measure.direction,
    series,
    latest,
    change: latest && previous ? (latest.value as number) - (previous.value as number) : null,
  };
}

export async function getUnitPanel(db: Db, session: SessionUser, input: { roundId: string; schoolUnitId: string }, today: string) {
  const organizerId = session.organizerId;
  const settings = await getOrganizer(db, organizerId);
  assertCanReadUnit(session, settings, input.schoolUnitId);
  const units = await listResultsRoundUnits(db, organizerId, input.roundId);
  if (!units.some((u) => u.id === input.schoolUnitId)) throw notFound('Enheten deltar inte i den här omgången.');
  const [measures, links, values, ratings, notes, current] = await Promise.all([
    listOutcomeMeasures(db, organizerId),
    listOutcomeLinks(db, organizerId),
    listOutcomeValues(db, organizerId),
    selfRatings(db, session, input.roundId, today),
    listEvidenceNotes(db, organizerId, { roundId: input.roundId, schoolUnitIds: [input.schoolUnitId] }),
    getCurrentState(db, organizerId, input.roundId, input.schoolUnitId),
  ]);
  const ownMeasures = measures.filter((m) => values.some((v) => v.measureId === m.id && v.schoolUnitId === input.schoolUnitId));
  const pairs = linkedPairs(links, measures, ratings).map((p) => pairMismatch(p, ratings, values, input.schoolUnitId));
  return {
    organizerLabel: settings.kind === 'kommun' ? 'Kommunen' : 'Huvudmannen',
    organizerValueNote: 'Kommunens värde är medianen av enheternas värden samma period.'.replace(
      'Kommunens',
      settings.kind === 'kommun' ? 'Kommunens' : 'Huvudmannens',
    ),
    measures: ownMeasures.map((m) => measureSeries(m, values, input.schoolUnitId)),
    pairs,
    notes: notes.map((n) => ({ ...n, updatedAt: n.updatedAt.toISOString() })),
    canEdit: canLead(session, input.schoolUnitId),
    currentState: current ? { revision: current.revision, updatedAt: current.updatedAt.toISOString(), parts: current.parts.length } : null,
  };
}

function canLead(session: SessionUser, schoolUnitId: string): boolean {
  return hasRole(session, 'organizer') || unitIdsWithRole(session, 'principal').includes(schoolUnitId);
}

// ---------------------------------------------------------------------------------------------
// Scatter across units

export async function getScatter(
  db: Db,
  session: SessionUser,
  input: { roundId: string; targetKey?: string | undefined; measureId?: string | undefined },
  today: string,
) {
  if (!hasRole(session, 'organizer', 'principal')) throw forbidden('Du har inte behörighet till jämförelser mellan enheter.');
  const organizerId = session.organizerId;
  const [measures, links, values, ratings] = await Promise.all([
    listOutcomeMeasures(db, organizerId),
    listOutcomeLinks(db, organizerId),
    listOutcomeValues(db, organizerId),
    selfRatings(db, session, input.roundId, today),
  ]);
  const pairs = linkedPairs(links, measures, ratings);
  const chosen =
    pairs.find((p) => p.targetKey === input.targetKey && p.measure.id === input.measureId) ??
    (input.targetKey || input.measureId ? null : (pairs[0] ?? null));
  if ((input.targetKey || input.measureId) && !chosen) throw notFound('Kopplingen finns inte för den här omgångens skolform.');
  const allowed = hasRole(session, 'organizer') ? null : new Set(unitIdsWithRole(session, 'principal'));
  const base = {
    round: { id: input.roundId, name: ratings.roundName, schoolForm: ratings.schoolForm },
    threshold: ratings.threshold,
    pairs: pairs.map((p) => ({
      targetKey: p.targetKey,
      targetKind: p.targetKind,
      targetTitle: p.targetTitle,
      measureId: p.measure.id,
      measureName: p.measure.name,
    })),
    note: 'Diagrammet visar variation att undersöka, inte en rangordning: självskattningar är inte kalibrerade mellan enheter.',
    scope:
      allowed === null
        ? `Alla ${ratings.organizerKind === 'kommun' ? 'kommunens' : 'huvudmannens'} enheter i omgången.`
        : 'Du ser dina egna enheter. Övriga enheter visas inte enskilt; linjerna visar huvudmannens median.',
  };
  if (!chosen) return { ...base, chosen: null, period: null, points: [], left: [], organizer: null };
  const latest = latestPeriod(values, chosen.measure.id);
  const self = ratings.values.get(chosen.targetKey);
  const points: {
    unitId: string;
    unitName: string;
    selfRating: number;
    n: number | null;
    outcome: number;
    outcomeN: number | null;
    mismatch: boolean;
    sentence: string | null;
  }[] = [];
  let suppressedCount = 0;
  let noOutcomeCount = 0;
  const allSelf: number[] = [];
  for (const u of ratings.units) {
    const s = self?.get(u.id);
    const o = latest?.byUnit.get(u.id);
    if (s?.mean !== null && s?.mean !== undefined) allSelf.push(s.mean);
    if (allowed !== null && !allowed.has(u.id)) continue;
    if (!s || s.mean === null) {
      suppressedCount++;
      continue;
    }
    if (!o) {
      noOutcomeCount++;
      continue;
    }
    const m = pairMismatch(chosen, ratings, values, u.id);
    points.push({
      unitId: u.id,
      unitName: u.name,
      selfRating: s.mean,
      n: s.n,
      outcome: o.value,
      outcomeN: o.n,
      mismatch: m.judgement.kind === 'judged' && m.judgement.mismatch,
      sentence: m.judgement.kind === 'judged' && m.judgement.mismatch ? m.judgement.sentence : null,
    });
  }
  const left: string[] = [];
  if (suppressedCount > 0) {
    left.push(
      `${suppressedCount} ${suppressedCount === 1 ? 'enhet visas' : 'enheter visas'} inte: självskattningen saknas eller visas inte för att skydda de svarandes anonymitet (färre än ${ratings.threshold} svar, eller så skulle en mindre grupp gå att räkna fram).`,
    );
  }
  if (noOutcomeCount > 0)
    left.push(
      `${noOutcomeCount} ${noOutcomeCount === 1 ? 'enhet saknar' : 'enheter saknar'} värde för ${chosen.measure.name} ${latest?.period ?? ''}.`.replace(
        ' .',
        '.',
      ),
    );
  return {
    ...base,
    chosen: {
      targetKey: chosen.targetKey,
      targetKind: chosen.targetKind,
      targetTitle: chosen.targetTitle,
      measureId: chosen.measure.id,
      measureName: chosen.measure.name,
      unitOfMeasure: chosen.measure.unitOfMeasure,
      direction: chosen.measure.direction,
    },
    period: latest?.period ?? null,
    points,
    left,
    organizer: {
      selfRating: organizerValue(allSelf),
      outcome: organizerValue([...(latest?.byUnit.values() ?? [])].map((v) => v.value)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Evidence notes

export const EVIDENCE_NOTE_KIND_LABELS = {
  observation: 'Observation',
  intervju: 'Intervju',
  klagomal: 'Klagomål – sammanfattning',
  ovrigt: 'Övrigt',
} as const;

async function assertRoundUnit(db: Db, organizerId: string, roundId: string, schoolUnitId: string) {
  const units = await listResultsRoundUnits(db, organizerId, roundId);
  if (!units.some((u) => u.id === schoolUnitId)) throw notFound('Enheten deltar inte i den här omgången.');
}

export async function listNotes(db: Db, session: SessionUser, input: { roundId: string; schoolUnitId: string }) {
  const settings = await getOrganizer(db, session.organizerId);
  assertCanReadUnit(session, settings, input.schoolUnitId);
  await assertRoundUnit(db, session.organizerId, input.roundId, input.schoolUnitId);
  const notes = await listEvidenceNotes(db, session.organizerId, { roundId: input.roundId, schoolUnitIds: [input.schoolUnitId] });
  return notes.map((n) => ({ ...n, updatedAt: n.updatedAt.toISOString() }));
}

async function assertAreaKeys(db: Db, organizerId: string, roundId: string, areaKeys: readonly string[]) {
  const round = await getResultsRound(db, organizerId, roundId);
  if (!round) throw notFound('Omgången finns inte.');
  const q = await getQuestionnaire(db, round.questionnaireId);
  const known = new Set(q?.definition.areas.map((a) => a.key) ?? []);
  for (const k of areaKeys) if (!known.has(k)) throw badRequest('Ett av områdena finns inte i omgångens frågeformulär.');
}

export async function saveNote(
  db: Db,
  session: SessionUser,
  input: EvidenceNoteInput & { id?: string | undefined; roundId: string; schoolUnitId: string },
) {
  assertUnitAccess(session, input.schoolUnitId);
  const note: EvidenceNoteInput = {
    kind: input.kind,
    title: input.title.trim(),
    body: input.body.trim(),
    areaKeys: [...new Set(input.areaKeys)],
  };
  await assertAreaKeys(db, session.organizerId, input.roundId, note.areaKeys);
  if (input.id) {
    const stored = await getEvidenceNote(db, session.organizerId, input.id);
    if (!stored || stored.schoolUnitId !== input.schoolUnitId || stored.roundId !== input.roundId)
      throw notFound('Anteckningen finns inte.');
    await updateEvidenceNote(db, session.organizerId, input.id, note);
    return { id: input.id };
  }
  await assertRoundUnit(db, session.organizerId, input.roundId, input.schoolUnitId);
  return {
    id: await insertEvidenceNote(db, session.organizerId, {
      ...note,
      roundId: input.roundId,
      schoolUnitId: input.schoolUnitId,
      createdBy: session.userId,
    }),
  };
}

export async function removeNote(db: Db, session: SessionUser, id: string) {
  const stored = await getEvidenceNote(db, session.organizerId, id);
  if (!stored) throw notFound('Anteckningen finns inte.');
  assertUnitAccess(session, stored.schoolUnitId);
  await deleteEvidenceNote(db, session.organizerId, id);
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Current-state description (nulägesbeskrivning)

export const CURRENT_STATE_PART_KINDS = ['areas', 'findings', 'outcomes', 'mismatches', 'notes'] as const;
export type CurrentStatePartKind = (typeof CURRENT_STATE_PART_KINDS)[number];

const PART_HEADINGS: Record<CurrentStatePartKind, string> = {
  areas: 'Självskattning per område',
  findings: 'Styrkor, svagheter och frågor att diskutera',
  outcomes: 'Nyckeltal',
  mismatches: 'Självskattning och utfall',
  notes: 'Kvalitativa underlag',
};

export interface CurrentStatePartInput {
  kind: CurrentStatePartKind;
  text: string;
  /** findings: the indicator keys of the chosen findings (empty: all). */
  selected: string[];
}

function storedParts(raw: unknown[]): CurrentStatePartInput[] {
  const parts: CurrentStatePartInput[] = [];
  for (const p of raw) {
    const part = p as Partial<CurrentStatePartInput>;
    if (!part || !CURRENT_STATE_PART_KINDS.includes(part.kind as CurrentStatePartKind)) continue;
    parts.push({
      kind: part.kind as CurrentStatePartKind,
      text: String(part.text ?? ''),
      selected: Array.isArray(part.selected) ? part.selected.map(String) : [],
    });
  }
  return parts;
}

function fmt(value: number | null, digits = 1): string {
  if (value === null) return '–';
  return new Intl.NumberFormat('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export interface CurrentStateFigure {
  label: string;
  value: string;
  note: string | null;
}

/**
 * The whole description as structured data: per part its heading, the figures (already formatted
 * in Swedish, suppressed figures as "–" with the reason) and the text. For the quality report and
 * the analysis workspace to show as it is.
 */
export async function getCurrentStateDocument(
  db: Db,
  session: SessionUser,
  input: { roundId: string; schoolUnitId?: string | undefined },
  today: string,
) {
  const organizerId = session.organizerId;
  const settings = await getOrganizer(db, organizerId);
  const unitId = input.schoolUnitId ?? null;
  if (unitId) assertCanReadUnit(session, settings, unitId);
  else if (!hasRole(session, 'organizer', 'principal')) throw forbidden('Du har inte behörighet till huvudmannens nulägesbeskrivning.');
  const round = await getResultsRound(db, organizerId, input.roundId);
  if (!round) throw notFound('Omgången finns inte.');
  if (unitId) await assertRoundUnit(db, organizerId, round.id, unitId);
  const stored = await getCurrentState(db, organizerId, round.id, unitId);
  const parts = storedParts(stored?.parts ?? []);
  const roundUnits = await listResultsRoundUnits(db, organizerId, round.id);
  const unitName = unitId ? (roundUnits.find((u) => u.id === unitId)?.name ?? '') : settings.name;

  // Figures of every kind (the editor offers them; the document shows the chosen parts).
  const results = unitId
    ? await getUnitResults(db, session, { roundId: round.id, schoolUnitId: unitId }, today)
    : await getOrganizerResults(db, session, { schoolForm: round.schoolForm, roundId: round.id }, today);
  const group = 'unit' in results ? results.unit : results.organizer;
  const areaFigures: CurrentStateFigure[] = group.areas.map((a) =>
    a.figures.suppressed
      ? { label: a.title, value: '–', note: a.figures.explanation }
      : { label: a.title, value: fmt(a.figures.value.mean, 1), note: `n = ${a.figures.value.effectiveN}` },
  );
  const statements = new Map(group.indicators.map((i) => [i.key, i.statement]));
  const findingsAll = results.findings;
  const findingFigures = (selected: readonly string[]) =>
    findingsAll
      .filter((f) => selected.length === 0 || selected.includes(`${f.kind}:${f.indicatorKey}`))
      .map((f) => ({
        label: `${f.kind === 'strength' ? 'Styrka' : f.kind === 'weakness' ? 'Svaghet' : 'Att diskutera'}: ${statements.get(f.indicatorKey) ?? f.indicatorKey}`,
        value: fmt(f.value, 1),
        note: f.reason,
      }));
  let outcomeFigures: CurrentStateFigure[] = [];
  let mismatchFigures: CurrentStateFigure[] = [];
  let noteFigures: CurrentStateFigure[] = [];
  const areaTitle = new Map(group.areas.map((a) => [a.key, a.title]));
  if (unitId) {
    const panel = await getUnitPanel(db, session, { roundId: round.id, schoolUnitId: unitId }, today);
    outcomeFigures = panel.measures.map((m) => ({
      label: `${m.name}${m.latest ? ` (${m.latest.period})` : ''}`,
      value: m.latest ? `${fmt(m.latest.value, 1)} ${m.unitOfMeasure}`.trim() : '–',
      note: m.latest ? `${panel.organizerLabel}: ${fmt(m.latest.organizerValue, 1)}. Källa: ${m.source || 'okänd'}.` : null,
    }));
    mismatchFigures = panel.pairs.map((p) => ({
      label: `${p.targetTitle} ↔ ${p.measureName}`,
      value:
        p.judgement.kind === 'judged' && p.judgement.mismatch
          ? 'Avvikelse'
          : p.judgement.kind === 'judged'
            ? 'Ingen avvikelse'
            : 'Ingen bedömning',
      note: p.judgement.kind === 'judged' ? p.judgement.sentence : p.judgement.reason,
    }));
    noteFigures = panel.notes.map((n) => ({
      label: `${EVIDENCE_NOTE_KIND_LABELS[n.kind]}: ${n.title}`,
      value: n.areaKeys.map((k) => areaTitle.get(k) ?? k).join(', '),
      note: n.body,
    }));
  } else {
    const [measures, values] = await Promise.all([listOutcomeMeasures(db, organizerId), listOutcomeValues(db, organizerId)]);
    outcomeFigures = measures.flatMap((m) => {
      const latest = latestPeriod(values, m.id);
      if (!latest) return [];
      const vals = [...latest.byUnit.values()].map((v) => v.value);
      return [
        {
          label: `${m.name} (${latest.period})`,
          value: `${fmt(organizerValue(vals), 1)} ${m.unitOfMeasure}`.trim(),
          note: `Median av ${vals.length} enheter, från ${fmt(Math.min(...vals), 1)} till ${fmt(Math.max(...vals), 1)}. Källa: ${m.source || 'okänd'}.`,
        },
      ];
    });
    if (hasRole(session, 'organizer')) {
      const ratings = await selfRatings(db, session, round.id, today);
      const links = await listOutcomeLinks(db, organizerId);
      for (const pair of linkedPairs(links, measures, ratings)) {
        for (const u of ratings.units) {
          const m = pairMismatch(pair, ratings, values, u.id);
          if (m.judgement.kind === 'judged' && m.judgement.mismatch) {
            mismatchFigures.push({
              label: `${u.name}: ${pair.targetTitle} ↔ ${pair.measure.name}`,
              value: 'Avvikelse',
              note: m.judgement.sentence,
            });
          }
        }
      }
      const notes = await listEvidenceNotes(db, organizerId, { roundId: round.id, schoolUnitIds: roundUnits.map((u) => u.id) });
      noteFigures = notes.map((n) => ({
        label: `${roundUnits.find((u) => u.id === n.schoolUnitId)?.name ?? ''} – ${EVIDENCE_NOTE_KIND_LABELS[n.kind]}: ${n.title}`,
        value: n.areaKeys.map((k) => areaTitle.get(k) ?? k).join(', '),
        note: n.body,
      }));
    }
  }
  const figuresOf = (p: CurrentStatePartInput): CurrentStateFigure[] => {
    switch (p.kind) {
      case 'areas':
        return areaFigures;
      case 'findings':
        return findingFigures(p.selected);
      case 'outcomes':
        return outcomeFigures;
      case 'mismatches':
        return mismatchFigures;
      case 'notes':
        return noteFigures;
    }
  };
  return {
    title: `Nulägesbeskrivning – ${unitName}, ${round.name}`,
    round: { id: round.id, name: round.name, schoolForm: round.schoolForm },
    unit: unitId ? { id: unitId, name: unitName } : null,
    revision: stored?.revision ?? 0,
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    updatedBy: stored?.updatedByName ?? null,
    canEdit: unitId ? canLead(session, unitId) : hasRole(session, 'organizer'),
    parts: parts.map((p) => ({ kind: p.kind, heading: PART_HEADINGS[p.kind], text: p.text, selected: p.selected, figures: figuresOf(p) })),
    available: CURRENT_STATE_PART_KINDS.map((kind) => ({
      kind,
      heading: PART_HEADINGS[kind],
      count: figuresOf({ kind, text: '', selected: [] }).length,
    })),
    findingChoices: findingsAll.map((f) => ({
      key: `${f.kind}:${f.indicatorKey}`,
      label: `${f.kind === 'strength' ? 'Styrka' : f.kind === 'weakness' ? 'Svaghet' : 'Att diskutera'}: ${statements.get(f.indicatorKey) ?? f.indicatorKey}`,
    })),
  };
}

/** Autosave with a revision check: a stale save gets CONFLICT and writes nothing. */
export async function saveCurrentStateDocument(
  db: Db,
  session: SessionUser,
  input: { roundId: string; schoolUnitId?: string | undefined; parts: CurrentStatePartInput[]; expectedRevision: number },
) {
  const organizerId = session.organizerId;
  const unitId = input.schoolUnitId ?? null;
  if (unitId) assertUnitAccess(session, unitId);
  else if (!hasRole(session, 'organizer')) throw forbidden('Bara huvudmannanivån kan skriva huvudmannens nulägesbeskrivning.');
  const round = await getResultsRound(db, organizerId, input.roundId);
  if (!round) throw notFound('Omgången finns inte.');
  if (unitId) await assertRoundUnit(db, organizerId, round.id, unitId);
  const kinds = input.parts.map((p) => p.kind);
  if (new Set(kinds).size !== kinds.length) throw badRequest('Varje del får finnas en gång i nulägesbeskrivningen.');
  const revision = await saveCurrentState(db, organizerId, {
    roundId: round.id,
    schoolUnitId: unitId,
    parts: input.parts.map((p) => ({ kind: p.kind, text: p.text, selected: p.selected })),
    expectedRevision: input.expectedRevision,
    userId: session.userId,
  });
  if (revision === null) {
    throw conflict(
      'Någon annan har sparat nulägesbeskrivningen under tiden. Kopiera din text, ladda om sidan och för in ändringarna igen.',
    );
  }
  return { revision };
}
