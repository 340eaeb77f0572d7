import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../i18n/sv.ts';
import { useTRPC } from '../lib/trpc.ts';
import { isResultsPath, ResultsNav } from './results-nav.tsx';
import { useMe } from './use-me.ts';

export function Layout() {
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const logout = useMutation(
    trpc.session.logout.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await navigate('/logga-in');
      },
    }),
  );
  const person = me.data;
  const roles = person ? [...new Set(person.roles.map((r) => r.role))] : [];

  return (
    <>
      <a className="skip-link" href="#main">
        Hoppa till innehållet
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
              <circle cx="16" cy="16" r="13" fill="none" stroke="currentColor" strokeWidth="4" />
              <path d="M16 3a13 13 0 0 1 13 13H16z" fill="currentColor" />
            </svg>
            Kvalitetshjulet
          </Link>
          {person && (
            <nav aria-label="Huvudmeny" className="main-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Start
                  </NavLink>
                </li>
                {(roles.includes('principal') || roles.includes('organizer') || roles.includes('staff')) && (
                  <li>
                    {/* Active on every results page, which share this entry (results-nav.tsx). */}
                    <Link to="/resultat" aria-current={isResultsPath(pathname) ? 'page' : undefined}>
                      Resultat
                    </Link>
                  </li>
                )}
                {(roles.includes('principal') || roles.includes('organizer') || roles.includes('staff')) && (
                  <li>
                    <NavLink to="/kvalitetsarbete">Kvalitetsarbete</NavLink>
                  </li>
                )}
                {(roles.includes('principal') || roles.includes('organizer')) && (
                  <li>
                    <NavLink to="/omgangar">Skattningsomgångar</NavLink>
                  </li>
                )}
                {(roles.includes('principal') || roles.includes('organizer')) && (
                  <li>
                    <NavLink to="/arshjul">Årshjul</NavLink>
                  </li>
                )}
                {(roles.includes('organizer') || roles.includes('admin')) && (
                  <li>
                    <NavLink to="/formular">Frågeformulär</NavLink>
                  </li>
                )}
                {(roles.includes('organizer') || roles.includes('admin')) && (
                  <li>
                    <NavLink to="/administration">Administration</NavLink>
                  </li>
                )}
              </ul>
            </nav>
          )}
          {person && (
            <div className="whoami">
              <span>
                <strong>{person.name}</strong>
                <span className="whoami__meta">
                  {roles.map((r) => ROLE_LABELS[r]).join(', ')} · {person.organizerName}
                </span>
              </span>
              <button type="button" className="button button--quiet" onClick={() => logout.mutate()} disabled={logout.isPending}>
                Logga ut
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <ResultsNav roles={roles} />
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>Kvalitetshjulet – öppen källkod för systematiskt kvalitetsarbete i förskola och skola.</p>
      </footer>
    </>
  );
}
