import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMe } from '../../app/use-me.ts';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { workspacePath } from './scope.ts';

/** The organizer level: all units' priorities side by side, to direct support where the needs are. */
export function OrganizerOverview({ roundId }: { roundId: string }) {
  const me = useMe();
  const organizerLevel = me.data?.roles.some((r) => r.role === 'organizer') ?? false;
  if (!organizerLevel) return null;
  return <OrganizerOverviewContent roundId={roundId} />;
}

function OrganizerOverviewContent({ roundId }: { roundId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.qualityCycle.overview.queryOptions({ roundId }));
  if (q.isPending) return <LoadingBlock label="Hämtar enheternas prioriteringar …" />;
  if (q.isError) return <QueryError error={q.error} />;
  const o = q.data;
  const prioritising = o.units.filter((u) => u.priorities.length > 0).length;
  return (
    <section className="section" aria-labelledby="enheternas-prioriteringar">
      <h2 id="enheternas-prioriteringar">Enheternas prioriteringar</h2>
      <p className="muted">
        {prioritising} av {o.units.length} enheter har prioriterat utvecklingsområden i {o.round.name}. Använd översikten för att rikta stöd
        och resurser dit behoven är störst.
      </p>
      <h3>Områden som enheterna prioriterar</h3>
      <TableWrap label="Områden som enheterna prioriterar">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Område</th>
              <th scope="col" className="num">
                Enheter
              </th>
              <th scope="col">Vilka</th>
            </tr>
          </thead>
          <tbody>
            {o.areas.map((a) => (
              <tr key={a.key}>
                <th scope="row">{a.title}</th>
                <td className="num">{a.units.length}</td>
                <td>{a.units.map((u) => u.name).join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h3>Svagheter utan prioritering</h3>
      {o.uncovered.length === 0 ? (
        <p className="empty">Alla enheters svagheter täcks av en prioritering inom samma område.</p>
      ) : (
        <TableWrap label="Svagheter utan prioritering">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Enhet</th>
                <th scope="col">Indikator</th>
                <th scope="col">Varför den flaggades</th>
              </tr>
            </thead>
            <tbody>
              {o.uncovered.map((u) => (
                <tr key={`${u.unitId}-${u.indicatorKey}`}>
                  <th scope="row">
                    <Link to={workspacePath({ roundId: o.round.id, schoolUnitId: u.unitId })}>{u.unitName}</Link>
                  </th>
                  <td>
                    {u.statement} <span className="muted">({u.areaTitle})</span>
                  </td>
                  <td>{u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <h3>Huvudmannens prioriteringar och enheternas</h3>
      {o.organizerPriorities.length === 0 ? (
        <p className="empty">Huvudmannen har inga prioriteringar för omgången ännu.</p>
      ) : (
        <ul className="card-list">
          {o.organizerPriorities.map((p) => (
            <li key={p.id} className="card">
              <h4 className="card__title">{p.title}</h4>
              {p.linkedUnits.length === 0 ? (
                <p className="empty">Ingen enhet har kopplat en prioritering hit.</p>
              ) : (
                <ul>
                  {p.linkedUnits.map((l) => (
                    <li key={`${l.unitId}-${l.priorityTitle}`}>
                      <Link to={workspacePath({ roundId: o.round.id, schoolUnitId: l.unitId })}>{l.unitName}</Link>: {l.priorityTitle}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>Alla enheter</h3>
      <TableWrap label="Alla enheters prioriteringar">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Enhet</th>
              <th scope="col">Prioriterade utvecklingsområden</th>
            </tr>
          </thead>
          <tbody>
            {o.units.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={workspacePath({ roundId: o.round.id, schoolUnitId: u.id })}>{u.name}</Link>
                </th>
                <td>{u.priorities.map((p) => p.title).join('; ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {o.unitsWithoutFindings > 0 && (
        <p className="muted">
          {o.unitsWithoutFindings} enheter har inga resultat att visa för omgången och ingår inte i kontrollen av svagheter.
        </p>
      )}
    </section>
  );
}
