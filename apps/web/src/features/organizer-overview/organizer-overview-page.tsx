import type { SchoolForm } from '@kvalitetshjulet/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { FormRoundFilters } from '../../components/form-round-filters.tsx';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { Cell } from '../../components/suppressed-cell.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import type { ExportTable } from '../../lib/export-table.ts';
import { chooseFormAndRound } from '../../lib/form-and-round.ts';
import { formatChange, formatInterval, formatMean, formatPercent } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useUrlFilters } from '../../lib/use-url-filters.ts';

type Navigation = Outputs['resultsNavigation']['options'];
type Overview = Outputs['organizerOverview']['overview'];

const HIDDEN_NOTE = '– = visas inte för att skydda de svarandes anonymitet eller för att underlag saknas.';

/** A link into a unit's results for a school form and round. */
export function unitResultsHref(unitId: string, schoolForm: string, roundId: string, areaKey?: string): string {
  const params = new URLSearchParams({ enhet: unitId, skolform: schoolForm, omgang: roundId });
  if (areaKey) params.set('omrade', areaKey);
  return `/resultat?${params.toString()}`;
}

/** Var behövs stödet mest? The organizer's overview for one school form and round. */
export default function OrganizerOverviewPage() {
  const trpc = useTRPC();
  const { params, update } = useUrlFilters();
  const nav = useQuery(trpc.resultsNavigation.options.queryOptions());
  if (nav.isPending) return <LoadingBlock label="Hämtar omgångarna …" />;
  if (nav.isError) return <QueryError error={nav.error} />;
  const { forms, form, rounds, roundId } = chooseFormAndRound(nav.data.rounds, params.get('skolform'), params.get('omgang'));

  return (
    <div className="results-page">
      <h1>Var behövs stödet mest?</h1>
      <p className="lead">
        Huvudmannens översikt: deltagande, de svagaste områdena och indikatorerna, och var stöd kan göra mest nytta. Självskattningar är
        inte kalibrerade mellan enheter – översikten visar vad som är värt att undersöka, inte en rangordning.
      </p>
      {forms.length === 0 ? (
        <p className="empty">Det finns inga skattningsomgångar som du kan se resultat för.</p>
      ) : (
        <>
          <FormRoundFilters forms={forms} form={form} rounds={rounds} roundId={roundId} onChange={update} />
          <Participation rounds={nav.data.rounds} schoolForm={form} />
          {roundId ? <OverviewRound schoolForm={form} roundId={roundId} /> : <p className="empty">Inga omgångar för skolformen.</p>}
        </>
      )}
    </div>
  );
}

function participationText(submitted: number, eligible: number): string {
  return `${submitted} av ${eligible}${eligible > 0 ? ` (${formatPercent(submitted / eligible)})` : ''}`;
}

