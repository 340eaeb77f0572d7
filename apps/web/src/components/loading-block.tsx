/** A calm placeholder while content is coming (a skeleton, not a spinner). */
export function LoadingBlock({ label }: { label: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      <div className="skeleton__line skeleton__line--wide" />
      <div className="skeleton__line" />
      <div className="skeleton__line" />
    </div>
  );
}
