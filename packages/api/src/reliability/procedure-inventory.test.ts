import { describe, expect, it } from 'vitest';
import { isSwedishMessage } from './procedure-inventory.ts';

describe('isSwedishMessage: what the bad-input and matrix tests accept as a clear Swedish error', () => {
  it.each([
    ['Fyll i anteckningens text.', true],
    ['Du har inte behörighet till det här.', true],
    ['Skattningen ändrades just. Försök igen.', true],
    ['Uppgifterna är inte giltiga: Ange ett datum', true],
    ['', false],
    ['Invalid input: expected string, received number', false],
    ['duplicate key value violates unique constraint "drafts_pkey"', false],
    ['Cannot read properties of undefined', false],
  ])('%j → %s', (message, expected) => {
    expect(isSwedishMessage(message)).toBe(expected);
  });
});
