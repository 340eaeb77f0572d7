import { targetText } from '@kvalitetshjulet/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RichTextView } from './rich-text-view.tsx';
import type { Scope } from './scope.ts';

type Workspace = Outputs['qualityCycle']['workspace'];
type Priority = Workspace['priorities'][number];

/** Prioriterade utvecklingsområden: 1–4, each linked to indicators with a target level. */
export function PrioritiesSection({ scope, workspace: w }: { scope: Scope; workspace: Workspace }) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.qualityCycle.deletePriority.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() }),
    }),
  );
  return (
    <section className="section" aria-labelledby="prioriteringar">
      <h2 id="prioriteringar">Prioriterade utvecklingsområden</h2>
      <p className="muted">
        Välj ett till fyra områden att utveckla. Koppla varje område till indikatorer och sätt en målnivå på skalan 1–{w.scale.steps}.
      </p>
      {w.priorityWarning && (
        <p className="notice" role="status">
          {w.priorityWarning}
        </p>
      )}
      {w.priorities.length === 0 && <p className="empty">Inga prioriteringar ännu.</p>}
      <ol className="priority-list">
        {w.priorities.map((p) => (
          <li key={p.id} className="card priority">
            {editing === p.id ? (
              <PriorityForm scope={scope} workspace={w} priority={p} onDone={() => setEditing(null)} />
            ) : (
              <PriorityCard priority={p} />
            )}
            {w.canEdit && editing !== p.id && (
              <div className="button-row">
                <button type="button" className="button button--quiet button--small" onClick={() => setEditing(p.id)}>
                  Ändra <span className="visually-hidden">{p.title}</span>
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => {
                    if (window.confirm(`Ta bort ”${p.title}” med dess aktiviteter?`)) remove.mutate({ priorityId: p.id });
                  }}
                >
                  Ta bort <span className="visually-hidden">{p.title}</span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {remove.isError && <p className="notice notice--error">{remove.error.message}</p>}
      {w.canEdit &&
        (editing === 'new' ? (
          <div className="card">
            <h3>Nytt utvecklingsområde</h3>
            <PriorityForm scope={scope} workspace={w} onDone={() => setEditing(null)} />
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Lägg till prioritering
          </button>
        ))}
    </section>
  );
}

function PriorityCard({ priority: p }: { priority: Priority }) {
  return (
    <>
      <h3 className="priority__title">{p.title}</h3>
      {p.origin && (
        <p className="muted">
          Förd vidare från {p.origin.roundName}: {p.origin.title}
        </p>
      )}
      {p.organizerPriority && <p className="muted">Kopplad till huvudmannens prioritering: {p.organizerPriority.title}</p>}
      <dl className="priority__facts">
        <dt>Motivering</dt>
        <dd>
          <RichTextView text={p.reason} empty="Ingen motivering skriven." />
        </dd>
        <dt>Mål</dt>
        <dd>
          <RichTextView text={p.goal} empty="Inget mål skrivet." />
        </dd>
        <dt>Indikatorer och målnivå</dt>
        <dd>
          <ul>
            {p.indicators.map((i) => (
              <li key={i.indicatorKey}>
                {i.statement} <span className="muted">({i.areaTitle})</span> –{' '}
                {i.targetMean === null ? 'ingen målnivå' : targetText(i.targetMean)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </>
  );
}

function parseDecimal(value: string): number | null {
  const t = value.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

function PriorityForm({
  scope,
  workspace: w,
  priority,
  onDone,
}: {
  scope: Scope;
  workspace: Workspace;
  priority?: Priority;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const firstFinding = w.findings.find((f) => f.snapshot.kind === 'weakness') ?? w.findings[0];
  const [title, setTitle] = useState(priority?.title ?? '');
  const [reason, setReason] = useState(priority?.reason ?? (firstFinding ? firstFinding.snapshot.reason : ''));
  const [goal, setGoal] = useState(priority?.goal ?? '');
  const [organizerPriorityId, setOrganizerPriorityId] = useState(priority?.organizerPriority?.id ?? '');
  const [indicators, setIndicators] = useState<{ indicatorKey: string; target: string }[]>(
    priority?.indicators.map((i) => ({
      indicatorKey: i.indicatorKey,
      target: i.targetMean === null ? '' : String(i.targetMean).replace('.', ','),
    })) ?? (firstFinding ? [{ indicatorKey: firstFinding.snapshot.indicatorKey, target: '' }] : []),
  );
  const [warning, setWarning] = useState<string | null>(null);
  const save = useMutation(
    trpc.qualityCycle.savePriority.mutationOptions({
      onSuccess: async (r) => {
        setWarning(r.warning);
        await queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() });
        onDone();
      },
    }),
  );
  const statement = new Map(w.indicators.map((i) => [i.key, i.statement]));
  const chosen = new Set(indicators.map((i) => i.indicatorKey));
  const fromFindings = [...new Set(w.findings.map((f) => f.snapshot.indicatorKey))].filter((k) => !chosen.has(k));

  return (
    <form
      className="form-grid priority-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          roundId: scope.roundId,
          schoolUnitId: scope.schoolUnitId,
          priorityId: priority?.id,
          title,
          reason,
          goal,
          organizerPriorityId: organizerPriorityId || null,
          indicators: indicators.map((i) => ({ indicatorKey: i.indicatorKey, targetMean: parseDecimal(i.target) })),
        });
      }}
    >
      <label className="field field--wide">
        <span className="field-label">Utvecklingsområde</span>
        <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </label>
      <label className="field field--wide">
        <span className="field-label">Motivering</span>
        <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label className="field field--wide">
        <span className="field-label">Mål i ord</span>
        <textarea rows={3} value={goal} onChange={(e) => setGoal(e.target.value)} />
      </label>
      <fieldset className="field field--wide">
        <legend className="field-label">Indikatorer och målnivå</legend>
        {indicators.length === 0 && <p className="empty">Välj minst en indikator.</p>}
        <ul className="priority-form__indicators">
          {indicators.map((i, k) => (
            <li key={i.indicatorKey}>
              <span>{statement.get(i.indicatorKey) ?? i.indicatorKey}</span>
              <label className="field">
                <span className="field-label">Målnivå: medelvärde minst (1–{w.scale.steps})</span>
                <input
                  type="text"
                  inputMode="decimal"
                  value={i.target}
                  placeholder="t.ex. 3,0"
                  onChange={(e) => setIndicators(indicators.map((x, j) => (j === k ? { ...x, target: e.target.value } : x)))}
                />
              </label>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => setIndicators(indicators.filter((_, j) => j !== k))}
              >
                Ta bort indikatorn
              </button>
            </li>
          ))}
        </ul>
        <label className="field" htmlFor={`${id}-add`}>
          <span className="field-label">Lägg till indikator</span>
        </label>
        <select
          id={`${id}-add`}
          value=""
          onChange={(e) => {
            if (e.target.value) setIndicators([...indicators, { indicatorKey: e.target.value, target: '' }]);
          }}
        >
          <option value="">Välj indikator …</option>
          {fromFindings.length > 0 && (
            <optgroup label="Fynd i analysen">
              {fromFindings.map((k) => (
                <option key={`f-${k}`} value={k}>
                  {statement.get(k) ?? k}
                </option>
              ))}
            </optgroup>
          )}
          {w.areas.map((a) => (
            <optgroup key={a.key} label={a.title}>
              {w.indicators
                .filter((i) => i.areaKey === a.key && !chosen.has(i.key))
                .map((i) => (
                  <option key={i.key} value={i.key}>
                    {i.statement}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </fieldset>
      {w.scope.kind === 'unit' && w.organizerPriorities.length > 0 && (
        <label className="field field--wide">
          <span className="field-label">Kopplad till huvudmannens prioritering</span>
          <select value={organizerPriorityId} onChange={(e) => setOrganizerPriorityId(e.target.value)}>
            <option value="">Ingen koppling</option>
            {w.organizerPriorities.map((op) => (
              <option key={op.id} value={op.id}>
                {op.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {save.isError && (
        <p className="notice notice--error field--wide" role="alert">
          {save.error.message}
        </p>
      )}
      {warning && <p className="notice field--wide">{warning}</p>}
      <div className="button-row field--wide">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Sparar …' : 'Spara prioriteringen'}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Avbryt
        </button>
      </div>
    </form>
  );
}
