import { Chart, type ChartOption } from '../../components/chart.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { Cell } from '../../components/suppressed-cell.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import type { ExportTable } from '../../lib/export-table.ts';
import { formatChange, formatInterval, formatMean, formatPercent } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';

type Group = Outputs['results']['team']['team'];
type Scale = Outputs['results']['unit']['scale'];
type Change = Group['areas'][number]['change'];

const STEP_COLORS = ['#d6e6f2', '#8fb8d6', '#336c98', '#174a70'];

function changeText(change: Change): string {
  if (!change) return '–';
  if (change.suppressed) return '–';
  return formatChange(change.value.difference);
}

/** The area profile: mean with its 95 % interval per area, now and in the previous round. */
export function AreaProfile({
  group,
  previousRoundName,
  roundName,
}: {
  group: Group;
  roundName: string;
  previousRoundName: string | null;
}) {
  const areas = group.areas;
  const labels = areas.map((a) => (a.figures.suppressed ? `${a.title} (–)` : a.title));
  const means = areas.map((a) => (a.figures.suppressed ? null : a.figures.value.mean));
  const intervals = areas.map((a) => (a.figures.suppressed ? null : a.figures.value.meanInterval));
  const previous = areas.map((a) => (a.change && !a.change.suppressed ? a.change.value.previousMean : null));
  const option: ChartOption = {
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: [roundName, ...(previousRoundName ? [previousRoundName] : [])] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatMean(v) : '–') },
    xAxis: { type: 'value', min: 1, max: 4, interval: 1, name: 'Medelvärde (1–4)', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 190, overflow: 'break' } },
    series: [
      {
        name: roundName,
        type: 'bar',
        data: means,
        itemStyle: { color: '#1f5f8b' },
        barMaxWidth: 18,
        label: {
          show: true,
          position: 'insideRight',
          color: '#ffffff',
          fontWeight: 'bold',
          formatter: (p) => formatMean(p.value as number | null),
        },
      },
      ...(previousRoundName
        ? [{ name: previousRoundName, type: 'bar' as const, data: previous, itemStyle: { color: '#9fc3dd' }, barMaxWidth: 12 }]
        : []),
      {
        name: '95 % konfidensintervall',
        type: 'custom',
        z: 10,
        renderItem: (_params, api) => {
          const index = api.value(0) as number;
          const interval = intervals[index];
          if (!interval) return null;
          const low = api.coord([interval.lower, index]) as number[];
          const high = api.coord([interval.upper, index]) as number[];
          const offset = previousRoundName ? -4 : 0;
          const y = (low[1] ?? 0) + offset;
          const style = { stroke: '#1c2530', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: low[0], y1: y, x2: high[0], y2: y }, style },
              { type: 'line', shape: { x1: low[0], y1: y - 5, x2: low[0], y2: y + 5 }, style },
              { type: 'line', shape: { x1: high[0], y1: y - 5, x2: high[0], y2: y + 5 }, style },
            ],
          };
        },
        data: areas.map((_a, i) => [i]),
        encode: { y: 0 },
        tooltip: { show: false },
      },
    ],
  };

  const table: ExportTable = {
    title: `Områden ${group.name} ${roundName}`,
    columns: [
      { header: 'Område', kind: 'text' },
      { header: 'Svarande (n)', kind: 'integer' },
      { header: 'Medelvärde', kind: 'number' },
      { header: '95 % intervall, nedre', kind: 'number' },
      { header: '95 % intervall, övre', kind: 'number' },
      { header: 'Index 0–10', kind: 'number' },
      { header: 'Andel 3–4', kind: 'percent' },
      { header: 'Förändring', kind: 'number' },
    ],
    rows: areas.map((a) => {
      const f = a.figures.suppressed ? null : a.figures.value;
      const c = a.change && !a.change.suppressed ? a.change.value.difference : null;
      return [
        a.title,
        f?.effectiveN ?? null,
        f?.mean ?? null,
        f?.meanInterval?.lower ?? null,
        f?.meanInterval?.upper ?? null,
        f?.index ?? null,
        f?.shareAtLeast3 ?? null,
        c,
      ];
    }),
    notes: ['– = visas inte för att skydda de svarandes anonymitet eller för att underlag saknas.'],
  };

  return (
    <section className="section" aria-labelledby="area-profile">
      <h2 id="area-profile">Områdesprofil</h2>
      <p className="muted">
        Medelvärde per område på skalan 1–4 med 95 % konfidensintervall{previousRoundName ? ', jämfört med förra omgången' : ''}.
      </p>
      <Chart option={option} label={`Områdesprofil för ${group.name}: medelvärde per område`} height={Math.max(260, areas.length * 52)} />
      <details className="table-view">
        <summary>Visa som tabell</summary>
        <TableWrap label="Områden i tabellform">
          <table className="data-table">
            <caption>Områden: medelvärde, intervall, index och förändring</caption>
            <thead>
              <tr>
                <th scope="col">Område</th>
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
                  Index 0–10
                </th>
                <th scope="col" className="num">
                  Förändring
                </th>
              </tr>
            </thead>
            <tbody>
              {areas.map((a) => (
                <tr key={a.key}>
                  <th scope="row">{a.title}</th>
                  <td className="num">
                    <Cell figures={a.figures} render={(v) => String(v.effectiveN)} />
                  </td>
                  <td className="num">
                    <Cell figures={a.figures} render={(v) => formatMean(v.mean)} />
                  </td>
                  <td className="num">
                    <Cell figures={a.figures} render={(v) => formatInterval(v.meanInterval)} />
                  </td>
                  <td className="num">
                    <Cell figures={a.figures} render={(v) => formatMean(v.index)} />
                  </td>
                  <td className="num">{changeText(a.change)}</td>
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

/** Per indicator: the distribution over the steps, n, "vet ej", mean and change. */
export function IndicatorTable({
  group,
  scale,
  roundName,
  areaKey,
  groupRatings,
}: {
  group: Group;
  scale: Scale;
  roundName: string;
  areaKey: string | null;
  groupRatings?: Record<string, number | 'vet-ej'>;
}) {
  const areas = group.areas.filter((a) => !areaKey || a.key === areaKey);
  const table: ExportTable = {
    title: `Indikatorer ${group.name} ${roundName}`,
    columns: [
      { header: 'Område', kind: 'text' },
      { header: 'Indikator', kind: 'text' },
      { header: 'Svar (n)', kind: 'integer' },
      { header: 'Vet ej', kind: 'integer' },
      ...scale.steps.map((s) => ({ header: `Andel ${s.value} ${s.label}`, kind: 'percent' as const })),
      { header: 'Medelvärde', kind: 'number' },
      { header: 'Andel 3–4', kind: 'percent' },
      { header: 'Förändring', kind: 'number' },
    ],
    rows: areas.flatMap((a) =>
      group.indicators
        .filter((i) => i.areaKey === a.key)
        .map((i) => {
          const f = i.figures.suppressed ? null : i.figures.value;
          return [
            a.title,
            i.statement,
            f?.n ?? null,
            f?.dontKnow ?? null,
            ...scale.steps.map((_s, k) => f?.distribution[k] ?? null),
            f?.mean ?? null,
            f?.shareAtLeast3 ?? null,
            i.change && !i.change.suppressed ? i.change.value.difference : null,
          ];
        }),
    ),
    notes: ['– = visas inte för att skydda de svarandes anonymitet eller för att underlag saknas.'],
  };
  return (
    <section className="section" aria-labelledby="indicators">
      <h2 id="indicators">Indikatorer</h2>
      <p className="muted">
        Fördelningen över stegen 1–4 (ljus till mörk), antal svar och medelvärde. ”Vet ej” räknas inte in i medelvärdet.
      </p>
      <ol className="legend" aria-label="Skalans steg">
        {scale.steps.map((s, k) => (
          <li key={s.value}>
            <span className="swatch" style={{ background: STEP_COLORS[k] }} aria-hidden="true" /> {s.value} {s.label}
          </li>
        ))}
      </ol>
      {areas.map((a) => (
        <div key={a.key} className="indicator-area">
          <h3>{a.title}</h3>
          <TableWrap label={`Indikatorer i ${a.title}`}>
            <table className="data-table indicator-table">
              <caption className="visually-hidden">Indikatorer i {a.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Indikator</th>
                  <th scope="col">Fördelning</th>
                  <th scope="col" className="num">
                    n
                  </th>
                  <th scope="col" className="num">
                    Vet ej
                  </th>
                  <th scope="col" className="num">
                    Medel
                  </th>
                  <th scope="col" className="num">
                    Förändring
                  </th>
                  {groupRatings && (
                    <th scope="col" className="num">
                      Gemensam skattning
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {group.indicators
                  .filter((i) => i.areaKey === a.key)
                  .map((i) => (
                    <tr key={i.key} id={`indikator-${i.key}`}>
                      <th scope="row">{i.statement}</th>
                      <td className="distribution-cell">
                        {i.figures.suppressed ? (
                          <Cell figures={i.figures} render={() => ''} />
                        ) : (
                          <span
                            className="stacked"
                            role="img"
                            aria-label={scale.steps
                              .map(
                                (s, k) =>
                                  `${s.value} ${s.label}: ${formatPercent((i.figures.value as { distribution: number[] }).distribution[k] ?? 0)}`,
                              )
                              .join(', ')}
                          >
                            {scale.steps.map((s, k) => {
                              const share = (i.figures.value as { distribution: number[] }).distribution[k] ?? 0;
                              return share > 0 ? (
                                <span
                                  key={s.value}
                                  className={`stacked__part stacked__part--${k + 1}`}
                                  style={{ width: `${share * 100}%` }}
                                >
                                  {share >= 0.12 ? formatPercent(share) : ''}
                                </span>
                              ) : null;
                            })}
                          </span>
                        )}
                      </td>
                      <td className="num">
                        <Cell figures={i.figures} render={(v) => String(v.n)} />
                      </td>
                      <td className="num">
                        <Cell figures={i.figures} render={(v) => String(v.dontKnow)} />
                      </td>
                      <td className="num">
                        <Cell figures={i.figures} render={(v) => formatMean(v.mean)} />
                      </td>
                      <td className="num">{changeText(i.change)}</td>
                      {groupRatings && (
                        <td className="num">
                          {groupRatings[i.key] === undefined
                            ? '–'
                            : groupRatings[i.key] === 'vet-ej'
                              ? 'Vet ej'
                              : String(groupRatings[i.key])}
                        </td>
                      )}
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ))}
      <ExportButtons table={table} />
    </section>
  );
}
