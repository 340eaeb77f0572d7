import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDayMonth } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

const timeFormat = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

type Scale = { steps: { value: number; label: string }[]; unknownLabel: string };
type Indicator = {
  key: string;
  statement: string;
  criteria: string[];
  distribution: { counts: number[]; dontKnow: number } | null;
  groupRating: { value: number | 'vet-ej'; reason: string; updatedByName: string; updatedAt: string } | null;
};

/** Gemensam skattning: the team agrees a step per indicator, with a reason. */
export function ConsensusPage() {
  const { roundId = '', teamId = '' } = useParams();
  const trpc = useTRPC();
  const view = useQuery(trpc.consensus.view.queryOptions({ roundId, teamId }));
  if (view.isPending) return <LoadingBlock label="Hämtar arbetslagets skattning …" />;
  if (view.isError) {
    return (
      <div>
        <h1>Gemensam skattning</h1>
        <QueryError error={view.error} />
        <Link to="/">Till startsidan</Link>
      </div>
    );
  }
  const v = view.data;
  return (
    <div className="consensus-page">
      <h1>Gemensam skattning – {v.team.name}</h1>
      <p className="lead">
        {v.team.unitName} · {v.round.name} · {v.submitted} i arbetslaget har skickat in sin egen skattning.{' '}
        {v.editable ? `Ni kan ändra den gemensamma skattningen till och med ${formatDayMonth(v.round.closesOn)}.` : 'Omgången är stängd.'}
      </p>
      <p>Titta på hur ni har svarat var för sig, samtala om skillnaderna och kom överens om ett steg. Skriv kort varför ni valde det.</p>
      {v.hiddenReason && (
        <div className="notice" role="status">
          {v.hiddenReason}
        </div>
      )}
      {v.areas.map((area) => (
        <section key={area.key} className="section" aria-labelledby={`area-${area.key}`}>
          <h2 id={`area-${area.key}`}>{area.title}</h2>
          {area.indicators.map((indicator) => (
            <ConsensusIndicator
              key={indicator.key}
              roundId={roundId}
              teamId={teamId}
              indicator={indicator}
              scale={v.scale}
              editable={v.editable}
            />
          ))}
        </section>
      ))}
    </div>
  );
}

function ConsensusIndicator({
  roundId,
  teamId,
  indicator,
  scale,
  editable,
}: {
  roundId: string;
  teamId: string;
  indicator: Indicator;
  scale: Scale;
  editable: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string>(indicator.groupRating ? String(indicator.groupRating.value) : '');
  const [reason, setReason] = useState(indicator.groupRating?.reason ?? '');
  const save = useMutation(
    trpc.consensus.save.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.consensus.view.queryKey({ roundId, teamId }) }),
    }),
  );
  const id = indicator.key.replaceAll('.', '-');
  const total = indicator.distribution ? indicator.distribution.counts.reduce((a, b) => a + b, 0) + indicator.distribution.dontKnow : 0;

  return (
    <article className="card consensus-item" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {indicator.statement}
      </h3>
      {indicator.distribution && (
        <table className="distribution">
          <caption className="visually-hidden">Arbetslagets egna skattningar</caption>
          <tbody>
            {scale.steps.map((step, i) => {
              const n = indicator.distribution?.counts[i] ?? 0;
              return (
                <tr key={step.value}>
                  <th scope="row">
                    {step.value} {step.label}
                  </th>
                  <td>
                    <span className={`bar bar--step-${step.value}`} style={{ width: `${total ? (n / total) * 100 : 0}%` }} />
                  </td>
                  <td className="num">{n}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">{scale.unknownLabel}</th>
              <td>
                <span className="bar bar--unknown" style={{ width: `${total ? (indicator.distribution.dontKnow / total) * 100 : 0}%` }} />
              </td>
              <td className="num">{indicator.distribution.dontKnow}</td>
            </tr>
          </tbody>
        </table>
      )}
      <form
        className="consensus-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!value) return;
          save.mutate({ roundId, teamId, indicatorKey: indicator.key, value: value === 'vet-ej' ? 'vet-ej' : Number(value), reason });
        }}
      >
        <fieldset disabled={!editable}>
          <legend>Arbetslagets gemensamma steg</legend>
          <div className="step-options">
            {scale.steps.map((step, i) => (
              <label key={step.value} className="step-option">
                <input
                  type="radio"
                  name={`${id}-value`}
                  value={step.value}
                  checked={value === String(step.value)}
                  onChange={() => setValue(String(step.value))}
                />
                <span>
                  <strong>
                    {step.value} {step.label}
                  </strong>
                  <span className="step-option__criterion">{indicator.criteria[i]}</span>
                </span>
              </label>
            ))}
            <label className="step-option">
              <input type="radio" name={`${id}-value`} value="vet-ej" checked={value === 'vet-ej'} onChange={() => setValue('vet-ej')} />
              <span>
                <strong>{scale.unknownLabel}</strong>
              </span>
            </label>
          </div>
          <label htmlFor={`${id}-reason`} className="field-label">
            Motivering
          </label>
          <textarea id={`${id}-reason`} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} required />
          {editable && (
            <button type="submit" className="button" disabled={save.isPending || !value || !reason.trim()}>
              {save.isPending ? 'Sparar …' : 'Spara gemensam skattning'}
            </button>
          )}
        </fieldset>
        {save.isError && (
          <p className="notice notice--error" role="alert">
            {save.error.message}
          </p>
        )}
        {indicator.groupRating && (
          <p className="card__meta" role="status">
            Senast ändrad av {indicator.groupRating.updatedByName} {timeFormat.format(new Date(indicator.groupRating.updatedAt))}
          </p>
        )}
      </form>
    </article>
  );
}
