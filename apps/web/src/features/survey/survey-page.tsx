import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/use-me.ts';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDate, formatDayMonth } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { type LocalDraft, readLocalDraft } from './local-draft.ts';
import { joinSurveyData } from './split-data.ts';
import { SurveyForm } from './survey-form.tsx';

/** Skattning: one area per page, saved as the person goes, submitted once. */
export default function SurveyPage() {
  const { roundId = '', schoolUnitId = '' } = useParams();
  const trpc = useTRPC();
  const me = useMe();
  const opened = useQuery(trpc.survey.open.queryOptions({ roundId, schoolUnitId }, { staleTime: Number.POSITIVE_INFINITY, gcTime: 0 }));
  const [submittedOn, setSubmittedOn] = useState<string | null>(null);
  const userId = me.data?.userId ?? '';

  const initial = useMemo((): LocalDraft | null => {
    if (!opened.data || !userId) return null;
    const server = opened.data.draft;
    const local = readLocalDraft(userId, roundId, schoolUnitId);
    if (local && local.revision > (server?.revision ?? 0)) return { ...local, draftId: server?.id ?? local.draftId };
    if (server) {
      return {
        draftId: server.id,
        revision: server.revision,
        savedRevision: server.revision,
        data: joinSurveyData(server.answers, server.comments),
      };
    }
    return { draftId: crypto.randomUUID(), revision: 0, savedRevision: 0, data: {} };
  }, [opened.data, userId, roundId, schoolUnitId]);

  if (opened.isPending || me.isPending) return <LoadingBlock label="Hämtar skattningen …" />;
  if (opened.isError) {
    return (
      <div>
        <h1>Skattningen kan inte öppnas</h1>
        <QueryError error={opened.error} />
        <p>
          <Link to="/">Till Mina skattningar</Link>
        </p>
      </div>
    );
  }
  const { round, questionnaire, surveyJson } = opened.data;
  const done = submittedOn ?? opened.data.submittedOn;

  return (
    <div className="survey-page">
      <p className="breadcrumb">
        <Link to="/">Mina skattningar</Link>
      </p>
      <h1>{round.name}</h1>
      <p className="lead">
        {round.unitName} · {round.state === 'open' ? `Stänger ${formatDayMonth(round.closesOn)}` : 'Stängd'} ·{' '}
        {questionnaire.indicatorCount} indikatorer i {questionnaire.areaCount} områden
      </p>
      {done ? (
        <div className="notice notice--done" role="status">
          <h2>Tack! Din skattning är inskickad.</h2>
          <p>Du skickade in den {formatDate(done)}. Svaren är anonyma och kan inte ändras.</p>
          <p>
            <Link to="/">Till Mina skattningar</Link>
          </p>
        </div>
      ) : round.state !== 'open' ? (
        <div className="notice" role="status">
          <p>
            {round.state === 'closed'
              ? `Skattningen stängde ${formatDate(round.closesOn)}. Den kan inte längre besvaras.`
              : `Skattningen öppnar ${formatDate(round.opensOn)}.`}
          </p>
        </div>
      ) : (
        <>
          <details className="intro">
            <summary>Så här skattar du</summary>
            <p>{questionnaire.introduction}</p>
            <p>
              Välj det steg vars beskrivning bäst stämmer med hur det ser ut i verksamheten i dag. Välj ”Vet ej / ej aktuellt” om du inte
              kan bedöma indikatorn. Dina svar är anonyma: ingen kan se vad just du har svarat.
            </p>
          </details>
          {initial && (
            <SurveyForm
              userId={userId}
              roundId={roundId}
              schoolUnitId={schoolUnitId}
              surveyJson={surveyJson}
              initial={initial}
              onSubmitted={setSubmittedOn}
            />
          )}
        </>
      )}
    </div>
  );
}
