import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { SpreadsheetFileField, useChosenFile } from '../../components/spreadsheet-file-field.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatInteger } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** "1 värde", "3 värden" */
function valuesText(n: number): string {
  return `${formatInteger(n)} ${n === 1 ? 'värde' : 'värden'}`;
}

type Mapping =
  | { kind: 'ignore' }
  | { kind: 'measure'; measureId: string }
  | { kind: 'new'; name: string; unitOfMeasure: string; source: string };

/**
 * Import of outcome values from .xlsx or CSV, as the administration import works: preview every
 * row's problem, then write in one transaction after confirmation. A wide file (national statistics
 * export: one column per measure) gets a mapping of its columns and a period.
 */
export function ImportSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const periodId = useId();
  const { file, readError, choose: read } = useChosenFile();
  const [period, setPeriod] = useState('');
  const [mapping, setMapping] = useState<Record<number, Mapping>>({});
  const preview = useMutation(trpc.outcomeMeasures.previewImport.mutationOptions());
  const apply = useMutation(
    trpc.outcomeMeasures.applyImport.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.outcomeMeasures.catalogue.queryKey() }),
    }),
  );
  const requestFor = (m: Record<number, Mapping>, p: string) =>
    file && { ...file, period: p || null, mapping: Object.entries(m).map(([index, x]) => ({ index: Number(index), mapping: x })) };
  const request = () => requestFor(mapping, period);
  const rerun = (nextMapping: Record<number, Mapping>, nextPeriod: string) => {
    setMapping(nextMapping);
    setPeriod(nextPeriod);
    const next = requestFor(nextMapping, nextPeriod);
    if (next) preview.mutate(next);
  };

  const choose = async (chosen: File | undefined) => {
    preview.reset();
    apply.reset();
    setMapping({});
    setPeriod('');
    await read(chosen);
  };

  const result = preview.data;
  const mappingOf = (c: { index: number; suggestedMeasureId: string | null }): Mapping =>
    mapping[c.index] ?? (c.suggestedMeasureId ? { kind: 'measure', measureId: c.suggestedMeasureId } : { kind: 'ignore' });
  return (
    <section className="section card" aria-labelledby="outcome-import">
      <h2 id="outcome-import">Läs in värden från fil</h2>
      <p>
        Två format går att läsa. <strong>En rad per värde</strong> med kolumnerna Enhet (eller Enhetskod), Mått, Period, Värde och gärna
        Måttenhet, Källa och n. <strong>En rad per enhet</strong>, som exporterna från den nationella statistiken: Skolenhetskod och
        Skolenhet och en kolumn per mått – då väljer du vilket mått varje kolumn är och vilken period filen gäller. Period skrivs som läsår
        (2025/26) eller termin (HT 2025, VT 2026). Värden som källan inte redovisar (”.”, ”..”, ”–”) hoppas över. Samma fil två gånger
        uppdaterar värdena.
      </p>
      <SpreadsheetFileField readError={readError} onChoose={(f) => void choose(f)} />
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={!file || preview.isPending}
          onClick={() => file && preview.mutate(request() ?? file)}
        >
          Förhandsgranska
        </button>
      </div>
      {preview.isError && (
        <p className="notice notice--error" role="alert">
          {preview.error.message}
        </p>
      )}
      {result && !apply.isSuccess && (
        <section aria-labelledby="outcome-preview" className="preview">
          <h3 id="outcome-preview">Förhandsgranskning av {file?.fileName}</h3>
          {result.layout === 'wide' && (
            <fieldset className="form-grid">
              <legend>Filen har en rad per enhet. Välj period och vad varje kolumn är.</legend>
              <div className="field">
                <label className="field-label" htmlFor={periodId}>
                  Period för filens värden
                </label>
                <input
                  id={periodId}
                  placeholder="t.ex. 2025/26"
                  value={period}
                  onChange={(e) => setPeriod(e.target.value)}
                  onBlur={(e) => rerun(mapping, e.target.value)}
                />
              </div>
              {result.columns.map((c) => {
                const m = mappingOf(c);
                const value = m.kind === 'measure' ? m.measureId : m.kind;
                return (
                  <div key={c.index} className="field">
                    <label className="field-label" htmlFor={`${periodId}-col-${c.index}`}>
                      Kolumnen ”{c.header}”
                    </label>
                    <select
                      id={`${periodId}-col-${c.index}`}
                      value={value}
                      onChange={(e) => {
                        const v = e.target.value;
                        const next: Mapping =
                          v === 'ignore'
                            ? { kind: 'ignore' }
                            : v === 'new'
                              ? { kind: 'new', name: c.header, unitOfMeasure: '', source: '' }
                              : { kind: 'measure', measureId: v };
                        rerun({ ...mapping, [c.index]: next }, period);
                      }}
                    >
                      <option value="ignore">Läs inte in</option>
                      <option value="new">Nytt mått: {c.header}</option>
                      {result.measures.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })}
            </fieldset>
          )}
          {result.fileProblems.length > 0 ? (
            <div className="notice notice--error" role="alert">
              {result.fileProblems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          ) : (
            <>
              <p role="status">
                {`${formatInteger(result.rowCount)} rader i filen: ${valuesText(result.valueCount)} kan läsas in (${formatInteger(result.newValues)} nya, ${formatInteger(result.updatedValues)} ersätter tidigare värden), ${formatInteger(result.problems.length)} ${result.problems.length === 1 ? 'rad har' : 'rader har'} problem. Inget är sparat ännu.`}
              </p>
              {result.newMeasures.length > 0 && <p>Nya mått i katalogen: {result.newMeasures.map((m) => m.name).join(', ')}.</p>}
            </>
          )}
          {result.problems.length > 0 && (
            <TableWrap label="Problem i filen">
              <table className="data-table">
                <caption>Problem i filen ({formatInteger(result.problems.length)}). Raderna läses inte in.</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Rad
                    </th>
                    <th scope="col">Problem och vad du kan göra</th>
                  </tr>
                </thead>
                <tbody>
                  {result.problems.map((p) => (
                    <tr key={`${p.row}-${p.message}`}>
                      <th scope="row" className="num">
                        {p.row}
                      </th>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {result.notes.length > 0 && (
            <details className="intro">
              <summary>Värden som hoppas över ({formatInteger(result.notes.length)})</summary>
              <ul>
                {result.notes.map((n) => (
                  <li key={`${n.row}-${n.message}`}>
                    Rad {n.row}: {n.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {result.fileProblems.length === 0 && result.valueCount > 0 && (
            <div className="actions">
              <button type="button" className="button" disabled={apply.isPending} onClick={() => file && apply.mutate(request() ?? file)}>
                Läs in {valuesText(result.valueCount)}
              </button>
            </div>
          )}
          {apply.isError && (
            <p className="notice notice--error" role="alert">
              {apply.error.message}
            </p>
          )}
        </section>
      )}
      {apply.isSuccess && (
        <p className="notice notice--done" role="status">
          Klart: {formatInteger(apply.data.written.inserted)} {apply.data.written.inserted === 1 ? 'nytt värde' : 'nya värden'} och{' '}
          {formatInteger(apply.data.written.updated)} {apply.data.written.updated === 1 ? 'uppdaterat' : 'uppdaterade'}
          {apply.data.written.measuresCreated > 0 ? `, ${formatInteger(apply.data.written.measuresCreated)} nya mått` : ''}.
        </p>
      )}
    </section>
  );
}
