import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { ROUND_STATE_LABELS } from '../../i18n/sv.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { reportPath, roundLabel, workspacePath } from './scope.ts';

/** Vad ska vi prioritera? Where the person's analyses and plans are, per unit (and the organizer's) and round. */
export default function PlacesPage() {
  const trpc = useTRPC();
  const places = useQuery(trpc.qualityCycle.places.queryOptions());
  if (places.isPending) return <LoadingBlock label="Hämtar kvalitetsarbetet …" />;
  if (places.isError) return <QueryError error={places.error} />;
  const p = places.data;
  const groups = [
    ...(p.canReadOrganizer ? [{ id: null as string | null, name: 'Huvudmannen', canEdit: p.organizerLevel }] : []),
    ...p.units.map((u) => ({ id: u.id as string | null, name: u.name, canEdit: u.canEdit })),
  ];
  return (
    <div>
      <h1>Vad ska vi prioritera?</h1>
      <p className="lead">
        Från resultaten till analys, prioriterade utvecklingsområden, utvecklingsplan och uppföljning – per enhet och omgång, och för
        huvudmannen.
      </p>
      {groups.length === 0 && <p className="empty">Du har inga enheter med skattningsomgångar.</p>}
      {groups.map((g) => {
        const rounds = p.rounds.filter((r) => r.unitId === g.id);
        const headingId = `grupp-${g.id ?? 'huvudman'}`;
        return (
          <section key={g.id ?? 'huvudman'} className="section" aria-labelledby={headingId}>
            <h2 id={headingId}>{g.name}</h2>
            {rounds.length === 0 ? (
              <p className="empty">Inga omgångar ännu.</p>
            ) : (
              <ul className="card-list card-list--grid">
                {rounds.map((r) => {
                  const scope = { roundId: r.roundId, schoolUnitId: g.id };
                  return (
                    <li key={r.roundId} className="card">
                      <h3 className="card__title">{roundLabel(r)}</h3>
                      <p className="card__meta">
                        {ROUND_STATE_LABELS[r.state]} · {r.hasPlan ? 'Analys påbörjad' : 'Ingen analys ännu'}
                      </p>
                      <div className="button-row">
                        <Link className="button button--small" to={workspacePath(scope)}>
                          {g.canEdit ? 'Analys och plan' : 'Läs analys och plan'}
                          <span className="visually-hidden">
                            {' '}
                            {g.name}, {roundLabel(r)}
                          </span>
                        </Link>
                        <Link className="button button--quiet button--small" to={reportPath(scope)}>
                          Kvalitetsrapport
                          <span className="visually-hidden">
                            {' '}
                            {g.name}, {roundLabel(r)}
                          </span>
                        </Link>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
