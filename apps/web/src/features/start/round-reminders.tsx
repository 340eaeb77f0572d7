import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDayMonth } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

function closesIn(daysLeft: number): string {
  if (daysLeft === 0) return 'stänger i dag';
  if (daysLeft === 1) return 'stänger i morgon';
  return `stänger om ${daysLeft} dagar`;
}

/** A reminder for each open round this person has not submitted yet. Shown only to the person themself. */
export function RoundReminders() {
  const trpc = useTRPC();
  const reminders = useQuery(trpc.rounds.reminders.queryOptions());
  const list = reminders.data?.reminders ?? [];
  if (list.length === 0) return null;
  return (
    <section className="reminders" aria-label="Påminnelser">
      {list.map((r) => (
        <div key={`${r.roundId}:${r.schoolUnitId}`} className={`notice reminder${r.daysLeft <= 2 ? ' reminder--soon' : ''}`}>
          <p>
            <strong>
              Skattningen {r.name} {closesIn(r.daysLeft)}.
            </strong>{' '}
            Du har inte skickat in ännu{r.hasDraft ? ' – ditt utkast är sparat' : ''}. Sista dagen är {formatDayMonth(r.closesOn)}.
          </p>
          <Link
            className="button"
            to={`/skattning/${r.roundId}/${r.schoolUnitId}`}
            aria-label={`${r.hasDraft ? 'Fortsätt' : 'Börja'} nu: ${r.name}`}
          >
            {r.hasDraft ? 'Fortsätt nu' : 'Börja nu'}
          </Link>
        </div>
      ))}
    </section>
  );
}
