type Suppressible<T> = { suppressed: false; value: T } | { suppressed: true; value: null; explanation: string };

/** "–" with its reason for a hidden value; the figure otherwise. */
export function Cell<T>({ figures, render }: { figures: Suppressible<T> | null; render: (value: T) => string }) {
  if (!figures) return <span className="muted">–</span>;
  if (figures.suppressed) {
    return (
      <span className="suppressed" title={figures.explanation}>
        –<span className="visually-hidden"> ({figures.explanation})</span>
      </span>
    );
  }
  return <>{render(figures.value)}</>;
}
