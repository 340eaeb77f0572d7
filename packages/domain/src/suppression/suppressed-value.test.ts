import { describe, expect, it } from 'vitest';
import {
  applyVisibility,
  formatSuppressedValue,
  hiddenValue,
  SUPPRESSED_MARK,
  SUPPRESSION_REASONS,
  shownValue,
  suppressionExplanation,
} from './suppressed-value.ts';

describe('suppressionExplanation', () => {
  it.each([
    ['below-threshold', 5, 'Visas inte: färre än 5 svar. Resultat för så små grupper visas inte för att skydda de svarandes anonymitet.'],
    ['secondary', 5, 'Visas inte: siffran skulle annars gå att räkna fram för en grupp med färre än 5 svar.'],
    [
      'parent-hidden',
      5,
      'Visas inte: gruppen ingår i en större grupp som inte visas, och siffran skulle annars göra det möjligt att räkna fram resultatet för en grupp med färre än 5 svar.',
    ],
    ['no-data', 5, 'Visas inte: det finns inga svar för den här gruppen.'],
    ['previous-round-hidden', 5, 'Visas inte: förändringen kan inte visas eftersom resultatet från föregående omgång inte visas.'],
    ['below-threshold', 3, 'Visas inte: färre än 3 svar. Resultat för så små grupper visas inte för att skydda de svarandes anonymitet.'],
    ['secondary', 10, 'Visas inte: siffran skulle annars gå att räkna fram för en grupp med färre än 10 svar.'],
  ] as const)('%s at threshold %i', (reason, threshold, text) => {
    expect(suppressionExplanation(reason, threshold)).toBe(text);
  });

  it('has a distinct Swedish text for every reason, starting with "Visas inte:"', () => {
    const texts = SUPPRESSION_REASONS.map((reason) => suppressionExplanation(reason, 5));
    expect(new Set(texts).size).toBe(SUPPRESSION_REASONS.length);
    for (const text of texts) expect(text).toMatch(/^Visas inte: .+\.$/);
  });

  it('refuses an invalid threshold', () => {
    expect(() => suppressionExplanation('secondary', 2)).toThrow(RangeError);
  });
});

describe('suppressed values', () => {
  it('uses an en dash as the mark', () => {
    expect(SUPPRESSED_MARK).toBe('–');
    expect(SUPPRESSED_MARK.codePointAt(0)).toBe(0x2013);
  });

  it('keeps a shown value', () => {
    expect(applyVisibility(3.4, { visible: true, reason: null }, 5)).toEqual({ value: 3.4, suppressed: false });
  });

  it('drops the value of a hidden group and says why', () => {
    expect(applyVisibility(3.4, { visible: false, reason: 'secondary' }, 5)).toEqual({
      value: null,
      suppressed: true,
      reason: 'secondary',
      explanation: 'Visas inte: siffran skulle annars gå att räkna fram för en grupp med färre än 5 svar.',
    });
  });

  it('formats the mark in place of a hidden value', () => {
    const format = (value: number): string => value.toFixed(1).replace('.', ',');
    expect(formatSuppressedValue(shownValue(3.45), format)).toBe('3,5');
    expect(formatSuppressedValue(hiddenValue<number>('below-threshold', 5), format)).toBe('–');
  });
});
