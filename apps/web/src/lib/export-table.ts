/** A table as the screen shows it (after suppression): exported as CSV for Swedish Excel or .xlsx. */
export interface ExportTable {
  title: string;
  columns: { header: string; kind: 'text' | 'number' | 'integer' | 'percent' }[];
  /** null = a hidden (suppressed) or missing value, exported as "–". */
  rows: (string | number | null)[][];
  /** Footnotes, e.g. what "–" means. */
  notes?: string[];
}

const SUPPRESSED = '–';

function csvCell(value: string | number | null, kind: ExportTable['columns'][number]['kind']): string {
  if (value === null) return SUPPRESSED;
  if (typeof value === 'number') {
    const text =
      kind === 'percent' ? (value * 100).toFixed(0) : kind === 'integer' ? value.toFixed(0) : String(Math.round(value * 100) / 100);
    return text.replace('.', ',').replace('-', '−');
  }
  return /[;"\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV for Swedish Excel: UTF-8 with BOM, semicolons, decimal commas. */
export function toCsv(table: ExportTable): string {
  const lines = [
    table.columns.map((c) => csvCell(c.header, 'text')).join(';'),
    ...table.rows.map((row) => row.map((v, i) => csvCell(v, table.columns[i]?.kind ?? 'text')).join(';')),
  ];
  for (const note of table.notes ?? []) lines.push(csvCell(note, 'text'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A real .xlsx with typed cells (numbers stay numbers) and Swedish headers. */
export async function toXlsx(table: ExportTable): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kvalitetshjulet';
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[[\]:*?/\\]/g, ' '));
  sheet.addRow(table.columns.map((c) => c.header)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null ? SUPPRESSED : v)));
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, Math.min(60, c.header.length + 4));
    if (c.kind === 'number') column.numFmt = '0.00';
    if (c.kind === 'percent') column.numFmt = '0%';
    if (c.kind === 'integer') column.numFmt = '0';
  });
  for (const note of table.notes ?? []) sheet.addRow([note]);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function fileName(title: string, extension: string): string {
  const base = title
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'tabell'}.${extension}`;
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
