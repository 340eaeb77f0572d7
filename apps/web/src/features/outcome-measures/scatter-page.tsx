import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { FormRoundFilters } from '../../components/form-round-filters.tsx';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { formatOutcome } from '../../components/outcome-measures-panel.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import type { ExportTable } from '../../lib/export-table.ts';
import { chooseFormAndRound } from '../../lib/form-and-round.ts';
import { formatMean } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useUrlFilters } from '../../lib/use-url-filters.ts';

/** Självskattning mot utfall: one point per unit for a linked area/indicator and measure. */
export default function ScatterPage() {
  const trpc = useTRPC();
  const { params, update } = useUrlFilters();
  const nav = useQuery(trpc.resultsNavigation.options.queryOptions());
  if (nav.isPending) return <LoadingBlock label="Hämtar omgångarna …" />;
  if (nav.isError) return <QueryError error={nav.error} />;
  const { forms, form, rounds, roundId } = chooseFormAndRound(nav.data.rounds, params.get('skolform'), params.get('omgang'));
  return (
    <div className="results-page">
      <h1>Självskattning och utfall</h1>
      <p className="lead">
        Stämmer bilden i självskattningen med andra underlag? Varje punkt är en enhet: självskattningen för ett område eller en indikator
        mot ett nyckeltal som huvudmannen har kopplat till det.
      </p>
      {nav.data.organizerLevel && (
        <p>
          <Link to="/resultat/utfall/katalog">Nyckeltal, kopplingar och import</Link>
        </p>
      )}
      <FormRoundFilters forms={forms} form={form} rounds={rounds} roundId={roundId} onChange={(c) => update({ ...c, koppling: null })} />
      {roundId ? <Scatter roundId={roundId} /> : <p className="empty">Inga omgångar för skolformen.</p>}
    </div>
  );
}

