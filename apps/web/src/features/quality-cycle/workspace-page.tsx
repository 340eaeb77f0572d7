import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { AutosaveText } from './autosave-text.tsx';
import { CurrentStateDescriptionSection } from './current-state-description.tsx';
import { FindingsSection } from './findings-section.tsx';
import { FollowUpSection } from './follow-up-section.tsx';
import { OrganizerOverview } from './organizer-overview.tsx';
import { PlanSection } from './plan-section.tsx';
import { PrioritiesSection } from './priorities-section.tsx';
import { reportPath, roundLabel, scopeFromParams } from './scope.ts';

/** Vart ska vi? Hur gör vi? Hur blev det? One unit's (or the organizer's) analysis, priorities, plan and follow-up. */
export default function WorkspacePage() {
  const trpc = useTRPC();
  const scope = scopeFromParams(useParams());
  const ws = useQuery(
    trpc.qualityCycle.workspace.queryOptions(
      { roundId: scope?.roundId ?? '', schoolUnitId: scope?.schoolUnitId ?? null },
      { enabled: Boolean(scope) },
    ),
  );
  if (!scope) return <p className="notice notice--error">Sidan finns inte.</p>;
  if (ws.isPending) return <LoadingBlock label="Hämtar analys och plan …" />;
  if (ws.isError) return <QueryError error={ws.error} />;
  const w = ws.data;
  return (
    <div className="quality-page">
      <p className="breadcrumb">
        <Link to="/kvalitetsarbete">Kvalitetsarbete</Link>
      </p>
      <h1>Vart ska vi? Analys och utvecklingsplan</h1>
      <p className="lead">
        {w.scope.name} · {roundLabel(w.round)}.{' '}
        {w.canEdit ? 'Allt du skriver sparas automatiskt.' : 'Du kan läsa analysen och planen; rektorn och huvudmannanivån skriver dem.'}
      </p>
      <div className="button-row">
        <Link className="button" to={reportPath(scope)}>
          Kvalitetsrapport
        </Link>
        {w.scope.unitId && (
          <Link
            className="button button--quiet"
            to={`/resultat?enhet=${w.scope.unitId}&skolform=${w.round.schoolForm}&omgang=${w.round.id}`}
          >
            Resultaten för omgången
          </Link>
        )}
      </div>
      <nav className="quality-steps" aria-label="Stegen i kvalitetsarbetet">
        <ol>
          <li>
            <a href="#nulagesbeskrivning">Nuläge</a>
          </li>
          <li>
            <a href="#underlag">Underlag</a>
          </li>
          <li>
            <a href="#analys">Analys</a>
          </li>
          <li>
            <a href="#prioriteringar">Prioriteringar</a>
          </li>
          <li>
            <a href="#plan">Hur gör vi?</a>
          </li>
          <li>
            <a href="#uppfoljning">Hur blev det?</a>
          </li>
        </ol>
      </nav>

      <CurrentStateDescriptionSection
        roundId={w.round.id}
        schoolForm={w.round.schoolForm}
        schoolUnitId={w.scope.unitId}
        canEdit={w.canEdit}
      />
      <FindingsSection scope={scope} workspace={w} />

      <section className="section" aria-labelledby="analys">
        <h2 id="analys">Analys av orsaker</h2>
        <p className="muted">
          Varför ser det ut så här? Skriv analysen av helheten. Tom rad ger nytt stycke, rader som börjar med ”- ” blir en punktlista och
          ”1. ” en numrerad lista.
        </p>
        <AutosaveText
          scope={scope}
          target={{ kind: 'analysis' }}
          saved={w.analysis}
          canEdit={w.canEdit}
          label="Analys av helheten"
          rows={10}
          emptyText="Analysen är inte skriven ännu."
        />
        <AutosaveText
          scope={scope}
          target={{ kind: 'evidence' }}
          saved={w.evidence}
          canEdit={w.canEdit}
          label="Annat underlag som använts"
          hint="Till exempel skolenkäten, betyg, elevhälsans bild eller observationer."
          rows={4}
          emptyText="Inget annat underlag är antecknat."
        />
      </section>

      <PrioritiesSection scope={scope} workspace={w} />
      <PlanSection workspace={w} />
      <FollowUpSection scope={scope} workspace={w} />
      {w.scope.kind === 'organizer' && <OrganizerOverview roundId={w.round.id} />}
    </div>
  );
}
