import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TakeIntoAnalysisButton } from '../../components/take-into-analysis-button.tsx';
import { formatDate } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AutosaveText } from './autosave-text.tsx';
import { findingFigures, findingKindLabel } from './figures.ts';
import { type Scope, workspacePath } from './scope.ts';

type Workspace = Outputs['qualityCycle']['workspace'];

/** Underlag: the findings taken into the analysis (as seen then), each with its causes; and more to take. */
export function FindingsSection({ scope, workspace: w }: { scope: Scope; workspace: Workspace }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.qualityCycle.removeFinding.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() }),
    }),
  );
  return (
    <section className="section" aria-labelledby="underlag">
      <h2 id="underlag">Underlag från resultaten</h2>
      <p className="muted">
        Styrkor, svagheter och samtalsfrågor som tagits med i analysen, med siffrorna som de såg ut när de togs med. Skriv orsakerna vid
        varje fynd.
      </p>
      {w.findings.length === 0 ? (
        <p className="empty">
          Inga fynd är med i analysen ännu.{w.canEdit ? ' Ta med dem från listan nedan eller från resultatsidan.' : ''}
        </p>
      ) : (
        <ul className="quality-findings">
          {w.findings.map((f) => (
            <li key={f.id} className={`card quality-finding quality-finding--${f.snapshot.kind}`}>
              <p className="quality-finding__kind">
                {findingKindLabel(f.snapshot.kind)} · {f.snapshot.areaTitle}
              </p>
              <h3 className="quality-finding__statement">{f.snapshot.statement}</h3>
              <p className="finding__reason">{f.snapshot.reason}</p>
              <p className="muted">
                {findingFigures(f.snapshot)} · {f.snapshot.roundName}, taget med {formatDate(f.takenAt.slice(0, 10))}
              </p>
              <AutosaveText
                scope={scope}
                target={{ kind: 'cause', findingId: f.id }}
                saved={f.cause}
                canEdit={w.canEdit}
                label="Orsaker"
                hint="Vad tror ni ligger bakom? Vad säger annat underlag?"
                rows={4}
                emptyText="Inga orsaker skrivna."
              />
              {w.canEdit && (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ roundId: scope.roundId, schoolUnitId: scope.schoolUnitId, findingId: f.id })}
                >
                  Ta bort ur analysen
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <p className="notice notice--error">{remove.error.message}</p>}
      {w.canEdit && <RoundFindings scope={scope} workspace={w} />}
    </section>
  );
}

/** The round's current findings, to take into the analysis. */
function RoundFindings({ scope, workspace: w }: { scope: Scope; workspace: Workspace }) {
  const trpc = useTRPC();
  const findings = useQuery(
    trpc.results.findings.queryOptions({ roundId: scope.roundId, ...(scope.schoolUnitId ? { schoolUnitId: scope.schoolUnitId } : {}) }),
  );
  if (findings.isPending) return <p className="muted">Hämtar omgångens fynd …</p>;
  if (findings.isError) return <p className="muted">Omgångens fynd kunde inte hämtas: {findings.error.message}</p>;
  const statements = new Map(w.indicators.map((i) => [i.key, i.statement]));
  const taken = new Set(w.findings.map((f) => `${f.snapshot.kind}:${f.snapshot.reference ?? ''}:${f.snapshot.indicatorKey}`));
  const list = findings.data.findings;
  return (
    <details className="round-findings">
      <summary>Omgångens styrkor, svagheter och samtalsfrågor ({list.length})</summary>
      {list.length === 0 ? (
        <p className="empty">Inga indikatorer sticker ut i den här omgången.</p>
      ) : (
        <ul className="round-findings__list">
          {list.map((f) => {
            const key = `${f.kind}:${f.reference ?? ''}:${f.indicatorKey}`;
            return (
              <li key={key}>
                <strong>{findingKindLabel(f.kind)}:</strong> {statements.get(f.indicatorKey) ?? f.indicatorKey}
                <span className="finding__reason">{f.reason}</span>
                <TakeIntoAnalysisButton
                  roundId={scope.roundId}
                  schoolUnitId={scope.schoolUnitId}
                  finding={f}
                  taken={taken.has(key)}
                  statement={statements.get(f.indicatorKey)}
                  analysisHref={`${workspacePath(scope)}#underlag`}
                />
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
