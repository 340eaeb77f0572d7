import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTRPC } from '../../lib/trpc.ts';

/** Where a login ends for someone the organizer has not registered: no account is created. */
export function NotRegisteredPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const providers = useQuery(trpc.identity.loginProviders.queryOptions(undefined, { retry: false }));
  const provider = providers.data?.find((p) => p.id === params.get('inloggning'));
  const organizer = provider?.organizerName;

  return (
    <div>
      <h1>{organizer ? `Du finns inte registrerad i Kvalitetshjulet hos ${organizer}` : 'Du finns inte registrerad i Kvalitetshjulet'}</h1>
      <p className="lead">
        Inloggningen hos {provider ? provider.displayName : 'din organisation'} fungerade, men kontot du loggade in med hör inte till någon
        person som {organizer ?? 'huvudmannen'} har lagt in i Kvalitetshjulet.
      </p>
      <h2>Vad kan du göra?</h2>
      <ul>
        <li>Loggade du in med fel konto, till exempel ett privat? Logga in igen och välj ditt jobbkonto.</li>
        <li>
          Ska du använda Kvalitetshjulet? Be din rektor eller administratören hos {organizer ?? 'din huvudman'} att lägga in dig med din
          e-postadress i jobbet.
        </li>
      </ul>
      <p>
        <Link to="/logga-in" className="button">
          Till inloggningen
        </Link>
      </p>
    </div>
  );
}
