/** A plain message for a failed request; the text is the server's Swedish message. */
export function QueryError({ error }: { error: { message: string } }) {
  return (
    <div className="notice notice--error" role="alert">
      <p>{error.message || 'Uppgifterna kunde inte hämtas. Försök igen.'}</p>
    </div>
  );
}
