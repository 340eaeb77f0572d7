import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { ROUND_STATE_LABELS, STAFF_STATUS_LABELS } from '../../i18n/sv.ts';
import { formatDate, formatDayMonth } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RoundReminders } from './round-reminders.tsx';

/** For a team lead: the team's consensus rating (gemensam skattning) in current rounds. */
function TeamLeadLinks() {
  const trpc = useTRPC();
  const teams = useQuery(trpc.consensus.teams.queryOptions());
  const current = (teams.data ?? []).filter((t) => t.state !== 'upcoming').slice(0, 6);
  if (current.length === 0) return null;
  return (
    <section className="section" aria-labelledby="team-lead">
      <h2 id="team-lead">Gemensam skattning i ditt arbetslag</h2>
      <p>När ni har svarat var för sig samlas arbetslaget och kommer överens om en gemensam skattning med motivering.</p>
      <ul className="link-list">
        {current.map((t) => (
          <li key={`${t.roundId}:${t.teamId}`}>
            <Link to={`/gemensam-skattning/${t.roundId}/${t.teamId}`}>
              {t.teamName} · {t.roundName}
            </Link>{' '}
            <span className="card__meta">
              ({t.submitted} av {t.members} har svarat{t.state === 'closed' ? ', stängd' : ''})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StaffStart() {
  const trpc = useTRPC();
  const start = useQuery(trpc.start.staff.queryOptions());
  if (start.isPending) return <LoadingBlock label="Hämtar dina skattningar …" />;
  if (start.isError) return <QueryError error={start.error} />;
  const { rounds } = start.data;
  if (rounds.length === 0) {
    return <p className="empty">Det finns inga skattningsomgångar för din enhet ännu. Din rektor öppnar dem.</p>;
  }
  return (
    <>
      <RoundReminders />
      <ul className="card-list" aria-label="Skattningsomgångar">
        {rounds.map((r) => (
          <li key={`${r.roundId}:${r.schoolUnitId}`} className="card">
            <h3 className="card__title">{r.name}</h3>
            <p className="card__meta">{r.unitName}</p>
            <p>
              {r.state === 'open' && <>Stänger {formatDayMonth(r.closesOn)} · </>}
              {r.state === 'upcoming' && <>Öppnar {formatDate(r.opensOn)} · </>}
              {r.state === 'closed' && <>{ROUND_STATE_LABELS.closed} · </>}
              <span className={`status status--${r.status}`}>
                {r.status === 'submitted' && r.submittedOn ? `Inskickad ${formatDate(r.submittedOn)}` : STAFF_STATUS_LABELS[r.status]}
              </span>
            </p>
            {r.status === 'draft' && (
              <p className="card__meta">
                {r.answeredCount} av {r.indicatorCount} indikatorer besvarade
              </p>
            )}
            {r.state === 'open' && r.status !== 'submitted' && (
              <Link
                className="button"
                to={`/skattning/${r.roundId}/${r.schoolUnitId}`}
                aria-label={`${r.status === 'draft' ? 'Fortsätt' : 'Börja'}: ${r.name}`}
              >
                {r.status === 'draft' ? 'Fortsätt' : 'Börja'}
              </Link>
            )}
            {r.state === 'closed' && r.status !== 'submitted' && (
              <p className="card__meta">Omgången är stängd och kan inte längre besvaras.</p>
            )}
          </li>
        ))}
      </ul>
      <TeamLeadLinks />
    </>
  );
}
