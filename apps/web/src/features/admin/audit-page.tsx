import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatInteger } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AdminNav } from './admin-nav.tsx';
import { ACTION_FILTERS, ACTION_LABELS, detailsText, formatDateTime } from './labels.ts';

type Cursor = { occurredAt: string; id: string };

/** Logg: who changed what and when, logins and exports. Never answers or comments. */
export function AuditPage() {
  const [action, setAction] = useState('');
  const [pages, setPages] = useState<(Cursor | undefined)[]>([undefined]);
  return (
    <div>
      <h1>Logg</h1>
      <p className="lead">Vem som ändrade vad och när, inloggningar och exporter. Loggen innehåller aldrig svar eller kommentarer.</p>
      <AdminNav />
      <RetentionSection />
      <section className="section" aria-labelledby="audit-list">
        <h2 id="audit-list">Händelser</h2>
        <label className="field search-field">
          <span className="field-label">Visa</span>
          <select
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPages([undefined]);
            }}
          >
            {ACTION_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <TableWrap label="Logg">
          <table className="data-table">
            <caption>Händelser, nyast först</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Vem</th>
                <th scope="col">Händelse</th>
                <th scope="col">Gäller</th>
                <th scope="col">Detaljer</th>
              </tr>
            </thead>
            {pages.map((after, i) => (
              <AuditRows
                key={after ? `${after.occurredAt}-${after.id}` : 'first'}
                action={action}
                after={after}
                isLast={i === pages.length - 1}
                onMore={(next) => setPages([...pages, next])}
              />
            ))}
          </table>
        </TableWrap>
      </section>
    </div>
  );
}

function AuditRows({
  action,
  after,
  isLast,
  onMore,
}: {
  action: string;
  after: Cursor | undefined;
  isLast: boolean;
  onMore: (next: Cursor) => void;
}) {
  const trpc = useTRPC();
  const page = useQuery(trpc.administration.audit.queryOptions({ action: action || undefined, after }));
  if (page.isPending) {
    return (
      <tbody>
        <tr>
          <td colSpan={5}>
            <LoadingBlock label="Hämtar loggen …" />
          </td>
        </tr>
      </tbody>
    );
  }
  if (page.isError) {
    return (
      <tbody>
        <tr>
          <td colSpan={5}>
            <QueryError error={page.error} />
          </td>
        </tr>
      </tbody>
    );
  }
  const { entries, next } = page.data;
  return (
    <tbody>
      {entries.length === 0 && !after && (
        <tr>
          <td colSpan={5} className="empty">
            Inga händelser.
          </td>
        </tr>
      )}
      {entries.map((e) => (
        <tr key={e.id}>
          <td>{formatDateTime(e.occurredAt)}</td>
          <td>{e.actorName ?? 'Systemet'}</td>
          <th scope="row">{ACTION_LABELS[e.action] ?? e.action}</th>
          <td>{e.target || '–'}</td>
          <td>{detailsText(e.details) || '–'}</td>
        </tr>
      ))}
      {isLast && next && (
        <tr>
          <td colSpan={5}>
            <button type="button" className="button button--quiet" onClick={() => onMore(next)}>
              Visa äldre händelser
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

function RetentionSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.administration.settings.queryOptions());
  const [confirm, setConfirm] = useState(false);
  const run = useMutation(
    trpc.administration.runRetention.mutationOptions({
      onSuccess: async () => {
        setConfirm(false);
        await queryClient.invalidateQueries({ queryKey: trpc.administration.audit.queryKey() });
      },
    }),
  );
  return (
    <section className="section card" aria-labelledby="retention">
      <h2 id="retention">Gallring</h2>
      {settings.data ? (
        <p>
          Utkast från stängda omgångar sparas i {formatInteger(settings.data.draftRetentionDays)} dagar efter att omgången stängt, och
          loggposter i {formatInteger(settings.data.auditRetentionDays)} dagar. Tiderna ändras under Inställningar.
        </p>
      ) : (
        <p>Utkast från stängda omgångar och gamla loggposter tas bort efter den tid som anges under Inställningar.</p>
      )}
      {confirm ? (
        <div className="notice">
          <p>Det som är äldre än gallringstiden tas bort för gott. Vill du gallra nu?</p>
          <div className="actions">
            <button type="button" className="button" disabled={run.isPending} onClick={() => run.mutate()}>
              Ja, gallra
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirm(false)}>
              Avbryt
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--quiet" onClick={() => setConfirm(true)}>
          Gallra nu
        </button>
      )}
      {run.isSuccess && (
        <p role="status" className="card__meta">
          Gallringen är klar: {formatInteger(run.data.drafts)} utkast och {formatInteger(run.data.auditEntries)} loggposter togs bort.
        </p>
      )}
      {run.isError && (
        <p className="notice notice--error" role="alert">
          {run.error.message}
        </p>
      )}
    </section>
  );
}
