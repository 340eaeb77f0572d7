/**
 * Self-rating against outcome: does a unit rate itself clearly higher (or lower) than the
 * organizer's other units while its outcome is clearly worse (or better)? Pure.
 *
 * The rule, for one linked pair (an area or indicator ↔ a measure) and one unit:
 *
 * 1. Only units with both a shown self-rating (never a suppressed one) and an outcome value count.
 *    At least 4 such units are needed, the unit itself included; otherwise no judgement, and why.
 * 2. The unit is compared with the *other* units: its standardised score
 *    z = (own − mean of the others) / standard deviation of the others, once for the self-rating and
 *    once for the outcome. For a measure where lower is better the outcome's score is turned round,
 *    so a positive score always means "better".
 * 3. "Clearly" means |z| ≥ 1 (a practical size: one spread between units) and, for the self-rating,
 *    a difference of at least 0.3 scale steps (self-ratings cluster, so a small spread must not turn
 *    a trivial difference into a finding); for the outcome, the difference must be at least 2 % of
 *    the others' mean (or of the scale, if the measure has one), for the same reason.
 * 4. A mismatch is flagged when both are clear and point in opposite directions.
 */

export type MismatchDirection = 'higher-is-better' | 'lower-is-better';

export interface MismatchPoint {
  unitId: string;
  unitName: string;
  /** The unit's shown self-rating mean, or null when there is none or it is suppressed. */
  selfRating: number | null;
  outcome: number | null;
}

export interface MismatchInput {
  unitId: string;
  points: readonly MismatchPoint[];
  /** "Trygghet och studiero" – what was rated. */
  ratingLabel: string;
  /** "Skolenkäten: trygghet, index" */
  measureName: string;
  direction: MismatchDirection;
  /** "kommunens" or "huvudmannens" */
  organizerPossessive: string;
  /** Optional range of the measure (for the practical size of a difference). */
  scale?: { min: number; max: number } | null;
}

export type MismatchResult =
  | { kind: 'no-judgement'; reason: string }
  | {
      kind: 'judged';
      mismatch: boolean;
      /** One Swedish sentence: the mismatch, or that self-rating and outcome agree or differ only a little. */
      sentence: string;
      selfRating: number;
      othersSelfRating: number;
      selfZ: number;
      outcome: number;
      othersOutcome: number;
      /** Positive = better than the others (direction taken into account). */
      outcomeZ: number;
      units: number;
    };

export const MIN_UNITS_FOR_MISMATCH = 4;
const Z_CLEAR = 1;
const MIN_SELF_DIFFERENCE = 0.3;
const MIN_OUTCOME_SHARE = 0.02;

function meanOf(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sdOf(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = meanOf(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

function z(own: number, others: readonly number[]): number {
  const sd = sdOf(others);
  const diff = own - meanOf(others);
  if (sd === 0) return diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY;
  return diff / sd;
}

/** sv-SE with one decimal ("3,4", "−1,2"); whole numbers without decimals. */
export function formatOutcomeNumber(value: number): string {
  return new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1, minimumFractionDigits: Number.isInteger(value) ? 0 : 1 }).format(value);
}

function fmtSelf(value: number): string {
  return new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export function judgeMismatch(input: MismatchInput): MismatchResult {
  const own = input.points.find((p) => p.unitId === input.unitId);
  if (!own) return { kind: 'no-judgement', reason: 'Enheten finns inte bland enheterna som jämförs.' };
  if (own.selfRating === null) {
    return { kind: 'no-judgement', reason: 'Ingen bedömning: enhetens självskattning visas inte (för få svar eller inga svar).' };
  }
  if (own.outcome === null) return { kind: 'no-judgement', reason: `Ingen bedömning: enheten har inget värde för ${input.measureName}.` };
  const complete = input.points.filter((p) => p.selfRating !== null && p.outcome !== null);
  if (complete.length < MIN_UNITS_FOR_MISMATCH) {
    return {
      kind: 'no-judgement',
      reason: `Ingen bedömning: det behövs minst ${MIN_UNITS_FOR_MISMATCH} enheter med både självskattning och utfall, men det finns ${complete.length}.`,
    };
  }
  const others = complete.filter((p) => p.unitId !== input.unitId);
  const otherSelf = others.map((p) => p.selfRating as number);
  const otherOutcome = others.map((p) => p.outcome as number);
  const sign = input.direction === 'lower-is-better' ? -1 : 1;
  const selfZ = z(own.selfRating, otherSelf);
  const outcomeZ = sign * z(own.outcome, otherOutcome);
  const othersSelfRating = meanOf(otherSelf);
  const othersOutcome = meanOf(otherOutcome);
  const selfDiff = own.selfRating - othersSelfRating;
  const outcomeDiff = own.outcome - othersOutcome;
  const outcomeBase = input.scale ? input.scale.max - input.scale.min : Math.abs(othersOutcome);
  const selfClear = Math.abs(selfZ) >= Z_CLEAR && Math.abs(selfDiff) >= MIN_SELF_DIFFERENCE;
  const outcomeClear = Math.abs(outcomeZ) >= Z_CLEAR && Math.abs(outcomeDiff) >= MIN_OUTCOME_SHARE * outcomeBase;
  const mismatch = selfClear && outcomeClear && Math.sign(selfZ) !== Math.sign(outcomeZ);
  const all = complete.map((p) => p.outcome as number);
  const extreme =
    own.outcome === Math.min(...all)
      ? 'lägst värde'
      : own.outcome === Math.max(...all)
        ? 'högst värde'
        : outcomeDiff < 0
          ? 'klart lägre värde'
          : 'klart högre värde';
  const selfWord = selfDiff > 0 ? 'högre' : 'lägre';
  const selfPart = `${own.unitName} skattar ${input.ratingLabel} ${selfWord} än ${input.organizerPossessive} övriga enheter (${fmtSelf(own.selfRating)} mot ${fmtSelf(othersSelfRating)})`;
  const outcomePart = `${extreme} på ${input.measureName} (${formatOutcomeNumber(own.outcome)} mot ${formatOutcomeNumber(othersOutcome)}${input.direction === 'lower-is-better' ? ', där lägre är bättre' : ''})`;
  let sentence: string;
  if (mismatch) sentence = `${selfPart} men har ${outcomePart}.`;
  else if (selfClear && outcomeClear) sentence = `${selfPart} och har ${outcomePart}: självskattning och utfall pekar åt samma håll.`;
  else
    sentence = `Ingen tydlig skillnad mellan självskattning och utfall: ${own.unitName} ligger ${selfClear ? 'klart' : 'nära'} ${input.organizerPossessive} övriga enheter i självskattning och ${outcomeClear ? 'klart ifrån' : 'nära'} dem i ${input.measureName}.`;
  return {
    kind: 'judged',
    mismatch,
    sentence,
    selfRating: own.selfRating,
    othersSelfRating,
    selfZ,
    outcome: own.outcome,
    othersOutcome,
    outcomeZ,
    units: complete.length,
  };
}

/** The organizer's value of a measure in a period: the median of the units' values (null without values). */
export function organizerValue(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
