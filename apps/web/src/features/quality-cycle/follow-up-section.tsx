import { TARGET_STATUS_LABELS, targetText } from '@kvalitetshjulet/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Cell } from '../../components/suppressed-cell.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatChange, formatInterval, formatMean } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AutosaveText } from './autosave-text.tsx';
import { type Scope, workspacePath } from './scope.ts';

type Workspace = Outputs['qualityCycle']['workspace'];
type Priority = Workspace['priorities'][number];
type Figure = NonNullable<Priority['followUp']>[number]['result']['baseline'];

export function figureText(f: { n: number; mean: number | null; meanInterval: { lower: number; upper: number } | null }): string {
  return `${formatMean(f.mean)} (${formatInterval(f.meanInterval)}), n = ${f.n}`;
}

function FigureCell({ figure }: { figure: Figure }) {
  return <Cell figures={figure} render={figureText} />;
}

/** Hur blev det? Each priority's indicators in the baseline and the later closed round, and the evaluation. */
export function FollowUpSection({ scope, workspace: w }: { scope: Scope; workspace: Workspace }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const carry = useMutation(
    trpc.qualityCycle.carryForward.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() }),
    }),
  );
  const later = w.followUp.laterRound;
  return (
    <section className="section" aria-labelledby="uppfoljning">
      <h2 id="uppfoljning">Hur blev det? Uppföljning</h2>
      {later ? (
        <p className="muted">
          Utgångsläget i {w.round.name} jämfört med {later.name}: medelvärde med 95 % konfidensintervall och antal svar (n). Resultat för
          små grupper visas inte (–).
        </p>
      ) : null}
      {w.followUp.message && <p className="notice">{w.followUp.message}</p>}
      {w.priorities.length === 0 && <p className="empty">Inga prioriteringar att följa upp.</p>}
      {w.priorities.map((p) => (
        <div key={p.id} className="follow-up card">
          <h3>{p.title}</h3>
          {p.followUp && later && (
            <TableWrap label={`Uppföljning av ${p.title}`}>
              <table className="data-table">
                <caption>Indikatorerna för {p.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Indikator</th>
                    <th scope="col">{w.round.name}</th>
                    <th scope="col">{later.name}</th>
                    <th scope="col" className="num">
                      Förändring
                    </th>
                    <th scope="col">Mål</th>
                    <th scope="col">Måluppfyllelse</th>
                  </tr>
                </thead>
                <tbody>
                  {p.followUp.map((f) => (
                    <tr key={f.indicatorKey}>
                      <th scope="row">{f.statement}</th>
                      <td>
                        <FigureCell figure={f.result.baseline} />
                      </td>
                      <td>
                        <FigureCell figure={f.result.later} />
                      </td>
                      <td className="num">{formatChange(f.result.change)}</td>
                      <td>{f.result.targetMean === null ? '–' : targetText(f.result.targetMean)}</td>
                      <td>
                        <strong className={`target target--${f.result.status}`}>{TARGET_STATUS_LABELS[f.result.status]}</strong>
                        <span className="target__text">{f.result.statusText}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <AutosaveText
            scope={scope}
            target={{ kind: 'evaluation', priorityId: p.id }}
            saved={p.evaluation}
            canEdit={w.canEdit}
            label={`Utvärdering: ${p.title}`}
            hint="Hur blev det? Vad gav aktiviteterna, och vad tar ni med er?"
            rows={4}
            emptyText="Ingen utvärdering skriven."
          />
          {p.carriedTo ? (
            <p>
              Förd vidare till{' '}
              <Link to={workspacePath({ roundId: p.carriedTo.roundId, schoolUnitId: scope.schoolUnitId })}>{p.carriedTo.roundName}</Link>.
            </p>
          ) : (
            w.canEdit &&
            w.nextRound && (
              <button
                type="button"
                className="button button--quiet"
                disabled={carry.isPending}
                onClick={() => carry.mutate({ priorityId: p.id })}
              >
                För vidare till {w.nextRound.name} <span className="visually-hidden">: {p.title}</span>
              </button>
            )
          )}
        </div>
      ))}
      {carry.isError && (
        <p className="notice notice--error" role="alert">
          {carry.error.message}
        </p>
      )}
    </section>
  );
}
