import { describe, expect, it } from 'vitest';
import { parseCsv } from '../organization-import/csv.ts';
import { type ColumnMapping, checkOutcomeImport, parseOutcomeCsv } from './import.ts';

const units = [
  { id: 'u1', name: 'Ekbackens skola', unitCode: '11111111' },
  { id: 'u2', name: 'Tallbackens skola', unitCode: '22222222' },
];
const measures = [{ id: 'm1', name: 'Närvaro, andel' }];

describe('checkOutcomeImport, long layout', () => {
  const rows = [
    ['Enhet', 'Enhetskod', 'Mått', 'Period', 'Värde', 'Måttenhet', 'Källa', 'n'],
    ['Ekbackens skola', '', 'Närvaro, andel', '2025/26', '93,1', '%', 'Egen uppföljning', '210'],
    ['', '22222222', 'närvaro, ANDEL', 'HT 2025', '91.0', '%', 'Egen uppföljning', ''],
    ['Okänd skola', '', 'Närvaro, andel', '2025/26', '90', '%', '', ''],
    ['Ekbackens skola', '', 'Antal klagomål', '2025', '4', 'antal', 'Egen uppföljning', ''],
    ['Tallbackens skola', '', 'Antal klagomål', 'VT 2026', 'många', 'antal', '', ''],
    ['Tallbackens skola', '', 'Antal klagomål', 'VT 2026', '..', 'antal', '', ''],
    ['Ekbackens skola', '', 'Antal klagomål', 'VT 2026', '3', 'antal', 'Egen uppföljning', 'x1'],
    ['Ekbackens skola', '', 'Närvaro, andel', '2025/2026', '93', '%', '', ''],
  ];
  const r = checkOutcomeImport(rows, { units, measures });

  it('lists every problem with its row number', () => {
    expect(r.layout).toBe('long');
    expect(r.rowCount).toBe(8);
    expect(r.problems.map((p) => p.row)).toEqual([4, 5, 6, 8, 9]);
    expect(r.problems[0]?.message).toContain('Enheten "Okänd skola" finns inte');
    expect(r.problems[1]?.message).toContain('Perioden "2025" går inte att läsa');
    expect(r.problems[2]?.message).toContain('"många" är inte ett tal');
    expect(r.problems[3]?.message).toContain('Antalet "x1" är inte ett heltal');
    expect(r.problems[4]?.message).toContain('finns redan på rad 2');
  });

  it('skips a withheld value with a note', () => {
    expect(r.notes).toEqual([{ row: 7, message: expect.stringContaining('sekretessmarkerat') }]);
  });

  it('keeps the good rows, matching units by code or name and measures regardless of case', () => {
    expect(r.lines).toEqual([
      { row: 2, schoolUnitId: 'u1', measure: { id: 'm1' }, period: '2025/26', periodOrder: 2025 * 3 + 2, value: 93.1, n: 210 },
      { row: 3, schoolUnitId: 'u2', measure: { id: 'm1' }, period: 'HT 2025', periodOrder: 2025 * 3, value: 91, n: null },
    ]);
    expect(r.newMeasures).toEqual([]);
  });

  it('creates a measure that is not in the catalogue', () => {
    const c = checkOutcomeImport(
      [
        ['Enhet', 'Mått', 'Period', 'Värde', 'Måttenhet', 'Källa'],
        ['Ekbackens skola', 'Antal klagomål', 'VT 2026', '3', 'antal', 'Egen uppföljning'],
      ],
      { units, measures },
    );
    expect(c.newMeasures).toEqual([{ name: 'Antal klagomål', unitOfMeasure: 'antal', source: 'Egen uppföljning' }]);
    expect(c.lines[0]?.measure).toEqual({ newName: 'Antal klagomål' });
  });

  it('refuses a file without a header', () => {
    expect(checkOutcomeImport([['a', 'b']], { units, measures }).fileProblems[0]).toContain('Hittar ingen rubrikrad');
  });
});

