/**
 * Checking an outcome file before anything is written. Two layouts:
 *
 * - **Long** (one row per value): columns Enhet and/or Enhetskod, Mått, Period, Värde, and optionally
 *   Måttenhet, Källa, Antal (n). Unknown measures become new catalogue entries.
 * - **Wide** (the national statistics exports): possibly a few title lines, then a header with
 *   Skolenhetskod and/or Skolenhet/Skola (and Kommun …), then one column per measure. The user maps
 *   each measure column to a catalogue measure (or a new one, or ignores it) and picks the period.
 *
 * Every problem is reported with the file's row number (1 = the first line of the file). Pure.
 */
import { matchKey, parseCount, parseMeasureValue, parsePeriod, unitCodeKey } from './values.ts';

export interface ImportUnit {
  id: string;
  name: string;
  unitCode: string | null;
}

export interface ImportMeasure {
  id: string;
  name: string;
}

/** One value to write. `measure` is an existing id or the name of a measure to create. */
export interface ImportLine {
  row: number;
  schoolUnitId: string;
  measure: { id: string } | { newName: string };
  period: string;
  periodOrder: number;
  value: number;
  n: number | null;
}

export interface ImportRowMessage {
  row: number;
  message: string;
}

export interface NewMeasure {
  name: string;
  unitOfMeasure: string;
  source: string;
}

/** A measure column of a wide file and what to do with it. */
export type ColumnMapping =
  | { kind: 'ignore' }
  | { kind: 'measure'; measureId: string }
  | { kind: 'new'; name: string; unitOfMeasure: string; source: string };

export interface WideColumn {
  index: number;
  header: string;
  /** The catalogue measure with the same name, if any (the preview's default). */
  suggestedMeasureId: string | null;
}

export interface OutcomeImportCheck {
  layout: 'long' | 'wide';
  /** Problems with the file as a whole (no header found …); nothing can be written. */
  fileProblems: string[];
  /** Data rows looked at (not title lines or the header). */
  rowCount: number;
  problems: ImportRowMessage[];
  /** Values skipped without being an error (missing or withheld by the source). */
  notes: ImportRowMessage[];
  lines: ImportLine[];
  newMeasures: NewMeasure[];
  /** Wide layout only: the measure columns. */
  columns: WideColumn[];
  /** Wide layout only: the period every value of the file belongs to (null until chosen). */
  period: string | null;
}

const UNIT_NAME = ['enhet', 'skolenhet', 'skola', 'förskola', 'förskoleenhet', 'enhetsnamn', 'skolenhetens namn', 'skolenhetsnamn'];
const UNIT_CODE = ['enhetskod', 'skolenhetskod', 'skolenhets-kod', 'kod'];
const MEASURE = ['mått', 'nyckeltal', 'indikator'];
const PERIOD = ['period', 'läsår', 'termin'];
const VALUE = ['värde'];
const UNIT_OF_MEASURE = ['måttenhet', 'enhet för mått', 'enhet för värde'];
const SOURCE = ['källa'];
const COUNT = ['n', 'antal', 'antal elever', 'antal svar'];
/** Identity columns of the wide exports that are not measures. */
const WIDE_IDENTITY = new Set(
  [
    ...UNIT_NAME,
    ...UNIT_CODE,
    'kommun',
    'kommunkod',
    'kommunnamn',
    'huvudman',
    'huvudmannens namn',
    'huvudmanstyp',
    'län',
    'länskod',
    'skolform',
    'skolår',
    'årskurs',
    'organisationsnummer',
    'postort',
    'typ av huvudman',
  ].map(matchKey),
);

function findColumn(header: readonly string[], names: readonly string[]): number {
  const keys = names.map(matchKey);
  return header.findIndex((h) => keys.includes(matchKey(h)));
}

/** The header row: the first of the first 15 rows with a unit column. */
function findHeader(rows: readonly (readonly string[])[]): number {
  const limit = Math.min(rows.length, 15);
  for (let i = 0; i < limit; i++) {
    const row = rows[i] as readonly string[];
    if (findColumn(row, UNIT_NAME) >= 0 || findColumn(row, UNIT_CODE) >= 0) return i;
  }
  return -1;
}

function isBlank(row: readonly string[]): boolean {
  return row.every((c) => c.trim() === '');
}

