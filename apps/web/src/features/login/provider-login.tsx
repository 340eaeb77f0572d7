import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTRPC } from '../../lib/trpc.ts';
import { loginErrorMessage } from './login-errors.ts';

/**
 * "Logga in med …" for every organizer's enabled identity provider. A plain link: the browser
 * goes to the server, which sends it on to the provider and back.
 */
export function ProviderLogin({ sayWhenNone = false }: { sayWhenNone?: boolean }) {
  const trpc = useTRPC();
  const providers = useQuery(trpc.identity.loginProviders.queryOptions(undefined, { retry: false }));
  const [params] = useSearchParams();
  const error = loginErrorMessage(params.get('fel'));

  return (
    <>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {sayWhenNone && providers.data?.length === 0 && (
        <p className="notice">Ingen inloggning är inställd på den här servern ännu. Kontakta administratören hos din huvudman.</p>
      )}
      {providers.data && providers.data.length > 0 && (
        <section className="section provider-login" aria-labelledby="provider-login-heading">
          <h2 id="provider-login-heading">Logga in med din organisation</h2>
          <ul className="persona-list">
            {providers.data.map((p) => (
              <li key={p.id}>
                <a className="button provider-login__link" href={p.startUrl}>
                  <span>Logga in med {p.displayName}</span>
                  <span className="provider-login__organizer">{p.organizerName}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
