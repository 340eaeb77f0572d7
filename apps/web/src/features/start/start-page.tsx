import { useMe } from '../../app/use-me.ts';
import { AdminStart } from './admin-start.tsx';
import { OrganizerStart } from './organizer-start.tsx';
import { PrincipalStart } from './principal-start.tsx';
import { StaffStart } from './staff-start.tsx';

const HEADINGS = {
  admin: 'Administration',
  organizer: 'Huvudmannens översikt',
  principal: 'Mina enheter',
  staff: 'Mina skattningar',
} as const;

const LEADS = {
  admin: 'Inställningar, organisation och frågeformulär för huvudmannen.',
  organizer: 'Alla enheter per skolform och hur skattningsomgångarna går.',
  principal: 'Dina enheter och hur deltagandet går i skattningsomgångarna.',
  staff: 'Skattningsomgångar för din enhet. Dina svar är anonyma.',
} as const;

/** The start page shows what each of the person's roles can do, the most far-reaching role first. */
export function StartPage() {
  const me = useMe();
  if (!me.data) return null;
  const roles = new Set(me.data.roles.map((r) => r.role));
  const order = (['organizer', 'principal', 'staff', 'admin'] as const).filter((r) => roles.has(r));
  const main = order[0];
  if (!main) {
    return (
      <div>
        <h1>Välkommen</h1>
        <p className="lead">Du har ingen roll ännu. Kontakta administratören hos huvudmannen.</p>
      </div>
    );
  }
  return (
    <div>
      <h1>{HEADINGS[main]}</h1>
      <p className="lead">{LEADS[main]}</p>
      {order.map((role) => (
        <div key={role}>
          {role !== main && <h2 className="role-heading">{HEADINGS[role]}</h2>}
          {role === 'staff' && <StaffStart />}
          {role === 'principal' && <PrincipalStart />}
          {role === 'organizer' && <OrganizerStart />}
          {role === 'admin' && <AdminStart />}
        </div>
      ))}
    </div>
  );
}
