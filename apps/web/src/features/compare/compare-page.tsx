import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { FormRoundFilters } from '../../components/form-round-filters.tsx';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import type { ExportTable } from '../../lib/export-table.ts';
import { chooseFormAndRound } from '../../lib/form-and-round.ts';
import { formatMean } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useUrlFilters } from '../../lib/use-url-filters.ts';
import { type Cell, type Column, type Comparison, cellOf, columnsOf, organizerValueOf } from './comparison-model.ts';
import { heatmapHeight, heatmapOption } from './heatmap-option.ts';

/** Var skiljer sig enheterna? Variation to investigate, never a ranking. */
export default function ComparePage() {
  const trpc = useTRPC();
  const { params, update } = useUrlFilters();
  const nav = useQuery(trpc.resultsNavigation.options.queryOptions());
  if (nav.isPending) return <LoadingBlock label="Hämtar omgångarna …" />;
  if (nav.isError) return <QueryError error={nav.error} />;
  const { forms, form, rounds, roundId } = chooseFormAndRound(nav.data.rounds, params.get('skolform'), params.get('omgang'));
  const level = params.get('niva') === 'indikatorer' ? 'indicators' : 'areas';

  return (
    <div className="results-page">
      <h1>Var skiljer sig enheterna?</h1>
      <p className="lead">
        Självskattningar är inte kalibrerade mellan arbetslag och enheter. Jämförelsen visar variation att undersöka och samtala om – inte
        en rangordning.
      </p>
      <FormRoundFilters forms={forms} form={form} rounds={rounds} roundId={roundId} onChange={update}>
        <label className="field">
          <span className="field-label">Visa</span>
          <select value={level} onChange={(e) => update({ niva: e.target.value === 'indicators' ? 'indikatorer' : null })}>
            <option value="areas">Områden</option>
            <option value="indicators">Indikatorer</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Ordning</span>
          <select value={params.get('ordning') ?? ''} onChange={(e) => update({ ordning: e.target.value || null })}>
            <option value="">Enheternas namn</option>
            <option value="spridning">Skillnad mot huvudmannen, största först</option>
          </select>
        </label>
      </FormRoundFilters>
      {roundId ? (
        <Heatmap roundId={roundId} level={level} order={params.get('ordning')} />
      ) : (
        <p className="empty">Inga omgångar för skolformen.</p>
      )}
    </div>
  );
}

function Heatmap({ roundId, level, order }: { roundId: string; level: 'areas' | 'indicators'; order: string | null }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const comparison = useQuery(trpc.results.compare.queryOptions({ roundId }));
  const organizer = useQuery(
    trpc.results.organizer.queryOptions(
      { schoolForm: (comparison.data?.round.schoolForm ?? 'grundskola') as 'grundskola', roundId },
      { enabled: Boolean(comparison.data) },
    ),
  );
  if (comparison.isPending) return <LoadingBlock label="Hämtar jämförelsen …" />;
  if (comparison.isError) return <QueryError error={comparison.error} />;
  const c = comparison.data;
  const areaTitles = new Map((organizer.data?.organizer.areas ?? []).map((a) => [a.key, a.title]));
  const columns = columnsOf(c, level, areaTitles);
  const orgValues = columns.map((col) => organizerValueOf(c, col));
  const rows = c.units.map((unit, u) => ({ unit, cells: columns.map((col) => cellOf(c, u, col)) }));
  const distance = (cells: Cell[]) =>
    cells.reduce(
      (sum, cell, i) => sum + (cell.mean !== null && orgValues[i] !== null ? Math.abs(cell.mean - (orgValues[i] as number)) : 0),
      0,
    );
  if (order === 'spridning') rows.sort((a, b) => distance(b.cells) - distance(a.cells));
  else rows.sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'sv'));
  const organizerLabel = organizer.data ? 'huvudmannens värde' : 'huvudmannens värde';

  return (
    <>
      <p className="muted">
        {c.round.name} · {c.units.length} enheter. Färgen visar skillnaden mot {organizerLabel} i samma kolumn (blått högre, orange lägre);
        siffran är enhetens medelvärde och n antalet svar. – betyder att värdet inte visas för att skydda de svarandes anonymitet.
        {level === 'areas' ? ' Ett områdesvärde är medelvärdet av områdets visade indikatorer.' : ''}
      </p>
      <p className="notice">{c.note}</p>
      <HeatmapChart
        rows={rows}
        columns={columns}
        orgValues={orgValues}
        onOpen={(unitId, column) =>
          navigate(
            `/resultat?enhet=${unitId}&skolform=${c.round.schoolForm}&omgang=${c.round.id}${level === 'areas' ? `&omrade=${encodeURIComponent(column.key)}` : `#indikator-${column.key}`}`,
          )
        }
      />
      <SpreadPlot rows={rows} columns={columns} orgValues={orgValues} />
      <ComparisonTable comparison={c} rows={rows} columns={columns} orgValues={orgValues} />
    </>
  );
}

