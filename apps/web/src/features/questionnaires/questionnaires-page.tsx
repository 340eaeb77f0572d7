import { SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import { formatDate } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

interface Version {
  id: string;
  own: boolean;
  version: number;
  schoolForm: string;
  title: string;
  status: 'draft' | 'published';
  publishedAt: string | Date | null;
  areaCount: number;
  indicatorCount: number;
  roundCount: number;
  usedForNewRounds: boolean;
}

function isoDay(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function versionName(v: Pick<Version, 'own' | 'version'>): string {
  return `${v.own ? 'Egen version' : 'Standard, version'} ${v.version}`;
}

/** Frågeformulär: the standard questionnaires and the organizer's own versions, per school form. */
export function QuestionnairesPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.questionnaires.list.queryOptions());
  if (list.isPending) return <LoadingBlock label="Hämtar frågeformulären …" />;
  if (list.isError) return <QueryError error={list.error} />;
  const versions = list.data.versions as Version[];
  return (
    <div>
      <h1>Frågeformulär</h1>
      <p className="lead">
        Vilka frågor ställer vi? Utgå från standardformuläret för en skolform och anpassa det: ändra påståenden och kriterier, byt namn på
        områden och lägg till egna indikatorer. En publicerad version ändras aldrig – omgångar som redan har öppnats behåller sin version.
      </p>
      {SCHOOL_FORMS.filter((f) => versions.some((v) => v.schoolForm === f)).map((form) => (
        <SchoolFormQuestionnaires key={form} schoolForm={form} versions={versions.filter((v) => v.schoolForm === form)} />
      ))}
    </div>
  );
}

function SchoolFormQuestionnaires({ schoolForm, versions }: { schoolForm: string; versions: Version[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const label = schoolFormLabel(schoolForm);
  const draft = versions.find((v) => v.own && v.status === 'draft');
  const latestOwn = versions.find((v) => v.own && v.status === 'published');
  const standard = versions.find((v) => !v.own);
  const inUse = versions.find((v) => v.usedForNewRounds);
  const source = latestOwn ?? standard;
  const start = useMutation(
    trpc.questionnaires.startDraft.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.questionnaires.list.queryKey() });
        await navigate(`/formular/${id}`);
      },
    }),
  );
  const headingId = `form-${schoolForm}`;
  return (
    <section className="section card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card__title">
        {label}
      </h2>
      <p className="card__meta">{inUse ? `Nya omgångar använder ${versionName(inUse).toLowerCase()}.` : 'Inget publicerat formulär.'}</p>
      <TableWrap label={`Versioner för ${label.toLowerCase()}`}>
        <table className="data-table">
          <caption>Versioner för {label.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Områden
              </th>
              <th scope="col" className="num">
                Indikatorer
              </th>
              <th scope="col" className="num">
                Omgångar
              </th>
              <th scope="col">Innehåll</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">{versionName(v)}</th>
                <td>{v.status === 'draft' ? 'Utkast' : `Publicerad${v.publishedAt ? ` ${formatDate(isoDay(v.publishedAt))}` : ''}`}</td>
                <td className="num">{v.areaCount}</td>
                <td className="num">{v.indicatorCount}</td>
                <td className="num">{v.roundCount}</td>
                <td>
                  <Link
                    to={`/formular/${v.id}`}
                    aria-label={`${v.status === 'draft' ? 'Redigera' : 'Visa'} ${versionName(v).toLowerCase()} för ${label.toLowerCase()}`}
                  >
                    {v.status === 'draft' ? 'Redigera' : 'Visa'}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="actions">
        {draft ? (
          <Link className="button" to={`/formular/${draft.id}`}>
            Fortsätt redigera utkastet för {label.toLowerCase()}
          </Link>
        ) : (
          source && (
            <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate({ fromId: source.id })}>
              {latestOwn ? `Skapa ett nytt utkast för ${label.toLowerCase()}` : `Kopiera och anpassa formuläret för ${label.toLowerCase()}`}
            </button>
          )
        )}
      </div>
      {start.isError && (
        <p className="notice notice--error" role="alert">
          {start.error.message}
        </p>
      )}
    </section>
  );
}
