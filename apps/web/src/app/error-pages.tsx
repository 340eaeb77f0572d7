import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function ErrorPage() {
  const error = useRouteError();
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  if (code === 'FORBIDDEN') return <ForbiddenPage />;
  if (code === 'NOT_FOUND' || (isRouteErrorResponse(error) && error.status === 404)) return <NotFoundPage />;
  return (
    <div className="page">
      <h1>Något gick fel</h1>
      <p className="lead">Sidan kunde inte visas. Dina sparade uppgifter finns kvar. Försök igen om en stund.</p>
      <p>
        <Link to="/">Till startsidan</Link>
      </p>
    </div>
  );
}

export function ForbiddenPage() {
  return (
    <div>
      <h1>Du har inte behörighet till den här sidan</h1>
      <p className="lead">
        Sidan hör till en enhet eller en roll som du inte har. Behöver du komma åt den? Kontakta din rektor eller administratören hos
        huvudmannen.
      </p>
      <p>
        <Link to="/">Till startsidan</Link>
      </p>
    </div>
  );
}

export function NotFoundPage() {
  return (
    <div>
      <h1>Sidan finns inte</h1>
      <p className="lead">Adressen kan vara felskriven, eller så har sidan flyttats.</p>
      <p>
        <Link to="/">Till startsidan</Link>
      </p>
    </div>
  );
}
