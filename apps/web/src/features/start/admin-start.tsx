import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import { formatInteger } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

export function AdminStart() {
  const trpc = useTRPC();
  const start = useQuery(trpc.start.admin.queryOptions());
  if (start.isPending) return <LoadingBlock label="Hämtar inställningarna …" />;
  if (start.isError) return <QueryError error={start.error} />;
  const { organizer, counts, questionnaires } = start.data;
  return (
    <>
      <section className="section" aria-labelledby="admin-settings">
        <h2 id="admin-settings">{organizer.name}</h2>
        <dl className="facts">
          <div>
            <dt>Anonymitetsgräns</dt>
            <dd>{organizer.anonymityThreshold} svarande</dd>
          </div>
          <div>
            <dt>Personal ser enhetens resultat</dt>
            <dd>{organizer.staffCanSeeResults ? 'Ja' : 'Nej'}</dd>
          </div>
          <div>
            <dt>Enheter</dt>
            <dd>{formatInteger(counts.units)}</dd>
          </div>
          <div>
            <dt>Arbetslag</dt>
            <dd>{formatInteger(counts.teams)}</dd>
          </div>
          <div>
            <dt>Användare</dt>
            <dd>
              {formatInteger(counts.activeUsers)} aktiva av {formatInteger(counts.users)}
            </dd>
          </div>
        </dl>
      </section>
      <section className="section" aria-labelledby="admin-links">
        <h2 id="admin-links">Administrera</h2>
        <ul className="link-list">
          <li>
            <Link to="/administration/installningar">Inställningar: anonymitetsgräns, resultat för personal och gallring</Link>
          </li>
          <li>
            <Link to="/administration/enheter">Enheter och arbetslag</Link>
          </li>
          <li>
            <Link to="/administration/anvandare">Användare och roller</Link>
          </li>
          <li>
            <Link to="/administration/import-export">Import och export av organisationen</Link>
          </li>
          <li>
            <Link to="/administration/logg">Logg över ändringar, inloggningar och exporter</Link>
          </li>
        </ul>
      </section>
      <section className="section" aria-labelledby="admin-questionnaires">
        <h2 id="admin-questionnaires">Frågeformulär</h2>
        <TableWrap label="Standardformulär per skolform">
          <table className="data-table">
            <caption>Standardformulär per skolform</caption>
            <thead>
              <tr>
                <th scope="col">Skolform</th>
                <th scope="col">Formulär</th>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col" className="num">
                  Områden
                </th>
                <th scope="col" className="num">
                  Indikatorer
                </th>
              </tr>
            </thead>
            <tbody>
              {questionnaires.map((q) => (
                <tr key={q.id}>
                  <th scope="row">{schoolFormLabel(q.schoolForm)}</th>
                  <td>{q.title}</td>
                  <td className="num">{q.version}</td>
                  <td className="num">{q.areaCount}</td>
                  <td className="num">{q.indicatorCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}
