import type { SchoolForm } from '@kvalitetshjulet/domain';
import { useQuery } from '@tanstack/react-query';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { Cell } from '../../components/suppressed-cell.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import type { ExportTable } from '../../lib/export-table.ts';
import { formatInterval, formatMean, formatPercent } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useUrlFilters } from '../../lib/use-url-filters.ts';

type Trend = Outputs['results']['trend'];
type Point = Trend['areas'][number]['points'][number];

/** Hur har det utvecklats? An area or indicator round by round, for the organizer, a unit or a team. */
export default function TrendsPage() {
  const trpc = useTRPC();
  const { params, update } = useUrlFilters();
  const nav = useQuery(trpc.resultsNavigation.options.queryOptions());
  if (nav.isPending) return <LoadingBlock label="Hämtar dina enheter …" />;
  if (nav.isError) return <QueryError error={nav.error} />;
  const { units, rounds, canCompare } = nav.data;
  const asked = params.get('enhet');
  const unitId = asked && units.some((u) => u.id === asked) ? asked : canCompare ? null : (units[0]?.id ?? null);
  const formRounds = rounds.filter((r) => unitId === null || r.schoolUnitId === unitId);
  // The school form with the most staff first (grundskola before anpassad grundskola).
  const staffByForm = new Map<string, number>();
  for (const r of formRounds) staffByForm.set(r.schoolForm, (staffByForm.get(r.schoolForm) ?? 0) + r.eligible);
  const forms = [...staffByForm.keys()].sort((a, b) => (staffByForm.get(b) ?? 0) - (staffByForm.get(a) ?? 0));
  const form = forms.includes(params.get('skolform') ?? '') ? (params.get('skolform') as string) : (forms[0] ?? null);
  const latestRound = formRounds.find((r) => r.schoolForm === form && r.schoolUnitId === unitId)?.roundId ?? null;

  return (
    <div className="results-page">
      <h1>Hur har det utvecklats?</h1>
      <p className="lead">
        Ett område eller en indikator omgång för omgång, för huvudmannen, en enhet eller ett arbetslag – med antal svar och osäkerhet.
      </p>
      {units.length === 0 && !canCompare ? (
        <p className="empty">Du har inga enheter vars resultat du kan se.</p>
      ) : (
        <>
          <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
            <label className="field">
              <span className="field-label">Enhet</span>
              <select
                value={unitId ?? ''}
                onChange={(e) => {
                  // Keep the school form (and the chosen area or indicator) when the new unit has it.
                  const next = e.target.value || null;
                  const keeps = rounds.some((r) => r.schoolForm === form && (next === null || r.schoolUnitId === next));
                  update({
                    enhet: next,
                    arbetslag: null,
                    skolform: keeps ? form : null,
                    ...(keeps ? {} : { omrade: null, indikator: null }),
                  });
                }}
              >
                {canCompare && <option value="">Huvudmannen (alla enheter)</option>}
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Skolform</span>
              <select
                value={form ?? ''}
                onChange={(e) => update({ skolform: e.target.value, arbetslag: null, omrade: null, indikator: null })}
              >
                {forms.map((f) => (
                  <option key={f} value={f}>
                    {schoolFormLabel(f)}
                  </option>
                ))}
              </select>
            </label>
            {unitId && latestRound && <TeamSelect unitId={unitId} roundId={latestRound} value={params.get('arbetslag')} update={update} />}
          </form>
          {form ? (
            <TrendView
              schoolForm={form}
              unitId={unitId}
              teamId={unitId ? params.get('arbetslag') : null}
              areaKey={params.get('omrade')}
              indicatorKey={params.get('indikator')}
              update={update}
            />
          ) : (
            <p className="empty">Det finns inga skattningsomgångar att visa.</p>
          )}
        </>
      )}
    </div>
  );
}

