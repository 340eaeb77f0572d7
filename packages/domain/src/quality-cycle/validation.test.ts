import { describe, expect, it } from 'vitest';
import { activityDatesError, priorityCountWarning, targetMeanError } from './validation.ts';

describe('priorityCountWarning', () => {
  it.each([
    [0, false],
    [1, false],
    [4, false],
    [5, true],
    [8, true],
  ])('%i priorities → warning %s', (count, warns) => {
    const w = priorityCountWarning(count);
    expect(w !== null).toBe(warns);
    if (w) expect(w).toContain('högst 4');
  });
});

describe('targetMeanError', () => {
  it.each([
    [1, 4, null],
    [3, 4, null],
    [4, 4, null],
    [0.9, 4, 'Målnivån måste ligga mellan 1 och 4 på skalan.'],
    [4.1, 4, 'Målnivån måste ligga mellan 1 och 4 på skalan.'],
    [5.5, 6, null],
    [Number.NaN, 4, 'Målnivån måste ligga mellan 1 och 4 på skalan.'],
  ])('%s on a %i-step scale → %s', (target, steps, error) => {
    expect(targetMeanError(target, steps)).toBe(error);
  });
});

describe('activityDatesError', () => {
  it.each([
    ['2026-09-01', '2026-12-15', null],
    ['2026-09-01', '2026-09-01', null],
    ['2026-09-02', '2026-09-01', 'Slutdatum kan inte vara före startdatum.'],
  ])('%s – %s → %s', (start, end, error) => {
    expect(activityDatesError(start, end)).toBe(error);
  });
});
