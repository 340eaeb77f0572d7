import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RichTextView } from './rich-text-view.tsx';
import { formatDateTime, formatTime, type Scope } from './scope.ts';

type Saved = Outputs['qualityCycle']['workspace']['analysis'];
type Target =
  | { kind: 'analysis' }
  | { kind: 'evidence' }
  | { kind: 'cause'; findingId: string }
  | { kind: 'evaluation'; priorityId: string };

const DEBOUNCE_MS = 1200;

/**
 * A text that saves itself: a moment after typing stops and when the field loses focus. Each save
 * sends the revision it started from; when someone else saved in between, nothing is overwritten:
 * both texts are shown side by side and the writer chooses (their own text is never discarded).
 */
export function AutosaveText({
  scope,
  target,
  saved,
  canEdit,
  label,
  hint,
  rows = 6,
  emptyText,
}: {
  scope: Scope;
  target: Target;
  saved: Saved;
  canEdit: boolean;
  label: string;
  hint?: string;
  rows?: number;
  emptyText?: string;
}) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  // After a save, the page's data (and the report) are read again; a field with unsaved changes keeps its text.
  const save = useMutation(
    trpc.qualityCycle.saveText.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.qualityCycle.workspace.queryKey() }),
    }),
  );
  const [value, setValue] = useState(saved.body);
  const [status, setStatus] = useState<{ kind: 'idle' | 'dirty' | 'saving' | 'saved' | 'error'; at?: string; message?: string }>({
    kind: 'idle',
  });
  const [conflict, setConflict] = useState<{ current: Saved; message: string } | null>(null);
  const base = useRef({ revision: saved.revision, body: saved.body });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const valueRef = useRef(value);
  valueRef.current = value;

  // A newer stored text (e.g. after a reload of the page's data) replaces ours only when we have no unsaved changes.
  useEffect(() => {
    if (saved.revision > base.current.revision && valueRef.current === base.current.body) {
      base.current = { revision: saved.revision, body: saved.body };
      setValue(saved.body);
    }
  }, [saved.revision, saved.body]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  async function saveNow(body: string, baseRevision: number) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setStatus({ kind: 'saving' });
    try {
      const r = await save.mutateAsync({ roundId: scope.roundId, schoolUnitId: scope.schoolUnitId, target, body, baseRevision });
      if (r.status === 'saved') {
        base.current = { revision: r.revision, body };
        setConflict(null);
        setStatus({ kind: valueRef.current === body ? 'saved' : 'dirty', at: r.updatedAt });
        if (valueRef.current !== body) schedule();
      } else {
        setConflict({ current: r.current, message: r.message });
        setStatus({ kind: 'idle' });
      }
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : 'Texten kunde inte sparas.' });
    }
  }

  function schedule() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (valueRef.current !== base.current.body) void saveNow(valueRef.current, base.current.revision);
    }, DEBOUNCE_MS);
  }

  if (!canEdit) {
    return (
      <div className="autosave autosave--read">
        <h4 className="autosave__label">{label}</h4>
        <RichTextView text={saved.body} empty={emptyText} />
        {saved.updatedAt && (
          <p className="muted autosave__meta">
            Senast sparad av {saved.updatedByName ?? 'okänd'} {formatDateTime(saved.updatedAt)}
          </p>
        )}
      </div>
    );
  }

  const statusText =
    status.kind === 'saving'
      ? 'Sparar …'
      : status.kind === 'saved' && status.at
        ? `Sparat kl. ${formatTime(status.at)}`
        : status.kind === 'dirty'
          ? 'Inte sparat ännu'
          : status.kind === 'error'
            ? `Kunde inte spara: ${status.message} Din text finns kvar här.`
            : saved.updatedAt
              ? `Senast sparad av ${saved.updatedByName ?? 'okänd'} ${formatDateTime(saved.updatedAt)}`
              : '';

  return (
    <div className="autosave">
      <label className="field" htmlFor={id}>
        <span className="field-label">{label}</span>
        {hint && <span className="field-hint">{hint}</span>}
      </label>
      {conflict ? (
        <div className="conflict" role="alert">
          <p className="notice notice--error">{conflict.message}</p>
          <div className="conflict__columns">
            <div>
              <label className="field-label" htmlFor={id}>
                Din version
              </label>
              <textarea id={id} rows={rows} value={value} onChange={(e) => setValue(e.target.value)} />
            </div>
            <div>
              <p className="field-label" id={`${id}-stored`}>
                Sparad av {conflict.current.updatedByName ?? 'någon annan'} kl.{' '}
                {conflict.current.updatedAt ? formatTime(conflict.current.updatedAt) : ''}
              </p>
              <textarea rows={rows} value={conflict.current.body} readOnly aria-labelledby={`${id}-stored`} />
            </div>
          </div>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void saveNow(value, conflict.current.revision)}>
              Spara min version
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                base.current = { revision: conflict.current.revision, body: conflict.current.body };
                setValue(conflict.current.body);
                setConflict(null);
                setStatus({ kind: 'saved', at: conflict.current.updatedAt ?? undefined });
              }}
            >
              Använd den sparade
            </button>
          </div>
          <p className="muted">Vill du slå ihop texterna? Redigera din version och välj ”Spara min version”.</p>
        </div>
      ) : (
        <textarea
          id={id}
          rows={rows}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setStatus({ kind: 'dirty' });
            schedule();
          }}
          onBlur={() => {
            if (value !== base.current.body) void saveNow(value, base.current.revision);
          }}
        />
      )}
      <p className="muted autosave__status" aria-live="polite">
        {statusText}
      </p>
    </div>
  );
}
