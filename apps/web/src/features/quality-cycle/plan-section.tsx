import { ACTIVITY_STATUS_LABELS, ACTIVITY_STATUSES, type ActivityStatus } from '@kvalitetshjulet/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { Timeline } from './timeline.tsx';

type Workspace = Outputs['qualityCycle']['workspace'];
type Priority = Workspace['priorities'][number];
type Activity = Priority['activities'][number];

/** Hur gör vi? The development plan: activities per priority, and the school year as a timeline. */
export function PlanSection({ workspace: w }: { workspace: Workspace }) {
  return (
    <section className="section" aria-labelledby="plan">
      <h2 id="plan">Hur gör vi? Utvecklingsplan</h2>
      <p className="muted">
        Aktiviteter per prioriterat område: vem som ansvarar, när, med vilka resurser, vad ni väntar er och hur ni följer upp.
      </p>
      {w.priorities.length === 0 && <p className="empty">Lägg först till en prioritering; sedan planerar ni aktiviteterna för den.</p>}
      {w.priorities.map((p) => (
        <div key={p.id} className="plan-priority">
          <h3>{p.title}</h3>
          <ActivityList priority={p} canEdit={w.canEdit} />
        </div>
      ))}
      {w.priorities.some((p) => p.activities.length > 0) && <Timeline workspace={w} />}
    </section>
  );
}

function ActivityList({ priority: p, canEdit }: { priority: Priority; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.qualityCycle.deleteActivity.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() }),
    }),
  );
  return (
    <>
      {p.activities.length === 0 ? (
        <p className="empty">Inga aktiviteter ännu.</p>
      ) : (
        <ul className="activity-list">
          {p.activities.map((a) =>
            editing === a.id ? (
              <li key={a.id} className="card">
                <ActivityForm priorityId={p.id} activity={a} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={a.id} className="card activity">
                <h4 className="activity__title">{a.title}</h4>
                <p className="activity__meta">
                  {formatDate(a.startsOn)} – {formatDate(a.endsOn)} ·{' '}
                  <span className={`status status--${a.status}`}>{ACTIVITY_STATUS_LABELS[a.status]}</span>
                </p>
                <dl className="activity__facts">
                  <dt>Ansvarig</dt>
                  <dd>{a.responsible || '–'}</dd>
                  <dt>Resurser</dt>
                  <dd>{a.resources || '–'}</dd>
                  <dt>Förväntad effekt</dt>
                  <dd>{a.expectedEffect || '–'}</dd>
                  <dt>Uppföljning</dt>
                  <dd>{a.followUp || '–'}</dd>
                </dl>
                {canEdit && (
                  <div className="button-row">
                    <button type="button" className="button button--quiet button--small" onClick={() => setEditing(a.id)}>
                      Ändra <span className="visually-hidden">{a.title}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() => {
                        if (window.confirm(`Ta bort aktiviteten ”${a.title}”?`)) remove.mutate({ activityId: a.id });
                      }}
                    >
                      Ta bort <span className="visually-hidden">{a.title}</span>
                    </button>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {remove.isError && <p className="notice notice--error">{remove.error.message}</p>}
      {canEdit &&
        (editing === 'new' ? (
          <div className="card">
            <h4>Ny aktivitet för {p.title}</h4>
            <ActivityForm priorityId={p.id} onDone={() => setEditing(null)} />
          </div>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setEditing('new')}>
            Lägg till aktivitet <span className="visually-hidden">för {p.title}</span>
          </button>
        ))}
    </>
  );
}

function ActivityForm({ priorityId, activity, onDone }: { priorityId: string; activity?: Activity; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [v, setV] = useState({
    title: activity?.title ?? '',
    responsible: activity?.responsible ?? '',
    startsOn: activity?.startsOn ?? '',
    endsOn: activity?.endsOn ?? '',
    resources: activity?.resources ?? '',
    expectedEffect: activity?.expectedEffect ?? '',
    followUp: activity?.followUp ?? '',
    status: (activity?.status ?? 'planned') as ActivityStatus,
  });
  const save = useMutation(
    trpc.qualityCycle.saveActivity.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() });
        onDone();
      },
    }),
  );
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [key]: e.target.value });
  return (
    <form
      className="form-grid activity-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ priorityId, activityId: activity?.id, ...v });
      }}
    >
      <label className="field field--wide">
        <span className="field-label">Aktivitet</span>
        <input type="text" value={v.title} onChange={set('title')} required maxLength={300} />
      </label>
      <label className="field">
        <span className="field-label">Ansvarig</span>
        <input type="text" value={v.responsible} onChange={set('responsible')} maxLength={200} />
      </label>
      <label className="field">
        <span className="field-label">Startdatum</span>
        <input type="date" value={v.startsOn} onChange={set('startsOn')} required />
      </label>
      <label className="field">
        <span className="field-label">Slutdatum</span>
        <input type="date" value={v.endsOn} onChange={set('endsOn')} required />
      </label>
      <label className="field">
        <span className="field-label">Status</span>
        <select value={v.status} onChange={set('status')}>
          {ACTIVITY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTIVITY_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--wide">
        <span className="field-label">Resurser</span>
        <input type="text" value={v.resources} onChange={set('resources')} maxLength={2000} />
      </label>
      <label className="field field--wide">
        <span className="field-label">Förväntad effekt</span>
        <textarea rows={2} value={v.expectedEffect} onChange={set('expectedEffect')} maxLength={2000} />
      </label>
      <label className="field field--wide">
        <span className="field-label">Hur och när följs det upp?</span>
        <textarea rows={2} value={v.followUp} onChange={set('followUp')} maxLength={2000} />
      </label>
      {save.isError && (
        <p className="notice notice--error field--wide" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="button-row field--wide">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Sparar …' : 'Spara aktiviteten'}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Avbryt
        </button>
      </div>
    </form>
  );
}
