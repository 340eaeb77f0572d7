import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Chart } from '../../components/chart.tsx';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatPercent } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { DescriptionView, descriptionOf } from './current-state-description.tsx';
import { areaProfileOption } from './report-chart.ts';
import { buildReport, type CurrentState, currentStateOf, type ReportModel } from './report-model.ts';
import { downloadReportPdf, REPORT_SECTIONS, type ReportSectionId } from './report-pdf.ts';
import { RichTextView } from './rich-text-view.tsx';
import { scopeFromParams, workspacePath } from './scope.ts';

function todayIso(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** The kvalitetsrapport of a unit (or the organizer) and round, on screen and as a PDF to download. */
export default function ReportPage() {
  const trpc = useTRPC();
  const scope = scopeFromParams(useParams());
  const roundId = scope?.roundId ?? '';
  const ws = useQuery(
    trpc.qualityCycle.workspace.queryOptions({ roundId, schoolUnitId: scope?.schoolUnitId ?? null }, { enabled: Boolean(scope) }),
  );
  const unitResults = useQuery(
    trpc.results.unit.queryOptions(
      { roundId, schoolUnitId: scope?.schoolUnitId ?? '' },
      { enabled: Boolean(scope?.schoolUnitId), retry: false },
    ),
  );
  const organizerResults = useQuery(
    trpc.results.organizer.queryOptions(
      { schoolForm: (ws.data?.round.schoolForm ?? 'grundskola') as 'grundskola', roundId },
      { enabled: Boolean(scope && !scope.schoolUnitId && ws.data), retry: false },
    ),
  );
  const description = useQuery(
    trpc.outcomeMeasures.currentState.queryOptions(
      { roundId, ...(scope?.schoolUnitId ? { schoolUnitId: scope.schoolUnitId } : {}) },
      { enabled: Boolean(scope), retry: false },
    ),
  );
  const [downloading, setDownloading] = useState<'idle' | 'working' | 'error'>('idle');
  if (!scope) return <p className="notice notice--error">Sidan finns inte.</p>;
  if (ws.isPending) return <LoadingBlock label="Hämtar rapporten …" />;
  if (ws.isError) return <QueryError error={ws.error} />;
  const results = scope.schoolUnitId ? unitResults : organizerResults;
  if (results.isPending) return <LoadingBlock label="Hämtar resultaten …" />;
  if (description.isPending) return <LoadingBlock label="Hämtar nulägesbeskrivningen …" />;
  const w = ws.data;
  const statements = new Map(w.indicators.map((i) => [i.key, i.statement]));
  let currentState: CurrentState | null = null;
  let message: string | null = null;
  if (results.isError) message = `Resultaten visas inte: ${results.error.message}`;
  else if (unitResults.data && scope.schoolUnitId) {
    const r = unitResults.data;
    const { submitted, eligible } = r.unit.participation;
    currentState = currentStateOf(
      r.unit.areas,
      r.findings,
      statements,
      r.threshold,
      `Svar ${submitted} av ${eligible}${eligible > 0 ? ` (${formatPercent(submitted / eligible)})` : ''}.`,
    );
  } else if (organizerResults.data) {
    const r = organizerResults.data;
    currentState = currentStateOf(r.organizer.areas, r.findings, statements, r.threshold, `${r.units} enheter.`);
  }
  const model = buildReport(w, currentState, message, todayIso(), {
    model: description.data ? descriptionOf(description.data) : null,
    message: description.isError ? `Nulägesbeskrivningen visas inte: ${description.error.message}` : null,
  });
  const fileName = `Kvalitetsrapport ${w.scope.name} ${w.round.name}.pdf`;

  const screen: Record<ReportSectionId, ReactNode> = {
    nulagesbeskrivning: model.description ? (
      <DescriptionView model={model.description} />
    ) : (
      <p className="notice">{model.descriptionMessage}</p>
    ),
    nulage: <CurrentStateScreen model={model} steps={w.scale.steps} roundName={w.round.name} />,
    analys: <AnalysisScreen model={model} />,
    prioriteringar: <PrioritiesScreen model={model} />,
    plan: <PlanScreen model={model} />,
    uppfoljning: <FollowUpScreen model={model} />,
  };

  return (
    <article className="report">
      <p className="breadcrumb no-print">
        <Link to={workspacePath(scope)}>Tillbaka till analys och plan</Link>
      </p>
      <h1>{model.title}</h1>
      <p className="lead">
        {model.subtitle} · Skapad {model.createdOn}
      </p>
      <div className="button-row no-print">
        <button
          type="button"
          className="button"
          disabled={downloading === 'working' || ws.isFetching}
          onClick={async () => {
            setDownloading('working');
            try {
              await downloadReportPdf(model, w.scale.steps, w.round.name, fileName);
              setDownloading('idle');
            } catch {
              setDownloading('error');
            }
          }}
        >
          {downloading === 'working' ? 'Skapar PDF …' : 'Ladda ner som PDF'}
        </button>
      </div>
      {downloading === 'error' && (
        <p className="notice notice--error" role="alert">
          PDF:en kunde inte skapas. Försök igen.
        </p>
      )}
      {REPORT_SECTIONS.map((s) => (
        <section key={s.id} className="section report__section" aria-labelledby={`rapport-${s.id}`}>
          <h2 id={`rapport-${s.id}`}>{s.title}</h2>
          {screen[s.id]}
        </section>
      ))}
    </article>
  );
}

function CurrentStateScreen({ model, steps, roundName }: { model: ReportModel; steps: number; roundName: string }) {
  const cs = model.currentState;
  if (!cs) return <p className="notice">{model.currentStateMessage}</p>;
  return (
    <>
      {cs.participation && <p>{cs.participation}</p>}
      <h3>Områdesprofil</h3>
      <Chart
        option={areaProfileOption(cs.areas, steps, roundName)}
        label={`Medelvärde per område, ${roundName}`}
        height={Math.max(240, cs.areas.length * 40)}
      />
      <TableWrap label="Medelvärde per område">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Område</th>
              <th scope="col">Medelvärde (95 % KI)</th>
              <th scope="col" className="num">
                n
              </th>
            </tr>
          </thead>
          <tbody>
            {cs.areas.map((a) => (
              <tr key={a.title}>
                <th scope="row">{a.title}</th>
                <td>
                  {a.explanation ? (
                    <span className="suppressed" title={a.explanation}>
                      –<span className="visually-hidden"> ({a.explanation})</span>
                    </span>
                  ) : (
                    a.meanText
                  )}
                </td>
                <td className="num">{a.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h3>Styrkor, svagheter och samtalsfrågor</h3>
      {cs.findings.length === 0 ? (
        <p className="empty">Inga indikatorer sticker tydligt ut.</p>
      ) : (
        <ul>
          {cs.findings.map((f) => (
            <li key={`${f.kind}-${f.statement}-${f.reason}`}>
              <strong>{f.kind}:</strong> {f.statement} – {f.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AnalysisScreen({ model }: { model: ReportModel }) {
  return (
    <>
      {model.analysis.findings.length === 0 && <p className="empty">Inga fynd är med i analysen.</p>}
      {model.analysis.findings.map((f) => (
        <div key={f.heading} className="report__finding">
          <h3>{f.heading}</h3>
          <p>{f.reason}</p>
          <p className="muted">{f.figures}</p>
          <h4>Orsaker</h4>
          <RichTextView text={f.cause} empty="Inga orsaker skrivna." />
        </div>
      ))}
      <h3>Analys av helheten</h3>
      <RichTextView text={model.analysis.text} empty="Analysen är inte skriven." />
      <h3>Annat underlag</h3>
      <RichTextView text={model.analysis.evidence} empty="Inget annat underlag antecknat." />
    </>
  );
}

function PrioritiesScreen({ model }: { model: ReportModel }) {
  if (model.priorities.length === 0) return <p className="empty">Inga prioriteringar.</p>;
  return (
    <ol className="report__priorities">
      {model.priorities.map((p) => (
        <li key={p.title}>
          <h3>{p.title}</h3>
          {p.origin && <p className="muted">{p.origin}</p>}
          <h4>Motivering</h4>
          <RichTextView text={p.reason} empty="Ingen motivering." />
          <h4>Mål</h4>
          <RichTextView text={p.goal} empty="Inget mål skrivet." />
          <ul>
            {p.indicators.map((i) => (
              <li key={i.statement}>
                {i.statement} – {i.target}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function PlanScreen({ model }: { model: ReportModel }) {
  return (
    <>
      {model.priorities.map((p) => (
        <div key={p.title}>
          <h3>{p.title}</h3>
          {p.activities.length === 0 ? (
            <p className="empty">Inga aktiviteter.</p>
          ) : (
            <TableWrap label={`Aktiviteter för ${p.title}`}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Aktivitet</th>
                    <th scope="col">Tid</th>
                    <th scope="col">Ansvarig</th>
                    <th scope="col">Resurser</th>
                    <th scope="col">Förväntad effekt</th>
                    <th scope="col">Uppföljning</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {p.activities.map((a) => (
                    <tr key={`${a.title}-${a.time}`}>
                      <th scope="row">{a.title}</th>
                      <td>{a.time}</td>
                      <td>{a.responsible}</td>
                      <td>{a.resources}</td>
                      <td>{a.effect}</td>
                      <td>{a.followUp}</td>
                      <td>{a.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </div>
      ))}
    </>
  );
}

function FollowUpScreen({ model }: { model: ReportModel }) {
  return (
    <>
      <p className="muted">{model.followUpIntro}</p>
      {model.priorities.map((p) => (
        <div key={p.title}>
          <h3>{p.title}</h3>
          {p.followUp && (
            <TableWrap label={`Uppföljning av ${p.title}`}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Indikator</th>
                    <th scope="col">Utgångsläge</th>
                    <th scope="col">Senare omgång</th>
                    <th scope="col" className="num">
                      Förändring
                    </th>
                    <th scope="col">Måluppfyllelse</th>
                  </tr>
                </thead>
                <tbody>
                  {p.followUp.map((f) => (
                    <tr key={f.statement}>
                      <th scope="row">{f.statement}</th>
                      <td>{f.baseline}</td>
                      <td>{f.later}</td>
                      <td className="num">{f.change}</td>
                      <td>
                        <strong>{f.status}.</strong> {f.statusText}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <h4>Utvärdering</h4>
          <RichTextView text={p.evaluation} empty="Ingen utvärdering skriven." />
        </div>
      ))}
    </>
  );
}
