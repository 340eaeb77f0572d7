import { describe, expect, it } from 'vitest';
import { differenceReason, formatDecimal, formatInteger, formatPercent, splitReason, spreadReason } from './reasons.ts';

const NBSP = '\u00a0';
const MINUS = '\u2212';

describe('sv-SE number formatting', () => {
  it.each([
    [3.4, '3,4'],
    [3.45, '3,5'],
    [2.7375886524822697, '2,7'],
    [3, '3,0'],
    [-0.25, `${MINUS}0,3`],
    [1234.56, `1${NBSP}234,6`],
  ])('formatDecimal(%f) = %s', (value, expected) => {
    expect(formatDecimal(value)).toBe(expected);
  });

  it.each([
    [23, '23'],
    [1234, `1${NBSP}234`],
  ])('formatInteger(%i) = %s', (value, expected) => {
    expect(formatInteger(value)).toBe(expected);
  });

  it.each([
    [0.4, `40${NBSP}%`],
    [2 / 3, `67${NBSP}%`],
    [0, `0${NBSP}%`],
  ])('formatPercent(%f) = %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });
});

describe('sentences', () => {
  it.each([
    [differenceReason('higher', 'kommunens snitt', 3.3913, 2.7376, 23), 'Tydligt högre än kommunens snitt: 3,4 mot 2,7 (n = 23)'],
    [differenceReason('lower', 'enhetens egen nivå', 2.08, 2.91, 23), 'Tydligt lägre än enhetens egen nivå: 2,1 mot 2,9 (n = 23)'],
    [differenceReason('higher', 'förra omgången', 3.1111, 2.5, 18, 20), 'Tydligt högre än förra omgången: 3,1 mot 2,5 (n = 18 och 20)'],
    [splitReason(0.4, 0.6, 4, 15), `Stor spridning: 40${NBSP}% svarade 1–2 och 60${NBSP}% 3–4 (n = 15)`],
    [splitReason(0.5, 0.5, 6, 1200), `Stor spridning: 50${NBSP}% svarade 1–3 och 50${NBSP}% 4–6 (n = 1${NBSP}200)`],
    [splitReason(0.3, 0.4, 5, 10), `Stor spridning: 30${NBSP}% svarade 1–2 och 40${NBSP}% 4–5 (n = 10)`],
    [splitReason(0.5, 0.5, 2, 8), `Stor spridning: 50${NBSP}% svarade 1 och 50${NBSP}% 2 (n = 8)`],
    [spreadReason(1.2228, 15), 'Stor spridning: standardavvikelsen är 1,2 (n = 15)'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
