import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv, toCsv } from './csv.ts';

describe('parseCsv', () => {
  it.each([
    [
      'semicolons with a BOM',
      '\uFEFFa;b;c\r\n1;2;3\r\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'commas',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'tabs',
      'a\tb\n1\t2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted separators and quotes',
      'a;b\n"x;y";"sa ""hej"""\n',
      [
        ['a', 'b'],
        ['x;y', 'sa "hej"'],
      ],
    ],
    [
      'a quoted line break',
      'a;b\n"rad 1\nrad 2";z\n',
      [
        ['a', 'b'],
        ['rad 1\nrad 2', 'z'],
      ],
    ],
    [
      'empty lines dropped',
      'a;b\n\n;\n1;2\n\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'empty cells kept',
      'a;b;c\n;2;\n',
      [
        ['a', 'b', 'c'],
        ['', '2', ''],
      ],
    ],
    [
      'no trailing line break',
      'a;b\n1;2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'commas inside a semicolon file',
      'Enhet;Skolformer\nX;"Förskoleklass, Grundskola"\nY;Förskola, Fritidshem',
      [
        ['Enhet', 'Skolformer'],
        ['X', 'Förskoleklass, Grundskola'],
        ['Y', 'Förskola, Fritidshem'],
      ],
    ],
    ['an empty file', '', []],
  ])('reads %s', (_label, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });
});

describe('detectSeparator', () => {
  it.each([
    ['a;b;c', ';'],
    ['a,b,c', ','],
    ['a\tb', '\t'],
    ['"x,y,z";b', ';'],
    ['a', ';'],
  ])('%j → %j', (line, expected) => {
    expect(detectSeparator(line)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes BOM, semicolons and CRLF, quoting what needs it', () => {
    expect(
      toCsv([
        ['Enhet', 'Skolformer'],
        ['Ekbacken; norr', 'Förskoleklass, Grundskola'],
        ['"citat"', ''],
      ]),
    ).toBe('\uFEFFEnhet;Skolformer\r\n"Ekbacken; norr";Förskoleklass, Grundskola\r\n"""citat""";\r\n');
  });

  it('keeps formula-like values as text', () => {
    expect(toCsv([['=SUMMA(A1)', '+46', '-x', '@y']])).toBe("\uFEFF'=SUMMA(A1);'+46;'-x;'@y\r\n");
  });

  it('reads back what it wrote', () => {
    const rows = [
      ['a', 'b;c', 'd"e'],
      ['rad\nbryt', '', 'ö'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