/** The unit's teams (from its latest round). */
function TeamSelect({
  unitId,
  roundId,
  value,
  update,
}: {
  unitId: string;
  roundId: string;
  value: string | null;
  update: (changes: Record<string, string | null>) => void;
}) {
  const trpc = useTRPC();
  const unit = useQuery(trpc.results.unit.queryOptions({ roundId, schoolUnitId: unitId }));
  const teams = unit.data?.teams ?? [];
  return (
    <label className="field">
      <span className="field-label">Arbetslag</span>
      <select value={value ?? ''} onChange={(e) => update({ arbetslag: e.target.value || null })} disabled={unit.isPending}>
        <option value="">Hela enheten</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function TrendView({
  schoolForm,
  unitId,
  teamId,
  areaKey,
  indicatorKey,
  update,
}: {
  schoolForm: string;
  unitId: string | null;
  teamId: string | null;
  areaKey: string | null;
  indicatorKey: string | null;
  update: (changes: Record<string, string | null>) => void;
}) {
  const trpc = useTRPC();
  const trend = useQuery(
    trpc.results.trend.queryOptions({
      schoolForm: schoolForm as SchoolForm,
      ...(unitId ? { schoolUnitId: unitId } : {}),
      ...(teamId ? { teamId } : {}),
    }),
  );
  if (trend.isPending) return <LoadingBlock label="Hämtar utvecklingen …" />;
  if (trend.isError) return <QueryError error={trend.error} />;
  const t = trend.data;
  const indicator = indicatorKey ? t.indicators.find((i) => i.key === indicatorKey) : undefined;
  const area = indicator ? undefined : (t.areas.find((a) => a.key === areaKey) ?? t.areas[0]);
  const series = indicator
    ? { kind: 'indikator' as const, key: indicator.key, title: indicator.statement, points: indicator.points }
    : area
      ? { kind: 'område' as const, key: area.key, title: area.title, points: area.points }
      : null;
  const selectValue = series ? `${series.kind === 'indikator' ? 'i' : 'a'}:${series.key}` : '';
  const groupName = t.group.kind === 'organizer' ? `${t.group.name} (huvudmannen)` : t.group.name;

  return (
    <>
      <div className="filters filters--second">
        <label className="field field--wide">
          <span className="field-label">Område eller indikator</span>
          <select
            value={selectValue}
            onChange={(e) => {
              const [kind, key] = [e.target.value.slice(0, 1), e.target.value.slice(2)];
              update(kind === 'i' ? { indikator: key, omrade: null } : { omrade: key, indikator: null });
            }}
          >
            <optgroup label="Områden">
              {t.areas.map((a) => (
                <option key={a.key} value={`a:${a.key}`}>
                  {a.title}
                </option>
              ))}
            </optgroup>
            {t.areas.map((a) => (
              <optgroup key={a.key} label={`Indikatorer i ${a.title}`}>
                {t.indicators
                  .filter((i) => i.areaKey === a.key)
                  .map((i) => (
                    <option key={i.key} value={`i:${i.key}`}>
                      {i.statement}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      {series && t.rounds.length > 0 ? (
        <TrendFigures trend={t} groupName={groupName} title={series.title} kind={series.kind} points={series.points} />
      ) : (
        <p className="empty">Det finns inga omgångar att visa ännu.</p>
      )}
    </>
  );
}

function TrendFigures({
  trend,
  groupName,
  title,
  kind,
  points,
}: {
  trend: Trend;
  groupName: string;
  title: string;
  kind: 'område' | 'indikator';
  points: Point[];
}) {
  const rounds = trend.rounds;
  const names = rounds.map((r) => (r.state === 'open' ? `${r.name} (pågår)` : r.name));
  const shown = points.map((p) => (p.figures.suppressed ? null : p.figures.value));
  const versionChanges = rounds
    .map((r, i) => ({ index: i, round: r, changed: i > 0 && r.questionnaireVersion !== rounds[i - 1]?.questionnaireVersion }))
    .filter((x) => x.changed);
  const option: ChartOption = {
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Medelvärde', '95 % konfidensintervall'] },
    tooltip: {
      trigger: 'axis',
      formatter: (raw) => {
        const p = (Array.isArray(raw) ? raw[0] : raw) as { dataIndex: number };
        const f = shown[p.dataIndex];
        const name = names[p.dataIndex] ?? '';
        return f
          ? `${name}<br/>Medelvärde ${formatMean(f.mean)} (n = ${f.n})<br/>95 % intervall ${formatInterval(f.meanInterval)}`
          : `${name}<br/>– visas inte`;
      },
    },
    xAxis: { type: 'category', data: names, boundaryGap: true },
    yAxis: { type: 'value', min: 1, max: 4, interval: 1, name: 'Medelvärde (1–4)', nameLocation: 'middle', nameGap: 32 },
    series: [
      {
        name: 'Medelvärde',
        type: 'line',
        data: shown.map((f) => f?.mean ?? null),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 10,
        lineStyle: { color: '#1f5f8b', width: 2 },
        itemStyle: { color: '#1f5f8b' },
        label: { show: true, position: 'right', formatter: (p) => formatMean(p.value as number | null), color: '#1c2530' },
        markLine:
          versionChanges.length > 0
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed', color: '#b35c00', width: 2 },
                label: { formatter: 'Ny formulärversion', color: '#1c2530', position: 'insideEndTop' },
                data: versionChanges.map((v) => ({ xAxis: v.index - 0.5 })),
              }
            : undefined,
      },
      {
        name: '95 % konfidensintervall',
        type: 'custom',
        z: 10,
        itemStyle: { color: '#1c2530' },
        renderItem: (_params, api) => {
          const index = api.value(0) as number;
          const interval = shown[index]?.meanInterval;
          if (!interval) return null;
          const low = api.coord([index, interval.lower]) as number[];
          const high = api.coord([index, interval.upper]) as number[];
          const x = low[0] ?? 0;
          const style = { stroke: '#1c2530', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: x, y1: low[1], x2: x, y2: high[1] }, style },
              { type: 'line', shape: { x1: x - 6, y1: low[1], x2: x + 6, y2: low[1] }, style },
              { type: 'line', shape: { x1: x - 6, y1: high[1], x2: x + 6, y2: high[1] }, style },
            ],
          };
        },
        data: rounds.map((_r, i) => [i]),
        encode: { x: 0 },
        tooltip: { show: false },
      },
    ],
  };

  const table: ExportTable = {
    title: `Utveckling ${groupName} ${title}`.slice(0, 120),
    columns: [
      { header: 'Omgång', kind: 'text' },
      { header: 'Formulärversion', kind: 'integer' },
      { header: 'Svar (n)', kind: 'integer' },
      { header: 'Medelvärde', kind: 'number' },
      { header: '95 % intervall, nedre', kind: 'number' },
      { header: '95 % intervall, övre', kind: 'number' },
      { header: 'Index 0–10', kind: 'number' },
      { header: 'Andel 3–4', kind: 'percent' },
    ],
    rows: rounds.map((r, i) => {
      const f = shown[i];
      return [
        names[i] ?? r.name,
        r.questionnaireVersion,
        f?.n ?? null,
        f?.mean ?? null,
        f?.meanInterval?.lower ?? null,
        f?.meanInterval?.upper ?? null,
        f?.index ?? null,
        f?.shareAtLeast3 ?? null,
      ];
    }),
    notes: [
      '– = visas inte för att skydda de svarandes anonymitet eller för att underlag saknas.',
      'Indikatorer jämförs mellan formulärversioner med samma indikatornyckel.',
    ],
  };

  return (
    <section className="section" aria-labelledby="trend-heading">
      <h2 id="trend-heading">
        {groupName}: {title}
      </h2>
      <p className="muted">
        Medelvärde per omgång på skalan 1–4 med 95 % konfidensintervall (de lodräta strecken) och antal svar (n).
        {kind === 'område' ? ' Områdets n är antalet svar sammanlagt över dess indikatorer, som på enhetens resultatsida.' : ''}
        {versionChanges.length > 0
          ? ` Den streckade linjen visar var frågeformuläret fick en ny version (${versionChanges.map((v) => v.round.name).join(', ')}); jämför med försiktighet över den.`
          : ''}
      </p>
      <Chart option={option} label={`Linjediagram: ${title}, medelvärde per omgång för ${groupName}`} height={340} patterns={false} />
      <TableWrap label="Utvecklingen i tabellform">
        <table className="data-table">
          <caption>Samma siffror i tabellform</caption>
          <thead>
            <tr>
              <th scope="col">Omgång</th>
              <th scope="col" className="num">
                Formulärversion
              </th>
              <th scope="col" className="num">
                n
              </th>
              <th scope="col" className="num">
                Medelvärde
              </th>
              <th scope="col" className="num">
                95 % intervall
              </th>
              <th scope="col" className="num">
                Andel 3–4
              </th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r, i) => {
              const p = points[i];
              const figures = p ? p.figures : null;
              return (
                <tr key={r.id}>
                  <th scope="row">{names[i]}</th>
                  <td className="num">
                    {r.questionnaireVersion}
                    {versionChanges.some((v) => v.index === i) ? ' (ny)' : ''}
                  </td>
                  <td className="num">
                    <Cell figures={figures} render={(v) => String(v.n)} />
                  </td>
                  <td className="num">
                    <Cell figures={figures} render={(v) => formatMean(v.mean)} />
                  </td>
                  <td className="num">
                    <Cell figures={figures} render={(v) => formatInterval(v.meanInterval)} />
                  </td>
                  <td className="num">
                    <Cell figures={figures} render={(v) => (v.shareAtLeast3 === null ? '–' : formatPercent(v.shareAtLeast3))} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <ExportButtons table={table} />
    </section>
  );
}