type Row = { unit: Comparison['units'][number]; cells: Cell[] };

function HeatmapChart({
  rows,
  columns,
  orgValues,
  onOpen,
}: {
  rows: Row[];
  columns: Column[];
  orgValues: (number | null)[];
  onOpen: (unitId: string, column: Column) => void;
}) {
  const option = heatmapOption(rows, columns, orgValues);
  return (
    <section className="section" aria-labelledby="heatmap">
      <h2 id="heatmap">Enheter och {columns.length > 10 ? 'indikatorer' : 'områden'}</h2>
      <Chart
        option={option}
        label="Värmekarta: enheternas medelvärden jämfört med huvudmannens värde"
        patterns={false}
        height={heatmapHeight(rows.length)}
        onClick={(p) => {
          const [x, y] = ((p.data as { value: [number, number] }).value ?? []) as [number, number];
          const row = rows[y];
          const column = columns[x];
          if (row && column) onOpen(row.unit.id, column);
        }}
      />
      <p className="muted">Klicka på en ruta för att öppna enhetens resultat för det området eller den indikatorn.</p>
    </section>
  );
}

function SpreadPlot({ rows, columns, orgValues }: { rows: Row[]; columns: Column[]; orgValues: (number | null)[] }) {
  const points = rows
    .flatMap((row) => row.cells.map((cell, x) => (cell.mean === null ? null : { value: [cell.mean, x], name: row.unit.name, n: cell.n })))
    .filter(Boolean);
  const option: ChartOption = {
    grid: { left: 8, right: 24, top: 32, bottom: 40, containLabel: true },
    legend: { top: 0, data: ['Enhet', 'Huvudmannens värde'] },
    tooltip: {
      formatter: (p) => {
        const d = (p as unknown as { data: { value: [number, number]; name?: string; n?: number } }).data;
        return d.name ? `${d.name}: ${formatMean(d.value[0])} (n = ${d.n})` : `Huvudmannens värde: ${formatMean(d.value[0])}`;
      },
    },
    xAxis: { type: 'value', min: 1, max: 4, name: 'Medelvärde (1–4)', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'category', data: columns.map((c) => c.label), inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
    series: [
      { name: 'Enhet', type: 'scatter', data: points as never, symbolSize: 10, itemStyle: { color: 'rgba(31, 95, 139, 0.55)' } },
      {
        name: 'Huvudmannens värde',
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 16,
        data: orgValues.map((v, x) => (v === null ? null : { value: [v, x] })).filter(Boolean) as never,
        itemStyle: { color: '#b35c00' },
      },
    ],
  };
  return (
    <section className="section" aria-labelledby="spread">
      <h2 id="spread">Spridning mellan enheterna</h2>
      <p className="muted">
        Varje punkt är en enhet; romben är huvudmannens värde. Stor spridning är en fråga att undersöka, inte ett betyg.
      </p>
      <Chart option={option} label="Punktdiagram: enheternas medelvärden per kolumn" height={Math.max(300, columns.length * 34 + 90)} />
    </section>
  );
}

function ComparisonTable({
  comparison,
  rows,
  columns,
  orgValues,
}: {
  comparison: Comparison;
  rows: Row[];
  columns: Column[];
  orgValues: (number | null)[];
}) {
  const table: ExportTable = {
    title: `Jämförelse ${comparison.round.name}`,
    columns: [
      { header: 'Enhet', kind: 'text' },
      ...columns.flatMap((c) => [
        { header: `${c.label}: medel`, kind: 'number' as const },
        { header: `${c.label}: n`, kind: 'integer' as const },
      ]),
    ],
    rows: [
      ['Huvudmannen', ...orgValues.flatMap((v) => [v, null])],
      ...rows.map((r) => [r.unit.name, ...r.cells.flatMap((cell) => [cell.mean, cell.n])]),
    ],
    notes: ['– = visas inte för att skydda de svarandes anonymitet eller för att underlag saknas.', comparison.note],
  };
  return (
    <section className="section" aria-labelledby="compare-table">
      <h2 id="compare-table">Samma siffror i tabellform</h2>
      <details className="table-view">
        <summary>Visa tabellen</summary>
        <TableWrap label="Jämförelse i tabellform">
          <table className="data-table">
            <caption>Medelvärde och antal svar (n) per enhet</caption>
            <thead>
              <tr>
                <th scope="col">Enhet</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="num">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Huvudmannen</th>
                {orgValues.map((v, i) => (
                  <td key={columns[i]?.key} className="num">
                    {formatMean(v)}
                  </td>
                ))}
              </tr>
              {rows.map((r) => (
                <tr key={r.unit.id}>
                  <th scope="row">{r.unit.name}</th>
                  {r.cells.map((cell, i) => (
                    <td key={columns[i]?.key} className="num" title={cell.reason ?? undefined}>
                      {cell.mean === null ? '–' : `${formatMean(cell.mean)} (n = ${cell.n})`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
      <ExportButtons table={table} />
    </section>
  );
}