function unitMatcher(units: readonly ImportUnit[]) {
  const byCode = new Map<string, ImportUnit>();
  const byName = new Map<string, ImportUnit>();
  for (const u of units) {
    if (u.unitCode) byCode.set(unitCodeKey(u.unitCode), u);
    byName.set(matchKey(u.name), u);
  }
  return (code: string, name: string): { unit: ImportUnit } | { message: string } => {
    const c = unitCodeKey(code);
    if (c !== '') {
      const u = byCode.get(c);
      if (u) {
        if (name.trim() !== '' && matchKey(name) !== matchKey(u.name) && byName.has(matchKey(name))) {
          return { message: `Enhetskoden ${code.trim()} hör till ${u.name}, men namnet är "${name.trim()}". Kontrollera raden.` };
        }
        return { unit: u };
      }
      if (name.trim() === '') return { message: `Ingen enhet har enhetskoden ${code.trim()}.` };
    }
    if (name.trim() === '') return { message: 'Enheten saknas: ange enhetens namn eller enhetskod.' };
    const u = byName.get(matchKey(name));
    if (u) return { unit: u };
    return {
      message: `Enheten "${name.trim()}" finns inte hos huvudmannen${c !== '' ? ` (och ingen enhet har koden ${code.trim()})` : ''}.`,
    };
  };
}

function empty(layout: 'long' | 'wide'): OutcomeImportCheck {
  return { layout, fileProblems: [], rowCount: 0, problems: [], notes: [], lines: [], newMeasures: [], columns: [], period: null };
}

/** Which layout a file has: long when its header has a measure and a value column. */
export function detectLayout(rows: readonly (readonly string[])[]): 'long' | 'wide' | null {
  const h = findHeader(rows);
  if (h < 0) return null;
  const header = rows[h] as readonly string[];
  return findColumn(header, MEASURE) >= 0 && findColumn(header, VALUE) >= 0 ? 'long' : 'wide';
}

/**
 * Checks a file. `mapping` (wide only) maps a column index to what to do with it; columns without
 * a mapping use their suggestion (the catalogue measure of the same name) or are ignored.
 */
export function checkOutcomeImport(
  rows: readonly (readonly string[])[],
  context: { units: readonly ImportUnit[]; measures: readonly ImportMeasure[] },
  wide: { period?: string | null; mapping?: ReadonlyMap<number, ColumnMapping> } = {},
): OutcomeImportCheck {
  const h = findHeader(rows);
  if (h < 0) {
    const result = empty('long');
    result.fileProblems.push(
      'Hittar ingen rubrikrad. Filen ska ha en rad med kolumnrubriker, till exempel Enhet, Mått, Period och Värde, eller Skolenhetskod och Skolenhet följt av en kolumn per mått.',
    );
    return result;
  }
  const layout = detectLayout(rows) as 'long' | 'wide';
  return layout === 'long' ? checkLong(rows, h, context) : checkWide(rows, h, context, wide);
}

