import { useQuery } from '@tanstack/react-query';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ParticipationTable } from './participation-table.tsx';
import { UnitList } from './unit-list.tsx';

export function OrganizerStart() {
  const trpc = useTRPC();
  const start = useQuery(trpc.start.organizer.queryOptions());
  if (start.isPending) return <LoadingBlock label="Hämtar översikten …" />;
  if (start.isError) return <QueryError error={start.error} />;
  const { units, participation } = start.data;
  const forms = [...new Set(units.flatMap((u) => u.schoolForms))].sort();
  const current = participation.filter((p) => p.state !== 'closed');
  return (
    <>
      <section className="section" aria-labelledby="org-participation">
        <h2 id="org-participation">Pågående skattningsomgångar</h2>
        <ParticipationTable rows={current} caption="Deltagande per enhet i pågående omgångar" />
      </section>
      <section className="section" aria-labelledby="org-units">
        <h2 id="org-units">Enheter per skolform</h2>
        {forms.map((form) => (
          <div key={form}>
            <h3>{schoolFormLabel(form)}</h3>
            <UnitList units={units.filter((u) => u.schoolForms.includes(form))} />
          </div>
        ))}
      </section>
    </>
  );
}
