import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatChange, formatMean } from '../lib/format.ts';
import { useTRPC } from '../lib/trpc.ts';
import { LoadingBlock } from './loading-block.tsx';
import { QueryError } from './query-error.tsx';
import { TableWrap } from './table-wrap.tsx';

const NOTE_KIND_LABELS: Record<string, string> = {
  observation: 'Observation',
  intervju: 'Intervju',
  klagomal: 'Klagomål – sammanfattning',
  ovrigt: 'Övrigt',
};

const decimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** A measure's value with its unit: "92,3 %", "7,4 index", "12 antal". */
export function formatOutcome(value: number | null | undefined, unitOfMeasure: string): string {
  if (value === null || value === undefined) return '–';
  const v = decimal.format(value);
  if (unitOfMeasure === '%') return `${v} %`;
  return unitOfMeasure && unitOfMeasure !== 'index' && unitOfMeasure !== 'värde' ? `${v} ${unitOfMeasure}` : v;
}

/**
 * "Var är vi?" beside the self-ratings: a unit's outcome measures with trend and the organizer's
 * value, the linked areas and indicators with self-rating and outcome side by side and the mismatch
 * flag, and the qualitative evidence notes per area. Shared: the unit results page shows it.
 */
export function OutcomeMeasuresPanel({
  roundId,
  unitId,
  areaKey,
  areaTitles,
}: {
  roundId: string;
  unitId: string;
  /** Only this area's linked pairs and notes (the page's area filter). */
  areaKey?: string | null;
  areaTitles: ReadonlyMap<string, string>;
}) {
  const trpc = useTRPC();
  const panel = useQuery(trpc.outcomeMeasures.unitPanel.queryOptions({ roundId, schoolUnitId: unitId }));
  if (panel.isPending) return <LoadingBlock label="Hämtar nyckeltal …" />;
  if (panel.isError) return <QueryError error={panel.error} />;
  const p = panel.data;
  const pairs = p.pairs.filter((x) => !areaKey || x.areaKey === areaKey);
  const notes = p.notes.filter((n) => !areaKey || n.areaKeys.includes(areaKey));
  const noteAreas = [...new Set(notes.flatMap((n) => n.areaKeys))].filter((k) => !areaKey || k === areaKey);
  const currentStateLink = `/resultat/nulage?enhet=${unitId}&omgang=${roundId}`;
  return (
    <>
      <section className="section" aria-labelledby="outcomes">
        <h2 id="outcomes">Nyckeltal och utfall</h2>
        <p className="muted">
          Självskattningen är en källa bland flera. Här är enhetens nyckeltal (betyg, skolenkäten, närvaro, klagomål …).{' '}
          {p.organizerValueNote}
        </p>
        {p.measures.length === 0 ? (
          <p className="empty">Det finns inga nyckeltal för enheten ännu.</p>
        ) : (
          <TableWrap label="Nyckeltal">
            <table className="data-table">
              <caption>Enhetens nyckeltal, senaste värde och utveckling</caption>
              <thead>
                <tr>
                  <th scope="col">Mått</th>
                  <th scope="col" className="num">
                    Senaste värde
                  </th>
                  <th scope="col" className="num">
                    {p.organizerLabel}
                  </th>
                  <th scope="col" className="num">
                    Förändring
                  </th>
                  <th scope="col">Över tid</th>
                  <th scope="col">Källa</th>
                </tr>
              </thead>
              <tbody>
                {p.measures.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.name}
                      {m.direction === 'lower-is-better' && <span className="cell-meta"> (lägre är bättre)</span>}
                    </th>
                    <td className="num">
                      {formatOutcome(m.latest?.value, m.unitOfMeasure)}
                      {m.latest && <span className="cell-meta"> {m.latest.period}</span>}
                      {m.latest?.n != null && <span className="cell-meta"> n = {m.latest.n}</span>}
                    </td>
                    <td className="num">{formatOutcome(m.latest?.organizerValue, m.unitOfMeasure)}</td>
                    <td className="num">{m.change === null ? '–' : formatChange(m.change)}</td>
                    <td>
                      {m.series
                        .filter((s) => s.value !== null)
                        .map((s) => `${s.period}: ${formatOutcome(s.value, m.unitOfMeasure)}`)
                        .join(' · ')}
                    </td>
                    <td>{m.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      {pairs.length > 0 && (
        <section className="section" aria-labelledby="self-vs-outcome">
          <h2 id="self-vs-outcome">Självskattning och utfall</h2>
          <p className="muted">
            Områden och indikatorer som huvudmannen har kopplat till nyckeltal. En avvikelse markeras när enheten skattar sig klart högre
            (eller lägre) än de andra enheterna medan utfallet är klart sämre (eller bättre).
          </p>
          <ul className="findings">
            {pairs.map((x) => {
              const flagged = x.judgement.kind === 'judged' && x.judgement.mismatch;
              return (
                <li key={`${x.targetKey}|${x.measureId}`} className={flagged ? 'outcome-pair outcome-pair--mismatch' : 'outcome-pair'}>
                  <p className="finding__statement">
                    <strong>{x.targetKind === 'area' ? x.targetTitle : `Indikator: ${x.targetTitle}`}</strong> ↔ {x.measureName}
                    {flagged && <span className="status status--draft"> Avvikelse</span>}
                  </p>
                  <dl className="facts">
                    <div>
                      <dt>Självskattning</dt>
                      <dd>
                        {x.selfRating === null ? (
                          <span title={x.selfRatingSuppressed ?? undefined}>–</span>
                        ) : (
                          <>
                            {formatMean(x.selfRating)} <span className="cell-meta">n = {x.selfRatingN}</span>
                          </>
                        )}
                      </dd>
                    </div>
                    <div>
                      <dt>Utfall {x.period ?? ''}</dt>
                      <dd>{formatOutcome(x.outcome, x.unitOfMeasure)}</dd>
                    </div>
                    <div>
                      <dt>{p.organizerLabel}</dt>
                      <dd>{formatOutcome(x.organizerOutcome, x.unitOfMeasure)}</dd>
                    </div>
                  </dl>
                  {x.selfRating === null && x.selfRatingSuppressed && <p className="muted">– {x.selfRatingSuppressed}</p>}
                  <p className="finding__reason">{x.judgement.kind === 'judged' ? x.judgement.sentence : x.judgement.reason}</p>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section className="section" aria-labelledby="evidence-notes">
        <h2 id="evidence-notes">Kvalitativa underlag</h2>
        {notes.length === 0 ? (
          <p className="empty">Inga anteckningar om observationer, intervjuer eller klagomål för {areaKey ? 'området' : 'omgången'}.</p>
        ) : (
          noteAreas.map((k) => (
            <div key={k} className="comment-area">
              <h3>{areaTitles.get(k) ?? k}</h3>
              <ul className="plain-list">
                {notes
                  .filter((n) => n.areaKeys.includes(k))
                  .map((n) => (
                    <li key={n.id}>
                      <strong>
                        {NOTE_KIND_LABELS[n.kind]}: {n.title}
                      </strong>
                      <p>{n.body}</p>
                    </li>
                  ))}
              </ul>
            </div>
          ))
        )}
        <p>
          <Link to={currentStateLink}>
            {p.currentState ? 'Nulägesbeskrivningen' : p.canEdit ? 'Skriv nulägesbeskrivningen' : 'Nulägesbeskrivningen'}
          </Link>
          {p.currentState
            ? ` · ${p.currentState.parts} delar, senast sparad ${new Date(p.currentState.updatedAt).toLocaleDateString('sv-SE')}`
            : ' · inte påbörjad'}
          {p.canEdit && ' · där skriver du också kvalitativa underlag'}
        </p>
      </section>
    </>
  );
}