function checkLong(
  rows: readonly (readonly string[])[],
  h: number,
  context: { units: readonly ImportUnit[]; measures: readonly ImportMeasure[] },
): OutcomeImportCheck {
  const result = empty('long');
  const header = rows[h] as readonly string[];
  const col = {
    name: findColumn(header, UNIT_NAME),
    code: findColumn(header, UNIT_CODE),
    measure: findColumn(header, MEASURE),
    period: findColumn(header, PERIOD),
    value: findColumn(header, VALUE),
    unitOfMeasure: findColumn(header, UNIT_OF_MEASURE),
    source: findColumn(header, SOURCE),
    n: findColumn(header, COUNT),
  };
  if (col.period < 0) result.fileProblems.push('Kolumnen Period saknas (läsår som 2025/26 eller termin som HT 2025).');
  if (result.fileProblems.length > 0) return result;
  const matchUnit = unitMatcher(context.units);
  const measures = new Map(context.measures.map((m) => [matchKey(m.name), m]));
  const created = new Map<string, NewMeasure>();
  const seen = new Map<string, number>();
  const cell = (row: readonly string[], i: number) => (i < 0 ? '' : (row[i] ?? '').trim());
  for (let i = h + 1; i < rows.length; i++) {
    const row = rows[i] as readonly string[];
    if (isBlank(row)) continue;
    result.rowCount++;
    const rowNumber = i + 1;
    const problems: string[] = [];
    const unit = matchUnit(cell(row, col.code), cell(row, col.name));
    if ('message' in unit) problems.push(unit.message);
    const measureName = cell(row, col.measure).replace(/\s+/g, ' ');
    if (measureName === '') problems.push('Måttet saknas.');
    else if (measureName.length > 200) problems.push('Måttets namn är längre än 200 tecken.');
    const period = parsePeriod(cell(row, col.period));
    if (!period.ok) problems.push(period.message);
    const value = parseMeasureValue(cell(row, col.value));
    if (value.kind === 'error') problems.push(value.message);
    const n = parseCount(cell(row, col.n));
    if (!n.ok) problems.push(n.message);
    if (problems.length > 0) {
      result.problems.push({ row: rowNumber, message: problems.join(' ') });
      continue;
    }
    if (value.kind === 'missing') {
      result.notes.push({ row: rowNumber, message: `Hoppas över: ${value.note}` });
      continue;
    }
    if (!('unit' in unit) || !period.ok || value.kind !== 'value' || !n.ok) continue;
    const existing = measures.get(matchKey(measureName));
    const key = `${unit.unit.id}|${existing?.id ?? matchKey(measureName)}|${period.period.label}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      result.problems.push({
        row: rowNumber,
        message: `Samma enhet, mått och period finns redan på rad ${earlier}. Ta bort en av raderna.`,
      });
      continue;
    }
    seen.set(key, rowNumber);
    if (!existing && !created.has(matchKey(measureName))) {
      created.set(matchKey(measureName), {
        name: measureName,
        unitOfMeasure: cell(row, col.unitOfMeasure) || 'värde',
        source: cell(row, col.source) || 'Okänd källa',
      });
    }
    result.lines.push({
      row: rowNumber,
      schoolUnitId: unit.unit.id,
      measure: existing ? { id: existing.id } : { newName: (created.get(matchKey(measureName)) as NewMeasure).name },
      period: period.period.label,
      periodOrder: period.period.order,
      value: value.value,
      n: n.n,
    });
  }
  result.newMeasures = [...created.values()];
  if (result.rowCount === 0) result.fileProblems.push('Filen har inga rader med värden under rubrikraden.');
  return result;
}

function checkWide(
  rows: readonly (readonly string[])[],
  h: number,
  context: { units: readonly ImportUnit[]; measures: readonly ImportMeasure[] },
  wide: { period?: string | null; mapping?: ReadonlyMap<number, ColumnMapping> },
): OutcomeImportCheck {
  const result = empty('wide');
  const header = rows[h] as readonly string[];
  const nameCol = findColumn(header, UNIT_NAME);
  const codeCol = findColumn(header, UNIT_CODE);
  const byName = new Map(context.measures.map((m) => [matchKey(m.name), m]));
  result.columns = header
    .map((text, index) => ({ index, header: text.trim().replace(/\s+/g, ' ') }))
    .filter((c) => c.header !== '' && !WIDE_IDENTITY.has(matchKey(c.header)))
    .map((c) => ({ ...c, suggestedMeasureId: byName.get(matchKey(c.header))?.id ?? null }));
  if (result.columns.length === 0) {
    result.fileProblems.push('Filen har inga kolumner med mått, bara kolumner som beskriver enheterna.');
    return result;
  }
  const mappingOf = (c: WideColumn): ColumnMapping =>
    wide.mapping?.get(c.index) ?? (c.suggestedMeasureId ? { kind: 'measure', measureId: c.suggestedMeasureId } : { kind: 'ignore' });
  const known = new Set(context.measures.map((m) => m.id));
  const used = new Map<string, string>();
  for (const c of result.columns) {
    const m = mappingOf(c);
    if (m.kind === 'ignore') continue;
    const target = m.kind === 'measure' ? m.measureId : `new:${matchKey(m.name)}`;
    if (m.kind === 'measure' && !known.has(m.measureId))
      result.fileProblems.push(`Kolumnen "${c.header}" är kopplad till ett mått som inte finns.`);
    if (m.kind === 'new') {
      if (m.name.trim() === '') result.fileProblems.push(`Ge det nya måttet för kolumnen "${c.header}" ett namn.`);
      else if (byName.has(matchKey(m.name)))
        result.fileProblems.push(`Måttet "${m.name.trim()}" finns redan i katalogen: välj det i stället för att skapa ett nytt.`);
      else
        result.newMeasures.push({
          name: m.name.trim().replace(/\s+/g, ' '),
          unitOfMeasure: m.unitOfMeasure.trim() || 'värde',
          source: m.source.trim() || 'Okänd källa',
        });
    }
    const other = used.get(target);
    if (other) result.fileProblems.push(`Kolumnerna "${other}" och "${c.header}" är kopplade till samma mått. Välj ett mått per kolumn.`);
    used.set(target, c.header);
  }
  let period: { label: string; order: number } | null = null;
  if (wide.period === undefined || wide.period === null || wide.period.trim() === '') {
    result.fileProblems.push('Välj vilken period (läsår eller termin) filens värden gäller.');
  } else {
    const p = parsePeriod(wide.period);
    if (p.ok) {
      period = p.period;
      result.period = p.period.label;
    } else result.fileProblems.push(p.message);
  }
  if (used.size === 0) result.fileProblems.push('Ingen kolumn är kopplad till ett mått. Koppla minst en kolumn eller välj en annan fil.');
  const matchUnit = unitMatcher(context.units);
  const seenUnit = new Map<string, number>();
  for (let i = h + 1; i < rows.length; i++) {
    const row = rows[i] as readonly string[];
    if (isBlank(row)) continue;
    const rowNumber = i + 1;
    const code = codeCol < 0 ? '' : (row[codeCol] ?? '').trim();
    const name = nameCol < 0 ? '' : (row[nameCol] ?? '').trim();
    // Footnotes under the table ("Källa: …", "Uppgifterna avser …") have text only in the first cell.
    if (code === '' && name === '') continue;
    if (unitCodeKey(code) === '' && nameCol < 0) continue;
    result.rowCount++;
    const unit = matchUnit(code, name);
    if ('message' in unit) {
      result.problems.push({ row: rowNumber, message: unit.message });
      continue;
    }
    const earlier = seenUnit.get(unit.unit.id);
    if (earlier !== undefined) {
      result.problems.push({ row: rowNumber, message: `${unit.unit.name} finns redan på rad ${earlier}. Ta bort en av raderna.` });
      continue;
    }
    seenUnit.set(unit.unit.id, rowNumber);
    const rowProblems: string[] = [];
    const rowLines: ImportLine[] = [];
    for (const c of result.columns) {
      const m = mappingOf(c);
      if (m.kind === 'ignore') continue;
      const value = parseMeasureValue(row[c.index] ?? '');
      if (value.kind === 'error') rowProblems.push(`${c.header}: ${value.message}`);
      else if (value.kind === 'missing')
        result.notes.push({ row: rowNumber, message: `${unit.unit.name}, ${c.header} hoppas över: ${value.note}` });
      else if (period) {
        rowLines.push({
          row: rowNumber,
          schoolUnitId: unit.unit.id,
          measure: m.kind === 'measure' ? { id: m.measureId } : { newName: m.name.trim().replace(/\s+/g, ' ') },
          period: period.label,
          periodOrder: period.order,
          value: value.value,
          n: null,
        });
      }
    }
    if (rowProblems.length > 0) result.problems.push({ row: rowNumber, message: rowProblems.join(' ') });
    else result.lines.push(...rowLines);
  }
  if (result.rowCount === 0) result.fileProblems.push('Filen har inga rader med enheter under rubrikraden.');
  return result;
}

const SEPARATORS = [';', '\t', ','] as const;

function countOutside(line: string, sep: string): number {
  let quoted = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === sep) n++;
  }
  return n;
}

/**
 * CSV of an outcome file. Statistics exports often start with a title line or two ("Skolenkäten,
 * elever i årskurs 5"), which would mislead a separator guess from the first line. The separator is
 * the one with the most fields on any of the first 15 lines; lines above the first line with that many
 * are kept as one cell each, so row numbers stay those of the file.
 */
export function parseOutcomeCsv(input: string, parse: (text: string) => string[][]): string[][] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lines = text.split(/\r\n|\n|\r/);
  const head = lines.slice(0, 15);
  let best: { sep: string; count: number } = { sep: ';', count: 0 };
  for (const sep of SEPARATORS) {
    const count = Math.max(0, ...head.map((l) => countOutside(l, sep)));
    if (count > best.count) best = { sep, count };
  }
  if (best.count === 0) return parse(text);
  const first = head.findIndex((l) => countOutside(l, best.sep) === best.count);
  const titles = lines.slice(0, first).map((l) => [l.replace(/^"|"$/g, '').trim()]);
  // From the header on, the parser's own guess (from its first line, the header) is right.
  const rest = lines.slice(first).join('\n');
  return [...titles, ...parse(rest)];
}
