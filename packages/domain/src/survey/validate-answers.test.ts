import { describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../questionnaire/definition.ts';
import { STANDARD_SCALE } from '../questionnaire/definition.ts';
import { countUnanswered, validateAnswers } from './validate-answers.ts';

const criteria = ['Steg ett beskrivet här', 'Steg två beskrivet här', 'Steg tre beskrivet här', 'Steg fyra beskrivet här'];
const questionnaire: QuestionnaireDefinition = {
  key: 'grundskola',
  schoolForm: 'grundskola',
  version: 1,
  title: 'Självskattning grundskola',
  curriculum: 'Lgr22',
  introduction: 'Skatta verksamheten som den är.',
  scale: STANDARD_SCALE,
  areas: [
    {
      key: 'grundskola.normer',
      title: 'Normer och värden',
      description: 'Om värdegrunden.',
      indicators: [
        { key: 'grundskola.normer.trygghet', statement: 'Eleverna är trygga.', criteria, evidenceHints: ['Trygghetsenkät'] },
        { key: 'grundskola.normer.studiero', statement: 'Det råder studiero.', criteria, evidenceHints: ['Observationer'] },
      ],
    },
  ],
};

describe('validateAnswers', () => {
  it.each([
    ['a step on the scale', { 'grundskola.normer.trygghet': 3 }, { 'grundskola.normer.trygghet': 3 }],
    ['"vet ej"', { 'grundskola.normer.trygghet': 'vet-ej' }, { 'grundskola.normer.trygghet': 'vet-ej' }],
    [
      'the lowest and highest step',
      { 'grundskola.normer.trygghet': 1, 'grundskola.normer.studiero': 4 },
      { 'grundskola.normer.trygghet': 1, 'grundskola.normer.studiero': 4 },
    ],
    ['an unanswered indicator (null)', { 'grundskola.normer.trygghet': null }, {}],
    ['nothing at all', {}, {}],
  ])('accepts %s', (_label, answers, expected) => {
    expect(validateAnswers(questionnaire, { answers, comments: {} })).toEqual({ ok: true, value: { answers: expected, comments: {} } });
  });

  it.each([
    ['an unknown indicator', { 'grundskola.okand': 2 }, 'Indikatorn ”grundskola.okand” finns inte i den här skattningens frågeformulär.'],
    [
      'a step above the scale',
      { 'grundskola.normer.trygghet': 5 },
      'Svaret på ”grundskola.normer.trygghet” måste vara ett steg från 1 till 4 eller ”Vet ej / ej aktuellt”.',
    ],
    [
      'step zero',
      { 'grundskola.normer.trygghet': 0 },
      'Svaret på ”grundskola.normer.trygghet” måste vara ett steg från 1 till 4 eller ”Vet ej / ej aktuellt”.',
    ],
    [
      'a fraction',
      { 'grundskola.normer.trygghet': 2.5 },
      'Svaret på ”grundskola.normer.trygghet” måste vara ett steg från 1 till 4 eller ”Vet ej / ej aktuellt”.',
    ],
    [
      'text',
      { 'grundskola.normer.trygghet': 'tre' },
      'Svaret på ”grundskola.normer.trygghet” måste vara ett steg från 1 till 4 eller ”Vet ej / ej aktuellt”.',
    ],
  ])('refuses %s with a message that says what is wrong', (_label, answers, problem) => {
    expect(validateAnswers(questionnaire, { answers, comments: {} })).toEqual({ ok: false, problems: [problem] });
  });

  it('keeps a comment, drops a blank one and refuses one that is too long or on an unknown area', () => {
    expect(validateAnswers(questionnaire, { answers: {}, comments: { 'grundskola.normer': 'Bra samtal i arbetslaget.' } })).toEqual({
      ok: true,
      value: { answers: {}, comments: { 'grundskola.normer': 'Bra samtal i arbetslaget.' } },
    });
    expect(validateAnswers(questionnaire, { answers: {}, comments: { 'grundskola.normer': '   ' } })).toEqual({
      ok: true,
      value: { answers: {}, comments: {} },
    });
    expect(validateAnswers(questionnaire, { answers: {}, comments: { 'grundskola.normer': 'x'.repeat(2001) } })).toEqual({
      ok: false,
      problems: ['Kommentaren till Normer och värden är 2001 tecken lång. Den får vara högst 2000 tecken.'],
    });
    expect(validateAnswers(questionnaire, { answers: {}, comments: { 'grundskola.annat': 'Text' } })).toEqual({
      ok: false,
      problems: ['Området ”grundskola.annat” finns inte i den här skattningens frågeformulär.'],
    });
  });

  it('lists every problem at once', () => {
    const result = validateAnswers(questionnaire, { answers: { a: 1, 'grundskola.normer.trygghet': 9 }, comments: { b: 'x' } });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toHaveLength(3);
  });
});

describe('countUnanswered', () => {
  it.each([
    [{}, 2],
    [{ 'grundskola.normer.trygghet': 2 }, 1],
    [{ 'grundskola.normer.trygghet': 'vet-ej', 'grundskola.normer.studiero': 4 }, 0],
    [{ 'grundskola.normer.trygghet': null }, 2],
  ])('%o → %i unanswered', (answers, expected) => {
    expect(countUnanswered(questionnaire, answers)).toBe(expected);
  });
});
