import type { QuestionnaireDefinition } from '../questionnaire/definition.ts';
import { AREA_COMMENT_MAX_LENGTH, DONT_KNOW } from '../questionnaire/to-survey-json.ts';

export type AnswerValue = number | typeof DONT_KNOW;

export interface SurveyAnswers {
  /** indicator key → a value on the scale or "vet-ej" */
  answers: Record<string, unknown>;
  /** area key → comment text */
  comments: Record<string, unknown>;
}

export interface ValidAnswers {
  answers: Record<string, AnswerValue>;
  comments: Record<string, string>;
}

export type AnswerValidation = { ok: true; value: ValidAnswers } | { ok: false; problems: string[] };

/**
 * Checks answers against the round's questionnaire: known indicators, values on its scale
 * or "vet ej", comments on known areas within the length limit. Blank comments are dropped.
 * Problems are plain Swedish sentences that say what is wrong.
 */
export function validateAnswers(questionnaire: QuestionnaireDefinition, input: SurveyAnswers): AnswerValidation {
  const problems: string[] = [];
  const steps = questionnaire.scale.steps.length;
  const indicatorKeys = new Set(questionnaire.areas.flatMap((a) => a.indicators.map((i) => i.key)));
  const areaTitles = new Map(questionnaire.areas.map((a) => [a.key, a.title]));
  const answers: Record<string, AnswerValue> = {};
  const comments: Record<string, string> = {};

  for (const [key, value] of Object.entries(input.answers)) {
    if (!indicatorKeys.has(key)) {
      problems.push(`Indikatorn ”${key}” finns inte i den här skattningens frågeformulär.`);
    } else if (value === DONT_KNOW) {
      answers[key] = DONT_KNOW;
    } else if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= steps) {
      answers[key] = value;
    } else if (value === null || value === undefined) {
      // an unanswered indicator: nothing to store
    } else {
      problems.push(`Svaret på ”${key}” måste vara ett steg från 1 till ${steps} eller ”${questionnaire.scale.unknownLabel}”.`);
    }
  }

  for (const [key, value] of Object.entries(input.comments)) {
    const title = areaTitles.get(key);
    if (title === undefined) {
      problems.push(`Området ”${key}” finns inte i den här skattningens frågeformulär.`);
    } else if (typeof value !== 'string') {
      if (value !== null && value !== undefined) problems.push(`Kommentaren till ${title} måste vara text.`);
    } else if (value.length > AREA_COMMENT_MAX_LENGTH) {
      problems.push(`Kommentaren till ${title} är ${value.length} tecken lång. Den får vara högst ${AREA_COMMENT_MAX_LENGTH} tecken.`);
    } else if (value.trim().length > 0) {
      comments[key] = value;
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { answers, comments } };
}

/** How many of the questionnaire's indicators have no answer (a "vet ej" counts as answered). */
export function countUnanswered(questionnaire: QuestionnaireDefinition, answers: Record<string, unknown>): number {
  let unanswered = 0;
  for (const area of questionnaire.areas) {
    for (const indicator of area.indicators) {
      const value = answers[indicator.key];
      if (value === undefined || value === null) unanswered++;
    }
  }
  return unanswered;
}
