/**
 * CSV as Swedish Excel writes and reads it: UTF-8 with a byte-order mark, `;` between
 * fields, double quotes around fields that need them. Reading also accepts `,` and tab
 * separators (guessed from the header line) and CRLF or LF line ends.
 */

const BOM = '\uFEFF';

/** Guesses the separator from the first line: the most frequent of `;`, tab and `,` outside quotes. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t']) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

/** Parses CSV text into rows of cells. Empty lines are dropped; cells keep their inner spaces. */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    cell = '';
    if (row.some((c) => c.trim() !== '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r') {
      endRow();
      if (text[i + 1] === '\n') i++;
    } else if (ch === '\n') {
      endRow();
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

function quoteCell(value: string): string {
  // A leading =, +, - or @ would make Excel evaluate the cell as a formula: prefix it so it stays text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Writes rows as CSV for Swedish Excel: BOM, `;` separators, CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${BOM + rows.map((r) => r.map(quoteCell).join(';')).join('\r\n')}\r\n`;
}
