import { useQuery } from '@tanstack/react-query';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ParticipationTable } from './participation-table.tsx';
import { UnitList } from './unit-list.tsx';

export function PrincipalStart() {
  const trpc = useTRPC();
  const start = useQuery(trpc.start.principal.queryOptions());
  if (start.isPending) return <LoadingBlock label="Hämtar dina enheter …" />;
  if (start.isError) return <QueryError error={start.error} />;
  const open = start.data.participation.filter((p) => p.state !== 'closed');
  const closed = start.data.participation.filter((p) => p.state === 'closed');
  return (
    <>
      <section className="section" aria-labelledby="principal-units">
        <h2 id="principal-units">Dina enheter</h2>
        <UnitList units={start.data.units} />
      </section>
      <section className="section" aria-labelledby="principal-open">
        <h2 id="principal-open">Pågående skattningsomgångar</h2>
        <ParticipationTable rows={open} caption="Deltagande i pågående omgångar, antal svar per enhet" />
      </section>
      <section className="section" aria-labelledby="principal-closed">
        <h2 id="principal-closed">Avslutade omgångar</h2>
        <ParticipationTable rows={closed} caption="Deltagande i avslutade omgångar" />
      </section>
    </>
  );
}
