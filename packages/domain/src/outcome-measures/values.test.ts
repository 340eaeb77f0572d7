import { describe, expect, it } from 'vitest';
import { matchKey, parseCount, parseMeasureValue, parsePeriod, unitCodeKey } from './values.ts';

describe('parsePeriod', () => {
  it.each([
    ['2025/26', '2025/26', 'school-year'],
    ['2025/2026', '2025/26', 'school-year'],
    ['läsår 2025-26', '2025/26', 'school-year'],
    ['1999/00', '1999/00', 'school-year'],
    ['HT 2025', 'HT 2025', 'term'],
    ['ht25', 'HT 2025', 'term'],
    ['Hösttermin 2025', 'HT 2025', 'term'],
    ['vt-2026', 'VT 2026', 'term'],
    ['Våren 2026', 'VT 2026', 'term'],
  ])('%s → %s', (input, label, kind) => {
    const r = parsePeriod(input);
    expect(r).toMatchObject({ ok: true, period: { label, kind } });
  });

  it.each([
    ['', 'Perioden saknas'],
    ['2025', 'går inte att läsa'],
    ['2025/27', 'det andra året ska följa direkt'],
    ['HT 1850', 'Året i'],
    ['sommar 2025', 'går inte att läsa'],
  ])('"%s" is refused', (input, message) => {
    const r = parsePeriod(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('orders HT 2025 < VT 2026 < 2025/26 < HT 2026', () => {
    const order = (s: string) => {
      const r = parsePeriod(s);
      if (!r.ok) throw new Error(r.message);
      return r.period.order;
    };
    expect(order('HT 2025')).toBeLessThan(order('VT 2026'));
    expect(order('VT 2026')).toBeLessThan(order('2025/26'));
    expect(order('2025/26')).toBeLessThan(order('HT 2026'));
  });
});

describe('parseMeasureValue', () => {
  it.each([
    ['92,3', 92.3, false],
    ['92.3', 92.3, false],
    ['1 234,5', 1234.5, false],
    ['1\u00a0234', 1234, false],
    ['87 %', 87, false],
    ['~100', 100, true],
    ['\u22123,2', -3.2, false],
    ['0', 0, false],
  ])('%s → %d', (input, value, approximate) => {
    expect(parseMeasureValue(input)).toEqual({ kind: 'value', value, approximate });
  });

  it.each(['.', '..', '–', '-', '*', ''])('"%s" is missing, not an error', (input) => {
    expect(parseMeasureValue(input).kind).toBe('missing');
  });

  it.each(['abc', '12,3,4', '1.234,5', '12a'])('"%s" is an error', (input) => {
    const r = parseMeasureValue(input);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toContain(`"${input}" är inte ett tal`);
  });
});

describe('parseCount and keys', () => {
  it.each([
    ['', null],
    ['45', 45],
    ['1 200', 1200],
    ['..', null],
  ])('n "%s" → %s', (input, n) => {
    expect(parseCount(input)).toEqual({ ok: true, n });
  });
  it('refuses a decimal n', () => {
    expect(parseCount('4,5')).toMatchObject({ ok: false });
  });
  it('matches names regardless of case and spaces', () => {
    expect(matchKey('  Ekbackens   SKOLA. ')).toBe(matchKey('ekbackens skola'));
    expect(unitCodeKey('1234 5678')).toBe('12345678');
  });
});
