/**
 * The quality report (kvalitetsrapport) as plain data, built once and rendered twice: on screen
 * (report-page.tsx) and as a PDF (report-pdf.ts). Suppressed figures stay suppressed: they carry
 * no value, only the explanation, and are written "–".
 */
import { ACTIVITY_STATUS_LABELS, TARGET_STATUS_LABELS, targetText } from '@kvalitetshjulet/domain';
import { formatChange, formatDate, formatInterval, formatMean } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';
import type { DescriptionModel } from './current-state-description.tsx';
import { findingFigures, findingKindLabel } from './figures.ts';
import { roundLabel } from './scope.ts';

type Workspace = Outputs['qualityCycle']['workspace'];
type Area = Outputs['results']['unit']['unit']['areas'][number];
type Finding = Outputs['results']['unit']['findings'][number];

export interface AreaRow {
  title: string;
  mean: number | null;
  /** "2,9 (2,7–3,1)" or "–" */
  meanText: string;
  n: string;
  explanation: string | null;
}

export interface CurrentState {
  areas: AreaRow[];
  findings: { kind: string; statement: string; reason: string }[];
  participation: string | null;
  threshold: number;
}

export interface ReportModel {
  title: string;
  subtitle: string;
  createdOn: string;
  /** Null when the person may not see the results (staff, when the organizer does not allow it), with the reason. */
  currentState: CurrentState | null;
  currentStateMessage: string | null;
  /** The nulägesbeskrivning, or null with the reason it is not shown. */
  description: DescriptionModel | null;
  descriptionMessage: string | null;
  analysis: {
    findings: { heading: string; reason: string; figures: string; cause: string }[];
    text: string;
    evidence: string;
  };
  priorities: {
    title: string;
    reason: string;
    goal: string;
    origin: string | null;
    indicators: { statement: string; target: string }[];
    activities: { title: string; time: string; responsible: string; resources: string; effect: string; followUp: string; status: string }[];
    followUp: { statement: string; baseline: string; later: string; change: string; status: string; statusText: string }[] | null;
    evaluation: string;
  }[];
  followUpIntro: string;
}

type Figure =
  | { suppressed: false; value: { n: number; mean: number | null; meanInterval: { lower: number; upper: number } | null } }
  | { suppressed: true; explanation: string };

function figureText(f: Figure): string {
  if (f.suppressed) return `– (${f.explanation})`;
  return `${formatMean(f.value.mean)} (${formatInterval(f.value.meanInterval)}), n = ${f.value.n}`;
}

export function currentStateOf(
  areas: Area[],
  findings: Finding[],
  statements: Map<string, string>,
  threshold: number,
  participation: string | null,
): CurrentState {
  return {
    threshold,
    participation,
    areas: areas.map((a) =>
      a.figures.suppressed
        ? { title: a.title, mean: null, meanText: '–', n: '–', explanation: a.figures.explanation }
        : {
            title: a.title,
            mean: a.figures.value.mean,
            meanText: `${formatMean(a.figures.value.mean)} (${formatInterval(a.figures.value.meanInterval)})`,
            n: String(a.figures.value.n),
            explanation: null,
          },
    ),
    findings: findings.map((f) => ({
      kind: findingKindLabel(f.kind),
      statement: statements.get(f.indicatorKey) ?? f.indicatorKey,
      reason: f.reason,
    })),
  };
}

export function buildReport(
  w: Workspace,
  currentState: CurrentState | null,
  currentStateMessage: string | null,
  today: string,
  description: { model: DescriptionModel | null; message: string | null } = { model: null, message: null },
): ReportModel {
  const later = w.followUp.laterRound;
  return {
    title: `Kvalitetsrapport ${w.scope.name}`,
    subtitle: `${roundLabel(w.round)}${w.scope.kind === 'unit' ? ` · ${w.scope.organizerName}` : ''}`,
    createdOn: formatDate(today),
    currentState,
    currentStateMessage,
    description: description.model,
    descriptionMessage: description.message,
    analysis: {
      findings: w.findings.map((f) => ({
        heading: `${findingKindLabel(f.snapshot.kind)}: ${f.snapshot.statement}`,
        reason: f.snapshot.reason,
        figures: `${findingFigures(f.snapshot)} (${f.snapshot.roundName})`,
        cause: f.cause.body,
      })),
      text: w.analysis.body,
      evidence: w.evidence.body,
    },
    priorities: w.priorities.map((p) => ({
      title: p.title,
      reason: p.reason,
      goal: p.goal,
      origin: p.origin ? `Förd vidare från ${p.origin.roundName}.` : null,
      indicators: p.indicators.map((i) => ({
        statement: i.statement,
        target: i.targetMean === null ? 'ingen målnivå' : targetText(i.targetMean),
      })),
      activities: p.activities.map((a) => ({
        title: a.title,
        time: `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`,
        responsible: a.responsible || '–',
        resources: a.resources || '–',
        effect: a.expectedEffect || '–',
        followUp: a.followUp || '–',
        status: ACTIVITY_STATUS_LABELS[a.status],
      })),
      followUp: p.followUp
        ? p.followUp.map((f) => ({
            statement: f.statement,
            baseline: figureText(f.result.baseline as Figure),
            later: figureText(f.result.later as Figure),
            change: formatChange(f.result.change),
            status: TARGET_STATUS_LABELS[f.result.status],
            statusText: f.result.statusText,
          }))
        : null,
      evaluation: p.evaluation.body,
    })),
    followUpIntro: later
      ? `Utgångsläget i ${w.round.name} jämfört med ${later.name}: medelvärde med 95 % konfidensintervall och antal svar.`
      : (w.followUp.message ?? 'Ingen senare omgång är avslutad ännu.'),
  };
}
