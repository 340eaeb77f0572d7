import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTRPC } from '../lib/trpc.ts';

interface FindingRef {
  kind: 'strength' | 'weakness' | 'disagreement';
  reference: 'own-average' | 'organizer' | 'previous-round' | null;
  indicatorKey: string;
}

/**
 * "Ta med i analysen": takes a strength, weakness or samtalsfråga into the unit's (or, without a
 * unit, the organizer's) analysis of the round with one click, with its figures as they are now.
 */
export function TakeIntoAnalysisButton({
  roundId,
  schoolUnitId,
  finding,
  analysisHref,
  taken = false,
  statement,
}: {
  roundId: string;
  schoolUnitId: string | null;
  finding: FindingRef;
  analysisHref: string;
  /** Already in the analysis (when the page knows). */
  taken?: boolean;
  /** The indicator's statement, for the button's accessible name. */
  statement?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const take = useMutation(
    trpc.qualityCycle.takeFinding.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() }),
    }),
  );
  const done = taken || take.isSuccess;
  if (done) {
    return (
      <span className="take-finding take-finding--done">
        Med i analysen · <Link to={analysisHref}>Öppna analysen</Link>
      </span>
    );
  }
  return (
    <span className="take-finding">
      <button
        type="button"
        className="button button--quiet button--small"
        disabled={take.isPending}
        aria-label={statement ? `Ta med i analysen: ${statement}` : undefined}
        onClick={() =>
          take.mutate({ roundId, schoolUnitId, kind: finding.kind, reference: finding.reference, indicatorKey: finding.indicatorKey })
        }
      >
        {take.isPending ? 'Tar med …' : 'Ta med i analysen'}
      </button>
      {take.isError && (
        <span className="notice--error take-finding__error" role="alert">
          {take.error.message}
        </span>
      )}
    </span>
  );
}