function Scatter({ roundId }: { roundId: string }) {
  const trpc = useTRPC();
  const { params, update } = useUrlFilters();
  const wanted = params.get('koppling');
  const [targetKey, measureId] = wanted ? wanted.split('|') : [undefined, undefined];
  const scatter = useQuery(trpc.outcomeMeasures.scatter.queryOptions({ roundId, targetKey, measureId }));
  if (scatter.isPending) return <LoadingBlock label="Hämtar självskattning och utfall …" />;
  if (scatter.isError) return <QueryError error={scatter.error} />;
  const s = scatter.data;
  if (s.pairs.length === 0) {
    return <p className="empty">Inga områden eller indikatorer i skolformen är kopplade till nyckeltal ännu.</p>;
  }
  const chosen = s.chosen;
  const value = chosen ? `${chosen.targetKey}|${chosen.measureId}` : '';
  const xLabel = chosen ? `Självskattning: ${chosen.targetTitle} (medel 1–4)` : '';
  const yLabel = chosen ? `${chosen.measureName} ${s.period ?? ''}`.trim() : '';
  const option: ChartOption = {
    grid: { left: 56, right: 24, top: 24, bottom: 56, containLabel: true },
    xAxis: { type: 'value', name: xLabel, nameLocation: 'middle', nameGap: 32, min: 1, max: 4 },
    yAxis: { type: 'value', name: yLabel, nameLocation: 'middle', nameGap: 44, scale: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data: { name: string; value: [number, number]; n: number | null; outcomeN: number | null } }).data;
        return `${d.name}<br/>Självskattning ${formatMean(d.value[0])} (n = ${d.n ?? '–'})<br/>${chosen?.measureName}: ${formatOutcome(d.value[1], chosen?.unitOfMeasure ?? '')}${d.outcomeN != null ? ` (n = ${d.outcomeN})` : ''}`;
      },
    },
    series: [
      {
        type: 'scatter',
        symbolSize: 14,
        data: s.points.map((p) => ({
          name: p.unitName,
          value: [p.selfRating, p.outcome],
          n: p.n,
          outcomeN: p.outcomeN,
          itemStyle: p.mismatch ? { color: '#b3261e' } : { color: '#1f5fa8' },
          symbol: p.mismatch ? 'diamond' : 'circle',
        })),
        label: { show: true, position: 'right', formatter: '{b}', fontSize: 12 },
        markLine: s.organizer
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#6b7280' },
              label: { formatter: 'Median' },
              data: [
                ...(s.organizer.selfRating !== null ? [{ xAxis: s.organizer.selfRating }] : []),
                ...(s.organizer.outcome !== null ? [{ yAxis: s.organizer.outcome }] : []),
              ],
            }
          : undefined,
      },
    ],
  };
  const table: ExportTable = {
    title: `Självskattning och utfall – ${chosen?.targetTitle ?? ''} – ${chosen?.measureName ?? ''} – ${s.round.name}`,
    columns: [
      { header: 'Enhet', kind: 'text' },
      { header: 'Självskattning', kind: 'number' },
      { header: 'n (svar)', kind: 'integer' },
      { header: `${chosen?.measureName ?? 'Utfall'} ${s.period ?? ''}`.trim(), kind: 'number' },
      { header: 'n (utfall)', kind: 'integer' },
      { header: 'Avvikelse', kind: 'text' },
    ],
    rows: s.points.map((p) => [p.unitName, p.selfRating, p.n, p.outcome, p.outcomeN, p.mismatch ? 'Ja' : 'Nej']),
    notes: [s.note, ...s.left],
  };
  const mismatches = s.points.filter((p) => p.mismatch);
  return (
    <>
      <form className="filters filters--second" aria-label="Koppling" onSubmit={(e) => e.preventDefault()}>
        <label className="field field--wide">
          <span className="field-label">Koppling</span>
          <select value={value} onChange={(e) => update({ koppling: e.target.value })}>
            {s.pairs.map((p) => (
              <option key={`${p.targetKey}|${p.measureId}`} value={`${p.targetKey}|${p.measureId}`}>
                {p.targetKind === 'area' ? p.targetTitle : `Indikator: ${p.targetTitle}`} ↔ {p.measureName}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="muted">
        {s.note} {s.scope}
      </p>
      {s.left.map((l) => (
        <p key={l} className="muted">
          {l}
        </p>
      ))}
      {mismatches.length > 0 && (
        <section className="section" aria-labelledby="mismatches">
          <h2 id="mismatches">Avvikelser att undersöka</h2>
          <ul className="findings">
            {mismatches.map((p) => (
              <li key={p.unitId} className="outcome-pair outcome-pair--mismatch">
                <p className="finding__reason">{p.sentence}</p>
                <Link to={`/resultat?enhet=${p.unitId}&skolform=${s.round.schoolForm}&omgang=${s.round.id}`}>
                  Visa {p.unitName}s resultat
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.points.length > 0 ? (
        <Chart option={option} label={`Spridningsdiagram: ${xLabel} mot ${yLabel}, en punkt per enhet`} height={420} />
      ) : (
        <p className="empty">Inga enheter har både en självskattning som visas och ett värde för måttet.</p>
      )}
      <TableWrap label="Självskattning och utfall per enhet">
        <table className="data-table">
          <caption>Samma punkter som tabell</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.header} scope="col" className={c.kind === 'text' ? undefined : 'num'}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.points.map((p) => (
              <tr key={p.unitId}>
                <th scope="row">{p.unitName}</th>
                <td className="num">{formatMean(p.selfRating)}</td>
                <td className="num">{p.n ?? '–'}</td>
                <td className="num">{formatOutcome(p.outcome, chosen?.unitOfMeasure ?? '')}</td>
                <td className="num">{p.outcomeN ?? '–'}</td>
                <td>{p.mismatch ? 'Ja' : 'Nej'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ExportButtons table={table} />
    </>
  );
}