describe('checkOutcomeImport, wide layout (national statistics export)', () => {
  const rows = [
    ['Andel elever med godkänt i alla ämnen och meritvärde, år 9'],
    ['Läsår 2025/26'],
    ['Kommun', 'Skolenhetskod', 'Skolenhet', 'Närvaro, andel', 'Meritvärde åk 9'],
    ['Exempelstad', '11111111', 'Ekbackens skola', '92,3', '.'],
    ['Exempelstad', '22222222', 'Tallbackens skola', '~100', '231,5'],
    ['Exempelstad', '33333333', 'Okänd skola', '90', '200'],
    ['Exempelstad', '', 'Ekbackens skola', 'x', '1'],
    ['Källa: en statistikdatabas'],
  ];

  it('finds the header below the title lines and lists the measure columns with suggestions', () => {
    const r = checkOutcomeImport(rows, { units, measures });
    expect(r.layout).toBe('wide');
    expect(r.columns).toEqual([
      { index: 3, header: 'Närvaro, andel', suggestedMeasureId: 'm1' },
      { index: 4, header: 'Meritvärde åk 9', suggestedMeasureId: null },
    ]);
    expect(r.fileProblems).toContain('Välj vilken period (läsår eller termin) filens värden gäller.');
  });

  it('maps columns to measures, creates new ones and writes one value per unit and column', () => {
    const mapping = new Map<number, ColumnMapping>([
      [3, { kind: 'measure', measureId: 'm1' }],
      [4, { kind: 'new', name: 'Meritvärde åk 9', unitOfMeasure: 'poäng', source: 'Skolverket' }],
    ]);
    const r = checkOutcomeImport(rows, { units, measures }, { period: 'läsår 2025/26', mapping });
    expect(r.fileProblems).toEqual([]);
    expect(r.period).toBe('2025/26');
    expect(r.rowCount).toBe(4);
    expect(r.lines.map((l) => [l.row, l.schoolUnitId, l.measure, l.value])).toEqual([
      [4, 'u1', { id: 'm1' }, 92.3],
      [5, 'u2', { id: 'm1' }, 100],
      [5, 'u2', { newName: 'Meritvärde åk 9' }, 231.5],
    ]);
    expect(r.notes).toEqual([{ row: 4, message: expect.stringContaining('Meritvärde åk 9 hoppas över') }]);
    expect(r.problems.map((p) => p.row)).toEqual([6, 7]);
    expect(r.problems[1]?.message).toContain('finns redan på rad 4');
    expect(r.newMeasures).toEqual([{ name: 'Meritvärde åk 9', unitOfMeasure: 'poäng', source: 'Skolverket' }]);
  });

  it('refuses two columns mapped to the same measure', () => {
    const mapping = new Map<number, ColumnMapping>([
      [3, { kind: 'measure', measureId: 'm1' }],
      [4, { kind: 'measure', measureId: 'm1' }],
    ]);
    const r = checkOutcomeImport(rows, { units, measures }, { period: '2025/26', mapping });
    expect(r.fileProblems.join(' ')).toContain('kopplade till samma mått');
  });
});

describe('parseOutcomeCsv', () => {
  it('keeps title lines with commas apart and parses the table by its own separator', () => {
    const text =
      '\uFEFFSkolenkäten, elever i årskurs 5\r\n\r\nKommun;Skolenhetskod;Skolenhet;Trygghet index\r\nExempelstad;11111111;Ekbackens skola;7,9\r\n';
    const rows = parseOutcomeCsv(text, parseCsv);
    expect(rows).toEqual([
      ['Skolenkäten, elever i årskurs 5'],
      [''],
      ['Kommun', 'Skolenhetskod', 'Skolenhet', 'Trygghet index'],
      ['Exempelstad', '11111111', 'Ekbackens skola', '7,9'],
    ]);
    const check = checkOutcomeImport(rows, { units, measures }, { period: 'VT 2026' });
    expect(check.layout).toBe('wide');
    expect(check.rowCount).toBe(1);
  });

  it.each([
    ['Enhet,Mått,Period,Värde\nEkbackens skola,"Närvaro, andel",2025/26,"93,1"', ['Ekbackens skola', 'Närvaro, andel', '2025/26', '93,1']],
    [
      'Enhet\tMått\tPeriod\tVärde\nEkbackens skola\tNärvaro, andel\t2025/26\t93,1',
      ['Ekbackens skola', 'Närvaro, andel', '2025/26', '93,1'],
    ],
  ])('reads comma and tab files', (text, second) => {
    expect(parseOutcomeCsv(text, parseCsv)[1]).toEqual(second);
  });
});
