import { useState } from 'react';
import { download, type ExportTable, fileName, toCsv, toXlsx } from '../lib/export-table.ts';

/** "Ladda ner som Excel / CSV" for a table, with the same figures (and "–") as the screen. */
export function ExportButtons({ table }: { table: ExportTable }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="export-buttons">
      <button
        type="button"
        className="button button--quiet button--small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            download(await toXlsx(table), fileName(table.title, 'xlsx'));
          } finally {
            setBusy(false);
          }
        }}
      >
        Ladda ner Excel
      </button>
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => download(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), fileName(table.title, 'csv'))}
      >
        Ladda ner CSV
      </button>
    </div>
  );
}
