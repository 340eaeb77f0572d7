import { NavLink, useLocation } from 'react-router';

/** The results pages ("Var är vi?"): one entry in the main menu, and this menu on each of them. */
const RESULT_PAGES: { to: string; label: string; roles: readonly string[] }[] = [
  { to: '/resultat', label: 'Enhetens resultat', roles: ['staff', 'principal', 'organizer'] },
  { to: '/jamfor', label: 'Jämför enheter', roles: ['principal', 'organizer'] },
  { to: '/resultat/huvudman', label: 'Huvudmannens översikt', roles: ['principal', 'organizer'] },
  { to: '/resultat/trend', label: 'Trender', roles: ['staff', 'principal', 'organizer'] },
  { to: '/resultat/utfall', label: 'Självskattning och utfall', roles: ['principal', 'organizer'] },
  { to: '/resultat/nulage', label: 'Nulägesbeskrivning', roles: ['principal', 'organizer'] },
];

export function isResultsPath(pathname: string): boolean {
  return pathname === '/jamfor' || pathname === '/resultat' || pathname.startsWith('/resultat/');
}

export function ResultsNav({ roles }: { roles: readonly string[] }) {
  const { pathname } = useLocation();
  if (!isResultsPath(pathname)) return null;
  const pages = RESULT_PAGES.filter((p) => p.roles.some((r) => roles.includes(r)));
  if (pages.length < 2) return null;
  return (
    <nav aria-label="Resultat" className="sub-nav">
      <ul>
        {pages.map((p) => (
          <li key={p.to}>
            <NavLink to={p.to} end={p.to === '/resultat'}>
              {p.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
