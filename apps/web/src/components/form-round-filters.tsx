import type { ReactNode } from 'react';
import { schoolFormLabel } from '../i18n/sv.ts';

/** The school form and round selects of the result pages; more filters can follow as children. */
export function FormRoundFilters({
  forms,
  form,
  rounds,
  roundId,
  onChange,
  children,
}: {
  forms: string[];
  form: string;
  rounds: { roundId: string; name: string; state?: string }[];
  roundId: string | null;
  onChange: (changes: { skolform?: string; omgang: string | null }) => void;
  children?: ReactNode;
}) {
  return (
    <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span className="field-label">Skolform</span>
        <select value={form} onChange={(e) => onChange({ skolform: e.target.value, omgang: null })}>
          {forms.map((f) => (
            <option key={f} value={f}>
              {schoolFormLabel(f)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Omgång</span>
        <select value={roundId ?? ''} onChange={(e) => onChange({ omgang: e.target.value })}>
          {rounds.map((r) => (
            <option key={r.roundId} value={r.roundId}>
              {r.name}
              {r.state === 'open' ? ' (pågår)' : ''}
            </option>
          ))}
        </select>
      </label>
      {children}
    </form>
  );
}
