import { describe, expect, it } from 'vitest';
import { roundState } from './round-state.ts';

describe('roundState', () => {
  const round = { opensOn: '2026-11-09', closesOn: '2026-12-14', closedEarlyOn: null };
  it.each([
    ['the day before it opens', '2026-11-08', 'upcoming'],
    ['the opening day', '2026-11-09', 'open'],
    ['in the middle', '2026-11-23', 'open'],
    ['the closing day', '2026-12-14', 'open'],
    ['the day after closing', '2026-12-15', 'closed'],
  ])('is %s → %s', (_label, today, expected) => {
    expect(roundState(round, today)).toBe(expected);
  });

  it.each([
    ['before the early close', '2026-11-19', 'open'],
    ['on the day it was closed early', '2026-11-20', 'closed'],
    ['after the early close', '2026-11-23', 'closed'],
  ])('closed early: %s → %s', (_label, today, expected) => {
    expect(roundState({ ...round, closedEarlyOn: '2026-11-20' }, today)).toBe(expected);
  });
});
