import { describe, expect, it } from 'vitest';
import {
  ANONYMITY_THRESHOLD_DEFAULT,
  ANONYMITY_THRESHOLD_MAX,
  ANONYMITY_THRESHOLD_MIN,
  anonymityThresholdSchema,
  assertValidAnonymityThreshold,
  isValidAnonymityThreshold,
} from './threshold.ts';

describe('anonymity threshold', () => {
  it('defaults to 5 and may be set from 3 to 10', () => {
    expect([ANONYMITY_THRESHOLD_DEFAULT, ANONYMITY_THRESHOLD_MIN, ANONYMITY_THRESHOLD_MAX]).toEqual([5, 3, 10]);
  });

  it.each([3, 4, 5, 6, 7, 8, 9, 10])('accepts %s', (value) => {
    expect(isValidAnonymityThreshold(value)).toBe(true);
    expect(() => assertValidAnonymityThreshold(value)).not.toThrow();
    expect(anonymityThresholdSchema.parse(value)).toBe(value);
  });

  it.each([2, 11, 0, -5, 4.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null, undefined])('rejects %s', (value) => {
    expect(isValidAnonymityThreshold(value)).toBe(false);
    expect(() => assertValidAnonymityThreshold(value)).toThrow(RangeError);
    expect(anonymityThresholdSchema.safeParse(value).success).toBe(false);
  });

  it.each([
    [2, 'Gränsen för anonymitet får inte vara lägre än 3 svar'],
    [11, 'Gränsen för anonymitet får inte vara högre än 10 svar'],
    [4.5, 'Gränsen för anonymitet ska vara ett heltal'],
  ])('explains in Swedish why %s is not allowed', (value, message) => {
    const result = anonymityThresholdSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
