import { parseCsv, toCsv } from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import ExcelJS from 'exceljs';

/** The largest file an administrator may upload (before base64), so that the request stays under the host's body limit. */
export const ORGANIZATION_FILE_MAX_BYTES = 700_000;

export type OrganizationFileFormat = 'xlsx' | 'csv';

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

function cellToText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellToText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Text of a CSV file: UTF-8 (with or without BOM), or Windows-1252 as older Excel saves "CSV (semikolonavgränsad)". */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Reads an uploaded organisation file (.xlsx or .csv, base64) into rows of cells. */
export async function readOrganizationFile(fileName: string, base64: string): Promise<string[][]> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw bad('Filen är tom. Välj filen igen.');
  if (bytes.length > ORGANIZATION_FILE_MAX_BYTES) {
    throw bad(`Filen är för stor (högst ${Math.round(ORGANIZATION_FILE_MAX_BYTES / 1000)} kB). Dela upp den i flera filer.`);
  }
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(decodeCsvBytes(bytes));
  if (lower.endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch {
      throw bad('Filen kunde inte läsas som en Excel-fil (.xlsx). Spara den som .xlsx eller CSV och försök igen.');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw bad('Excel-filen har inget kalkylblad. Lägg uppgifterna i det första bladet.');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let i = 1; i <= Math.max(row.cellCount, 9); i++) cells.push(cellToText(row.getCell(i).value));
      rows.push(cells);
    });
    return rows;
  }
  throw bad('Filtypen stöds inte. Välj en .xlsx-fil eller en CSV-fil.');
}

/** Writes rows as .xlsx (header bold and frozen) or as CSV for Swedish Excel; returns the bytes. */
export async function writeOrganizationFile(rows: string[][], format: OrganizationFileFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(toCsv(rows), 'utf-8');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kvalitetshjulet';
  const sheet = workbook.addWorksheet('Organisation', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRows(rows);
  sheet.getRow(1).font = { bold: true };
  const widths = [28, 12, 36, 22, 20, 26, 32, 22, 16];
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  // Unit codes are digits but must stay text (a leading zero matters).
  sheet.getColumn(2).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
