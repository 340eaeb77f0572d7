/**
 * The organizer overview ("Var behövs stödet mest?"): for one school form and round, the organizer's
 * weakest areas and indicators, the units clearly below the organizer on each weak indicator, and
 * where support would matter most (the domain's needs score). Built from the unit and organizer
 * results (use-cases/results.ts), so every figure has passed the same anonymity rules; a rektor gets
 * only the own units.
 */
import { type Db, getOrganizer, listResultsRoundUnits, type SessionUser } from '@kvalitetshjulet/db';
import { type NeedsAssessment, type NeedsInput, needsByUnit, type SuppressedValue } from '@kvalitetshjulet/domain';
import { hasRole, unitIdsWithRole } from '../trpc.ts';
import {
  type AreaResult,
  getOrganizerResults,
  getUnitResults,
  type IndicatorResult,
  type OrganizerResults,
  type ResultsOptions,
  type UnitResults,
} from './results.ts';

/** How many of the organizer's weakest indicators the overview shows. */
export const WEAK_INDICATORS = 5;
/** How many units the needs list shows at most. */
export const NEEDS_UNITS = 6;
/** How many units are read at the same time. */
const CONCURRENCY = 6;

export interface UnitBelow {
  id: string;
  name: string;
  mean: number;
  n: number;
  /** The finding's sentence, e.g. "Tydligt lägre än kommunens snitt: 2,1 mot 2,8 (n = 18)". */
  reason: string;
}

export interface WeakIndicator {
  key: string;
  areaKey: string;
  statement: string;
  figures: IndicatorResult['figures'];
  /** Units with a weakness against the organizer on this indicator (clearly below: size and margin). */
  unitsBelow: UnitBelow[];
  /** Units whose value for the indicator is hidden ("–"), with the explanations that occur. */
  hiddenUnits: { count: number; explanations: string[] };
}

export interface OverviewUnit {
  id: string;
  name: string;
  participation: { submitted: number; eligible: number };
  areas: { key: string; figures: AreaResult['figures']; change: AreaResult['change'] }[];
}

export interface OrganizerOverview {
  round: OrganizerResults['round'];
  previousRound: OrganizerResults['previousRound'];
  rounds: OrganizerResults['rounds'];
  threshold: number;
  organizerLabel: string;
  /** The organizer's areas, weakest first (hidden areas last). */
  areas: AreaResult[];
  /** The organizer's weakest indicators, weakest first, with the units clearly below. */
  weakIndicators: WeakIndicator[];
  units: OverviewUnit[];
  /** Units where support would matter most, with the reasons; ordered, but never to be shown as a ranking. */
  needs: { unitId: string; unitName: string; areas: (NeedsAssessment & { areaTitle: string })[] }[];
  note: string;
}

const meanOf = <T extends { mean: number | null }>(figures: SuppressedValue<T>): number | null =>
  figures.suppressed ? null : figures.value.mean;

/** Weakest first; hidden or empty values last, in the questionnaire's order. */
function weakestFirst<T extends { figures: SuppressedValue<{ mean: number | null }> }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (meanOf(a.figures) ?? Number.POSITIVE_INFINITY) - (meanOf(b.figures) ?? Number.POSITIVE_INFINITY));
}

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

