import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SpreadsheetFileField, useChosenFile } from '../../components/spreadsheet-file-field.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { downloadBase64 } from '../../lib/files.ts';
import { formatInteger } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AdminNav } from './admin-nav.tsx';

/** Import och export: the organisation as .xlsx or CSV, and import with a preview of every problem. */
export function ImportExportPage() {
  return (
    <div>
      <h1>Import och export</h1>
      <p className="lead">
        Läs in enheter, arbetslag och personal från en Excel- eller CSV-fil. Du ser alla problem innan något sparas. Exporten har samma
        format och kan användas som mall.
      </p>
      <AdminNav />
      <ExportSection />
      <ImportSection />
    </div>
  );
}

function ExportSection() {
  const trpc = useTRPC();
  const exporter = useMutation(
    trpc.administration.exportOrganization.mutationOptions({
      onSuccess: (file) => downloadBase64(file.fileName, file.mimeType, file.contentBase64),
    }),
  );
  return (
    <section className="section card" aria-labelledby="export">
      <h2 id="export">Exportera organisationen</h2>
      <p>Alla aktiva enheter, arbetslag och personer med roller, en rad per roll. Varje export loggas.</p>
      <div className="actions">
        <button type="button" className="button" disabled={exporter.isPending} onClick={() => exporter.mutate({ format: 'xlsx' })}>
          Ladda ner Excel (.xlsx)
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={exporter.isPending}
          onClick={() => exporter.mutate({ format: 'csv' })}
        >
          Ladda ner CSV
        </button>
      </div>
      {exporter.isSuccess && (
        <p role="status" className="card__meta">
          {exporter.data.fileName} är nedladdad.
        </p>
      )}
      {exporter.isError && (
        <p className="notice notice--error" role="alert">
          {exporter.error.message}
        </p>
      )}
    </section>
  );
}

function ImportSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { file, readError, choose: read } = useChosenFile();
  const preview = useMutation(trpc.administration.previewImport.mutationOptions());
  const apply = useMutation(
    trpc.administration.applyImport.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.administration.units.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.administration.users.queryKey() }),
        ]);
      },
    }),
  );

  const choose = async (chosen: File | undefined) => {
    preview.reset();
    apply.reset();
    await read(chosen);
  };

  const result = preview.data;
  return (
    <section className="section card" aria-labelledby="import">
      <h2 id="import">Importera från fil</h2>
      <p>
        En rad per person och roll med kolumnerna Enhet; Enhetskod; Skolformer; Arbetslag; Arbetslagets skolform; Namn; E-post; Titel; Roll
        (Medarbetare, Rektor, Huvudman eller Administratör). Befintliga enheter, arbetslag och personer känns igen på namn, enhetskod och
        e-post och ändras inte.
      </p>
      <SpreadsheetFileField readError={readError} onChoose={(f) => void choose(f)} />
      <div className="actions">
        <button type="button" className="button" disabled={!file || preview.isPending} onClick={() => file && preview.mutate(file)}>
          Förhandsgranska
        </button>
      </div>
      {preview.isError && (
        <p className="notice notice--error" role="alert">
          {preview.error.message}
        </p>
      )}
      {result && !apply.isSuccess && (
        <section aria-labelledby="preview" className="preview">
          <h3 id="preview">Förhandsgranskning av {file?.fileName}</h3>
          {result.fileProblems.length > 0 ? (
            <div className="notice notice--error" role="alert">
              {result.fileProblems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          ) : (
            <>
              <p role="status">
                {formatInteger(result.rowCount)} rader i filen: {formatInteger(result.validRowCount)} kan läsas in,{' '}
                {formatInteger(result.rowCount - result.validRowCount)} har problem. Inget är sparat ännu.
              </p>
              <dl className="facts">
                <div>
                  <dt>Nya enheter</dt>
                  <dd>{result.newUnits.join(', ') || 'Inga'}</dd>
                </div>
                <div>
                  <dt>Nya arbetslag</dt>
                  <dd>{result.newTeams.join(', ') || 'Inga'}</dd>
                </div>
                <div>
                  <dt>Nya personer</dt>
                  <dd>{formatInteger(result.newUsers.length)}</dd>
                </div>
                <div>
                  <dt>Nya roller</dt>
                  <dd>{formatInteger(result.newRoleCount)}</dd>
                </div>
              </dl>
              {result.problems.length > 0 && (
                <TableWrap label="Problem i filen">
                  <table className="data-table">
                    <caption>Problem i filen ({formatInteger(result.problems.length)}). Raderna läses inte in.</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          Rad
                        </th>
                        <th scope="col">Kolumn</th>
                        <th scope="col">Problem och vad du kan göra</th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.problems.map((p) => (
                        <tr key={`${p.line}-${p.column}-${p.message}`}>
                          <th scope="row" className="num">
                            {p.line}
                          </th>
                          <td>{p.column ?? '–'}</td>
                          <td>{p.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              {result.newUsers.length > 0 && (
                <details className="intro">
                  <summary>Visa nya personer ({formatInteger(result.newUsers.length)})</summary>
                  <ul>
                    {result.newUsers.map((u) => (
                      <li key={u}>{u}</li>
                    ))}
                  </ul>
                </details>
              )}
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  disabled={result.validRowCount === 0 || apply.isPending || !file}
                  onClick={() => file && apply.mutate(file)}
                >
                  Läs in {formatInteger(result.validRowCount)} rader
                </button>
                <button type="button" className="button button--quiet" onClick={() => preview.reset()}>
                  Avbryt
                </button>
              </div>
              {result.validRowCount === 0 && <p>Ingen rad kan läsas in. Rätta problemen i filen och välj den igen.</p>}
            </>
          )}
        </section>
      )}
      {apply.isError && (
        <p className="notice notice--error" role="alert">
          {apply.error.message}
        </p>
      )}
      {apply.isSuccess && (
        <div className="notice notice--done" role="status">
          <p>
            Klart: {formatInteger(apply.data.validRowCount)} rader är inlästa. {formatInteger(apply.data.newUnits.length)} nya enheter,{' '}
            {formatInteger(apply.data.newTeams.length)} nya arbetslag, {formatInteger(apply.data.newUsers.length)} nya personer och{' '}
            {formatInteger(apply.data.newRoleCount)} nya roller.
            {apply.data.problems.length > 0 && ` ${formatInteger(apply.data.problems.length)} problem lästes inte in.`}
          </p>
        </div>
      )}
    </section>
  );
}
