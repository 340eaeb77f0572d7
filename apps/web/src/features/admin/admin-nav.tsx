import { NavLink } from 'react-router';
import { useMe } from '../../app/use-me.ts';

const PAGES = [
  { to: '/administration/installningar', label: 'Inställningar', organizer: true },
  { to: '/administration/enheter', label: 'Enheter och arbetslag', organizer: true },
  { to: '/administration/anvandare', label: 'Användare', organizer: false },
  { to: '/administration/import-export', label: 'Import och export', organizer: false },
  { to: '/administration/logg', label: 'Logg', organizer: false },
] as const;

/** Whether the logged-in person is an administrator (may change), or only reads (organizer level). */
export function useIsAdmin(): boolean {
  const me = useMe();
  return me.data?.roles.some((r) => r.role === 'admin') ?? false;
}

/** The administration pages; the organizer level sees the two it may read. */
export function AdminNav() {
  const isAdmin = useIsAdmin();
  return (
    <nav aria-label="Administration" className="sub-nav">
      <ul>
        {PAGES.filter((p) => isAdmin || p.organizer).map((p) => (
          <li key={p.to}>
            <NavLink to={p.to}>{p.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