/** The whole overview for one school form and round (default: the latest opened round) in one call. */
export async function getOrganizerOverview(
  db: Db,
  session: SessionUser,
  input: { schoolForm: string; roundId?: string },
  today: string,
  options: ResultsOptions = {},
): Promise<OrganizerOverview> {
  // The organizer's figures first: this also checks that the person may read across units.
  const organizer = await getOrganizerResults(db, session, input, today, options);
  const round = organizer.round;
  const [settings, roundUnits] = await Promise.all([
    getOrganizer(db, session.organizerId),
    listResultsRoundUnits(db, session.organizerId, round.id),
  ]);
  const own = hasRole(session, 'organizer') ? null : new Set(unitIdsWithRole(session, 'principal'));
  const readable = roundUnits.filter((u) => own === null || own.has(u.id));
  const units: UnitResults[] = await inBatches(readable, CONCURRENCY, (u) =>
    getUnitResults(db, session, { roundId: round.id, schoolUnitId: u.id }, today, options),
  );
  const organizerLabel = settings.kind === 'kommun' ? 'kommunens nivå' : 'huvudmannens nivå';
  const steps = organizer.scale.steps.length;

  const weakIndicators: WeakIndicator[] = weakestFirst(organizer.organizer.indicators.filter((i) => meanOf(i.figures) !== null))
    .slice(0, WEAK_INDICATORS)
    .map((indicator) => {
      const unitsBelow: UnitBelow[] = [];
      const explanations = new Set<string>();
      let hidden = 0;
      for (const u of units) {
        const figures = u.unit.indicators.find((i) => i.key === indicator.key)?.figures;
        if (!figures || figures.suppressed) {
          hidden++;
          if (figures?.suppressed) explanations.add(figures.explanation);
          continue;
        }
        const finding = u.findings.find((f) => f.indicatorKey === indicator.key && f.kind === 'weakness' && f.reference === 'organizer');
        if (finding) unitsBelow.push({ id: u.unit.id, name: u.unit.name, mean: finding.value, n: finding.n, reason: finding.reason });
      }
      unitsBelow.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
      return {
        key: indicator.key,
        areaKey: indicator.areaKey,
        statement: indicator.statement,
        figures: indicator.figures,
        unitsBelow,
        hiddenUnits: { count: hidden, explanations: [...explanations] },
      };
    });

  const indicatorsPerArea = new Map<string, number>();
  for (const i of organizer.organizer.indicators) indicatorsPerArea.set(i.areaKey, (indicatorsPerArea.get(i.areaKey) ?? 0) + 1);
  const needsInputs: NeedsInput[] = units.flatMap((u) =>
    u.unit.areas.map((area) => {
      const reference = organizer.organizer.areas.find((a) => a.key === area.key);
      const f = area.figures.suppressed ? null : area.figures.value;
      const change = area.change && !area.change.suppressed && area.change.value.difference !== null ? area.change.value : null;
      return {
        unitId: u.unit.id,
        areaKey: area.key,
        n: f ? f.effectiveN : null,
        mean: f?.mean ?? null,
        meanInterval: f?.meanInterval ?? null,
        reference: reference ? meanOf(reference.figures) : null,
        change: change ? { difference: change.difference as number, interval: change.interval, previousMean: change.previousMean } : null,
        disagreements: u.findings.filter((x) => x.kind === 'disagreement' && x.areaKey === area.key).length,
        indicators: indicatorsPerArea.get(area.key) ?? 0,
      };
    }),
  );
  const titles = new Map(organizer.organizer.areas.map((a) => [a.key, a.title]));
  const names = new Map(units.map((u) => [u.unit.id, u.unit.name]));
  const needs = needsByUnit(needsInputs, { steps, organizerLabel, limit: NEEDS_UNITS }).map((n) => ({
    unitId: n.unitId,
    unitName: names.get(n.unitId) ?? '',
    areas: n.areas.map((a) => ({ ...a, areaTitle: titles.get(a.areaKey) ?? a.areaKey })),
  }));

  return {
    round,
    previousRound: organizer.previousRound,
    rounds: organizer.rounds,
    threshold: organizer.threshold,
    organizerLabel,
    areas: weakestFirst(organizer.organizer.areas),
    weakIndicators,
    units: units.map((u) => ({
      id: u.unit.id,
      name: u.unit.name,
      participation: u.unit.participation,
      areas: u.unit.areas.map((a) => ({ key: a.key, figures: a.figures, change: a.change })),
    })),
    needs,
    note: 'Självskattningar är inte kalibrerade mellan enheter. Listan visar var stödet kan göra mest nytta att undersöka vidare – inte en rangordning.',
  };
}
