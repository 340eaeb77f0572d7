import { useEffect, useRef } from 'react';

interface Props {
  open: boolean;
  unanswered: number;
  total: number;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks for confirmation before submitting, saying how many indicators are unanswered. */
export function SubmitDialog({ open, unanswered, total, pending, error, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="submit-title" aria-describedby="submit-text" onCancel={onCancel}>
      <h2 id="submit-title">Skicka in din skattning?</h2>
      <div id="submit-text">
        {unanswered > 0 ? (
          <p>
            <strong>
              {unanswered} av {total} indikatorer är obesvarade.
            </strong>{' '}
            Obesvarade indikatorer räknas inte med i resultatet. Du kan gå tillbaka och svara, eller skicka in ändå.
          </p>
        ) : (
          <p>Du har svarat på alla {total} indikatorer.</p>
        )}
        <p>När skattningen är inskickad kan du inte ändra svaren. Dina svar är anonyma.</p>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onConfirm} disabled={pending}>
          {pending ? 'Skickar …' : 'Skicka in'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={pending}>
          {unanswered > 0 ? 'Fortsätt svara' : 'Avbryt'}
        </button>
      </div>
    </dialog>
  );
}