/** Submitted of eligible per unit and round of the school form, newest round first. */
function Participation({ rounds, schoolForm }: { rounds: Navigation['rounds']; schoolForm: string }) {
  const formRounds = rounds.filter((r) => r.schoolForm === schoolForm);
  const columns = [...new Map(formRounds.map((r) => [r.roundId, r])).values()];
  const units = [...new Map(formRounds.map((r) => [r.schoolUnitId, r.unitName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
  const cell = (unitId: string, roundId: string) => formRounds.find((r) => r.schoolUnitId === unitId && r.roundId === roundId);
  const table: ExportTable = {
    title: `Deltagande ${schoolFormLabel(schoolForm)}`,
    columns: [
      { header: 'Enhet', kind: 'text' },
      ...columns.flatMap((c) => [
        { header: `${c.name}: inskickade`, kind: 'integer' as const },
        { header: `${c.name}: kan svara`, kind: 'integer' as const },
        { header: `${c.name}: andel`, kind: 'percent' as const },
      ]),
    ],
    rows: units.map(([id, name]) => [
      name,
      ...columns.flatMap((c) => {
        const p = cell(id, c.roundId);
        return p ? [p.submitted, p.eligible, p.eligible > 0 ? p.submitted / p.eligible : null] : [null, null, null];
      }),
    ]),
    notes: ['– = enheten deltar inte i omgången.'],
  };
  return (
    <section className="section" aria-labelledby="participation">
      <h2 id="participation">Deltagande per enhet och omgång</h2>
      <p className="muted">Inskickade skattningar av antalet medarbetare som kan svara i skolformen. Senaste omgången först.</p>
      <TableWrap label="Deltagande per enhet och omgång">
        <table className="data-table">
          <caption className="visually-hidden">Deltagande i {schoolFormLabel(schoolForm)}: inskickade av antalet som kan svara</caption>
          <thead>
            <tr>
              <th scope="col">Enhet</th>
              {columns.map((c) => (
                <th key={c.roundId} scope="col" className="num">
                  {c.name}
                  {c.state === 'open' ? ' (pågår)' : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {units.map(([id, name]) => (
              <tr key={id}>
                <th scope="row">{name}</th>
                {columns.map((c) => {
                  const p = cell(id, c.roundId);
                  return (
                    <td key={c.roundId} className="num">
                      {p ? participationText(p.submitted, p.eligible) : '–'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ExportButtons table={table} />
    </section>
  );
}

function OverviewRound({ schoolForm, roundId }: { schoolForm: string; roundId: string }) {
  const trpc = useTRPC();
  const result = useQuery(trpc.organizerOverview.overview.queryOptions({ schoolForm: schoolForm as SchoolForm, roundId }));
  if (result.isPending) return <LoadingBlock label="Hämtar översikten …" />;
  if (result.isError) return <QueryError error={result.error} />;
  const o = result.data;
  return (
    <>
      <p className="participation">
        <strong>{o.round.name}</strong> · {o.units.length} enheter
        {o.round.state === 'open' ? ' · Omgången pågår, siffrorna kan ändras.' : ''}
      </p>
      <p className="muted">Resultat för grupper med färre än {o.threshold} svar visas inte (–), för att skydda de svarandes anonymitet.</p>
      <Needs overview={o} />
      <WeakAreas overview={o} />
      <WeakIndicators overview={o} />
    </>
  );
}

/** Where support would matter most: units with their reasons in words, as an unnumbered list. */
function Needs({ overview: o }: { overview: Overview }) {
  const table: ExportTable = {
    title: `Var stödet kan göra mest nytta ${o.round.name}`,
    columns: [
      { header: 'Enhet', kind: 'text' },
      { header: 'Område', kind: 'text' },
      { header: 'Skäl', kind: 'text' },
    ],
    rows: o.needs.flatMap((u) => u.areas.map((a) => [u.unitName, a.areaTitle, a.signals.map((s) => s.reason).join('. ')])),
    notes: [o.note, 'Underlaget är självskattningar. Se metodbeskrivningen för hur behoven bedöms.'],
  };
  return (
    <section className="section" aria-labelledby="needs">
      <h2 id="needs">Var stödet kan göra mest nytta</h2>
      <p className="muted">
        Enheter och områden där nivån är tydligt lägre än {o.organizerLabel} eller där resultatet har sjunkit tydligt sedan förra omgången.
        Oenighet bland medarbetarna nämns när den finns i samma område. Skälen står i ord; listan är inte en rangordning.
      </p>
      <p className="notice">{o.note}</p>
      {o.needs.length === 0 ? (
        <p className="empty">Inget område sticker ut tydligt i den här omgången.</p>
      ) : (
        <ul className="needs-list">
          {o.needs.map((u) => (
            <li key={u.unitId} className="needs-list__unit">
              <h3>
                <Link to={unitResultsHref(u.unitId, o.round.schoolForm, o.round.id)}>{u.unitName}</Link>
              </h3>
              <ul>
                {u.areas.map((a) => (
                  <li key={a.areaKey}>
                    <Link to={unitResultsHref(u.unitId, o.round.schoolForm, o.round.id, a.areaKey)}>
                      {a.areaTitle}
                      <span className="visually-hidden"> på {u.unitName}</span>
                    </Link>
                    : {a.signals.map((s) => s.reason).join('. ')}.
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <ExportButtons table={table} />
    </section>
  );
}

/** The organizer's areas, weakest first, with n, interval and change. */
function WeakAreas({ overview: o }: { overview: Overview }) {
  const table: ExportTable = {
    title: `Områden svagast först ${o.round.name}`,
    columns: [
      { header: 'Område', kind: 'text' },
      { header: 'Svar (n)', kind: 'integer' },
      { header: 'Medelvärde', kind: 'number' },
      { header: '95 % intervall, nedre', kind: 'number' },
      { header: '95 % intervall, övre', kind: 'number' },
      { header: 'Förändring', kind: 'number' },
    ],
    rows: o.areas.map((a) => {
      const f = a.figures.suppressed ? null : a.figures.value;
      return [
        a.title,
        f?.effectiveN ?? null,
        f?.mean ?? null,
        f?.meanInterval?.lower ?? null,
        f?.meanInterval?.upper ?? null,
        a.change && !a.change.suppressed ? a.change.value.difference : null,
      ];
    }),
    notes: [HIDDEN_NOTE, 'n för ett område är det största antalet svar på någon av dess indikatorer.'],
  };
  return (
    <section className="section" aria-labelledby="weak-areas">
      <h2 id="weak-areas">Svagaste områdena hos huvudmannen</h2>
      <p className="muted">
        Huvudmannens medelvärde per område på skalan 1–4, lägst först, med antal svar (n), 95 % konfidensintervall och förändring sedan
        förra omgången{o.previousRound ? ` (${o.previousRound.name})` : ''}. Ett områdes n är det största antalet svar på någon av dess
        indikatorer (ungefär antalet svarande).
      </p>
      <TableWrap label="Områden, svagast först">
        <table className="data-table">
          <caption className="visually-hidden">Huvudmannens områden, lägst medelvärde först</caption>
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
                Förändring
              </th>
            </tr>
          </thead>
          <tbody>
            {o.areas.map((a) => (
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
                <td className="num">{a.change === null ? '–' : <Cell figures={a.change} render={(v) => formatChange(v.difference)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ExportButtons table={table} />
    </section>
  );
}

/** The weakest indicators and the units clearly below the organizer on each. */
function WeakIndicators({ overview: o }: { overview: Overview }) {
  const areaTitles = new Map(o.areas.map((a) => [a.key, a.title]));
  const table: ExportTable = {
    title: `Svagaste indikatorerna ${o.round.name}`,
    columns: [
      { header: 'Område', kind: 'text' },
      { header: 'Indikator', kind: 'text' },
      { header: 'Huvudmannen: n', kind: 'integer' },
      { header: 'Huvudmannen: medelvärde', kind: 'number' },
      { header: 'Enhet tydligt under', kind: 'text' },
      { header: 'Enhetens medelvärde', kind: 'number' },
      { header: 'Enhetens n', kind: 'integer' },
    ],
    rows: o.weakIndicators.flatMap((w) => {
      const f = w.figures.suppressed ? null : w.figures.value;
      const head = [areaTitles.get(w.areaKey) ?? w.areaKey, w.statement, f?.n ?? null, f?.mean ?? null];
      return w.unitsBelow.length === 0 ? [[...head, 'Ingen', null, null]] : w.unitsBelow.map((u) => [...head, u.name, u.mean, u.n]);
    }),
    notes: [HIDDEN_NOTE, o.note],
  };
  return (
    <section className="section" aria-labelledby="weak-indicators">
      <h2 id="weak-indicators">Svagaste indikatorerna och var de är lägst</h2>
      <p className="muted">
        De {o.weakIndicators.length} indikatorer där huvudmannens medelvärde är lägst, och de enheter som ligger tydligt under huvudmannens
        värde (både en praktisk skillnad och en statistisk marginal).
      </p>
      <TableWrap label="Svagaste indikatorerna">
        <table className="data-table">
          <caption className="visually-hidden">Svagaste indikatorerna med huvudmannens värde och enheterna tydligt under</caption>
          <thead>
            <tr>
              <th scope="col">Indikator</th>
              <th scope="col" className="num">
                n
              </th>
              <th scope="col" className="num">
                Medelvärde (95 % intervall)
              </th>
              <th scope="col">Enheter tydligt under</th>
            </tr>
          </thead>
          <tbody>
            {o.weakIndicators.map((w) => (
              <tr key={w.key}>
                <th scope="row">
                  {w.statement}
                  <span className="muted block-note">{areaTitles.get(w.areaKey)}</span>
                </th>
                <td className="num">
                  <Cell figures={w.figures} render={(v) => String(v.n)} />
                </td>
                <td className="num">
                  <Cell figures={w.figures} render={(v) => `${formatMean(v.mean)} (${formatInterval(v.meanInterval)})`} />
                </td>
                <td>
                  {w.unitsBelow.length === 0 ? (
                    <span className="muted">Ingen enhet ligger tydligt under.</span>
                  ) : (
                    <ul className="plain-list">
                      {w.unitsBelow.map((u) => (
                        <li key={u.id}>
                          <Link to={`${unitResultsHref(u.id, o.round.schoolForm, o.round.id)}#indikator-${w.key}`}>{u.name}</Link>{' '}
                          {formatMean(u.mean)} (n = {u.n})
                        </li>
                      ))}
                    </ul>
                  )}
                  {w.hiddenUnits.count > 0 && (
                    <p className="muted small-note" title={w.hiddenUnits.explanations.join(' ')}>
                      – för {w.hiddenUnits.count} {w.hiddenUnits.count === 1 ? 'enhet' : 'enheter'}: {w.hiddenUnits.explanations.join(' ')}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ExportButtons table={table} />
    </section>
  );
}
