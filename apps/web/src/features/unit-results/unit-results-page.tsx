import { useQuery } from '@tanstack/react-query';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { OutcomeMeasuresPanel } from '../../components/outcome-measures-panel.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TakeIntoAnalysisButton } from '../../components/take-into-analysis-button.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import { formatPercent } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { FindingsPanel } from './findings-panel.tsx';
import { AreaProfile, IndicatorTable } from './group-figures.tsx';
import { useResultsParams } from './use-results-params.ts';

/** Hur ligger vi till? The rektor's default view: the own unit, round by round. */
export default function UnitResultsPage() {
  const trpc = useTRPC();
  const params = useResultsParams();
  const nav = useQuery(trpc.resultsNavigation.options.queryOptions());
  if (nav.isPending) return <LoadingBlock label="Hämtar dina enheter …" />;
  if (nav.isError) return <QueryError error={nav.error} />;
  const { units, rounds } = nav.data;
  if (units.length === 0) {
    return (
      <div>
        <h1>Hur ligger vi till?</h1>
        <p className="lead">Du har inga enheter vars resultat du kan se.</p>
      </div>
    );
  }
  const unitId =
    params.get('unit') && units.some((u) => u.id === params.get('unit')) ? (params.get('unit') as string) : (units[0]?.id as string);
  const unit = units.find((u) => u.id === unitId);
  const unitRounds = rounds.filter((r) => r.schoolUnitId === unitId);
  // The school form with the most staff first: for an F–6 school, grundskola.
  const staffByForm = new Map<string, number>();
  for (const r of unitRounds) staffByForm.set(r.schoolForm, Math.max(staffByForm.get(r.schoolForm) ?? 0, r.eligible));
  const forms = [...staffByForm.keys()].sort((a, b) => (staffByForm.get(b) ?? 0) - (staffByForm.get(a) ?? 0));
  const form = params.get('form') && forms.includes(params.get('form') as string) ? (params.get('form') as string) : (forms[0] ?? null);
  const formRounds = unitRounds.filter((r) => r.schoolForm === form);
  const roundId =
    params.get('round') && formRounds.some((r) => r.roundId === params.get('round'))
      ? (params.get('round') as string)
      : (formRounds.find((r) => r.state === 'closed')?.roundId ?? formRounds[0]?.roundId ?? null);

  return (
    <div className="results-page">
      <h1>Hur ligger vi till?</h1>
      <p className="lead">
        {unit?.name}: självskattningen per område och indikator, med antal svar och osäkerhet. Jämför först med er själva över tid.
      </p>
      <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
        {units.length > 1 && (
          <label className="field">
            <span className="field-label">Enhet</span>
            <select value={unitId} onChange={(e) => params.set({ unit: e.target.value, form: null, round: null, team: null })}>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field-label">Skolform</span>
          <select value={form ?? ''} onChange={(e) => params.set({ form: e.target.value, round: null, team: null })}>
            {forms.map((f) => (
              <option key={f} value={f}>
                {schoolFormLabel(f)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Omgång</span>
          <select value={roundId ?? ''} onChange={(e) => params.set({ round: e.target.value, team: null })}>
            {formRounds.map((r) => (
              <option key={r.roundId} value={r.roundId}>
                {r.name}
                {r.state === 'open' ? ' (pågår)' : ''}
              </option>
            ))}
          </select>
        </label>
      </form>
      {roundId ? (
        <UnitRound unitId={unitId} roundId={roundId} canAnalyse={nav.data.canCompare} />
      ) : (
        <p className="empty">Enheten har inga skattningsomgångar ännu.</p>
      )}
    </div>
  );
}

function UnitRound({ unitId, roundId, canAnalyse }: { unitId: string; roundId: string; canAnalyse: boolean }) {
  const trpc = useTRPC();
  const params = useResultsParams();
  const result = useQuery(trpc.results.unit.queryOptions({ roundId, schoolUnitId: unitId }));
  const teamId = params.get('team');
  const team = useQuery(trpc.results.team.queryOptions({ roundId, teamId: teamId ?? '' }, { enabled: Boolean(teamId) }));
  // The team's agreed rating beside the individual figures, for those who may see it (rektor, organizer level, team lead).
  const consensus = useQuery(
    trpc.consensus.view.queryOptions({ roundId, teamId: teamId ?? '' }, { enabled: Boolean(teamId), retry: false }),
  );
  const groupRatings =
    teamId && consensus.data
      ? Object.fromEntries(
          consensus.data.areas.flatMap((a) =>
            a.indicators.filter((i) => i.groupRating).map((i) => [i.key, i.groupRating?.value as number | 'vet-ej']),
          ),
        )
      : undefined;
  if (result.isPending) return <LoadingBlock label="Hämtar resultaten …" />;
  if (result.isError) return <QueryError error={result.error} />;
  const r = result.data;
  const areaKey = params.get('area');
  const statements = new Map(r.unit.indicators.map((i) => [i.key, i.statement]));
  const { submitted, eligible } = r.unit.participation;
  const group = teamId && team.data ? team.data.team : r.unit;
  const findings = teamId && team.data ? team.data.findings : r.findings;
  const comments =
    teamId && team.data ? team.data.comments.map((c) => ({ areaKey: c.areaKey, areaTitle: c.areaTitle, unit: c.comments })) : r.comments;

  return (
    <>
      <div className="filters filters--second">
        <label className="field">
          <span className="field-label">Område</span>
          <select value={areaKey ?? ''} onChange={(e) => params.set({ area: e.target.value || null })}>
            <option value="">Alla områden</option>
            {r.unit.areas.map((a) => (
              <option key={a.key} value={a.key}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Arbetslag</span>
          <select value={teamId ?? ''} onChange={(e) => params.set({ team: e.target.value || null })}>
            <option value="">Hela enheten</option>
            {r.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--quiet" onClick={() => window.print()}>
          Skriv ut eller spara som PDF
        </button>
      </div>
      <p className="participation">
        <strong>
          {r.round.name}
          {teamId && team.data ? ` · ${team.data.team.name}` : ''}
        </strong>{' '}
        · Svar {submitted} av {eligible}
        {eligible > 0 ? ` (${formatPercent(submitted / eligible)})` : ''}
        {r.round.state === 'open' ? ' · Omgången pågår, siffrorna kan ändras.' : ''}
      </p>
      <p className="muted print-note">
        Resultat för grupper med färre än {r.threshold} svar visas inte (–), för att skydda de svarandes anonymitet.
      </p>
      {teamId && team.isPending && <LoadingBlock label="Hämtar arbetslagets resultat …" />}
      {teamId && team.isError && <QueryError error={team.error} />}
      <AreaProfile group={group} roundName={r.round.name} previousRoundName={r.previousRound?.name ?? null} />
      <FindingsPanel
        findings={findings}
        statements={statements}
        action={
          canAnalyse && !teamId
            ? (f) => (
                <TakeIntoAnalysisButton
                  roundId={roundId}
                  schoolUnitId={unitId}
                  finding={f}
                  statement={statements.get(f.indicatorKey)}
                  analysisHref={`/kvalitetsarbete/${roundId}/${unitId}`}
                />
              )
            : undefined
        }
      />
      <IndicatorTable group={group} scale={r.scale} roundName={r.round.name} areaKey={areaKey} groupRatings={groupRatings} />
      <OutcomeMeasuresPanel
        roundId={roundId}
        unitId={unitId}
        areaKey={areaKey}
        areaTitles={new Map(r.unit.areas.map((a) => [a.key, a.title]))}
      />
      <section className="section" aria-labelledby="comments">
        <h2 id="comments">Kommentarer</h2>
        {comments
          .filter((c) => !areaKey || c.areaKey === areaKey)
          .map((c) => (
            <div key={c.areaKey} className="comment-area">
              <h3>{c.areaTitle}</h3>
              {!c.unit.suppressed ? (
                c.unit.comments.length > 0 ? (
                  <ul className="comments">
                    {c.unit.comments.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="empty">Inga kommentarer.</p>
                )
              ) : (
                <p className="muted">– {c.unit.explanation}</p>
              )}
            </div>
          ))}
      </section>
    </>
  );
}
