import { useId, useState } from 'react';
import { readFileAsBase64 } from '../lib/files.ts';

/** The largest file an import takes (the server refuses more). */
const MAX_BYTES = 700_000;

export interface ChosenFile {
  fileName: string;
  contentBase64: string;
}

/** An .xlsx or CSV file chosen for an import, read as base64, or the reason it could not be. */
export function useChosenFile() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const choose = async (chosen: File | undefined): Promise<void> => {
    setFile(null);
    setReadError(null);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setReadError(`Filen är för stor (högst ${Math.round(MAX_BYTES / 1000)} kB). Dela upp den i flera filer.`);
      return;
    }
    try {
      setFile({ fileName: chosen.name, contentBase64: await readFileAsBase64(chosen) });
    } catch (error) {
      setReadError(error instanceof Error ? error.message : 'Filen kunde inte läsas. Välj den igen.');
    }
  };
  return { file, readError, choose };
}

/** The file field of an import and the reason a chosen file could not be read. */
export function SpreadsheetFileField({ readError, onChoose }: { readError: string | null; onChoose: (file: File | undefined) => void }) {
  const inputId = useId();
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={inputId}>
          Välj fil (.xlsx eller .csv)
        </label>
        <input
          id={inputId}
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => onChoose(e.target.files?.[0])}
        />
      </div>
      {readError && (
        <p className="notice notice--error" role="alert">
          {readError}
        </p>
      )}
    </>
  );
}
