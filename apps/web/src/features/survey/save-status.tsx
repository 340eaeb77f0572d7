import type { SaveStatus } from './use-autosave.ts';

const time = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit' });

/** "Sparat kl. 14:02", or a plain banner when the network is down. */
export function SaveStatusLine({ status }: { status: SaveStatus }) {
  if (status.kind === 'offline') {
    return (
      <div className="notice notice--offline" role="status">
        <strong>Ingen anslutning</strong> – dina svar sparas på enheten och skickas när anslutningen är tillbaka.
      </div>
    );
  }
  if (status.kind === 'error') {
    return (
      <div className="notice notice--error" role="alert">
        {status.message}
      </div>
    );
  }
  return (
    <p className="save-status" role="status" aria-live="polite">
      {status.kind === 'saving' && 'Sparar …'}
      {status.kind === 'saved' && `Sparat kl. ${time.format(status.at)}`}
      {status.kind === 'idle' && 'Dina svar sparas automatiskt medan du svarar.'}
    </p>
  );
}
