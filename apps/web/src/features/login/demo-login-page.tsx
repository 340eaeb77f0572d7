import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { ROLE_LABELS } from '../../i18n/sv.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ProviderLogin } from './provider-login.tsx';

export function DemoLoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const personas = useQuery(trpc.session.demoPersonas.queryOptions(undefined, { retry: false }));
  const login = useMutation(
    trpc.session.demoLogin.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        await navigate('/');
      },
    }),
  );

  if (personas.isPending) return <LoadingBlock label="Hämtar demopersoner …" />;
  if (personas.isError) {
    return (
      <div>
        <h1>Logga in</h1>
        <p className="lead">Logga in med din organisations inloggning, samma konto som du använder i jobbet.</p>
        <ProviderLogin sayWhenNone />
      </div>
    );
  }

  const byOrganizer = new Map<string, typeof personas.data>();
  for (const p of personas.data) byOrganizer.set(p.organizerName, [...(byOrganizer.get(p.organizerName) ?? []), p]);

  return (
    <div>
      <h1>Välj en demoperson</h1>
      <p className="lead">
        Det här är en demo med påhittade enheter och svar. Välj vem du vill vara för att se vad den rollen kan göra i Kvalitetshjulet.
      </p>
      <ProviderLogin />
      {login.isError && <QueryError error={login.error} />}
      {[...byOrganizer.entries()].map(([organizerName, people]) => (
        <section key={organizerName} className="section" aria-labelledby={`org-${people[0]?.organizerId}`}>
          <h2 id={`org-${people[0]?.organizerId}`}>{organizerName}</h2>
          <ul className="persona-list">
            {people.map((p) => (
              <li key={p.userId}>
                <button type="button" className="persona" onClick={() => login.mutate({ userId: p.userId })} disabled={login.isPending}>
                  <span className="persona__name">{p.name}</span>
                  <span className="persona__meta">
                    {[p.title, ...p.roles.map((r) => ROLE_LABELS[r]).filter((label) => label.toLowerCase() !== p.title.toLowerCase())].join(
                      ' · ',
                    )}
                  </span>
                  {p.unitNames.length > 0 && <span className="persona__units">{p.unitNames.join(', ')}</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
