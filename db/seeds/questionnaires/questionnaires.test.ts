import { SCHOOL_FORMS, STANDARD_SCALE, toSurveyJson } from '@kvalitetshjulet/domain';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { loadStandardQuestionnaires } from './index.ts';

const questionnaires = loadStandardQuestionnaires();

describe('standard questionnaires', () => {
  it('exist for all eight school forms', () => {
    expect(questionnaires.map((q) => q.schoolForm).sort()).toEqual([...SCHOOL_FORMS].sort());
  });

  describe.each(questionnaires.map((q) => [q.schoolForm, q] as const))('%s', (_form, q) => {
    it('uses the standard four-step scale', () => {
      expect(q.scale).toEqual(STANDARD_SCALE);
    });

    it('has 3–5 indicators per area, each with all four criterion texts and 1–2 evidence hints', () => {
      expect(q.areas.length).toBeGreaterThanOrEqual(5);
      for (const area of q.areas) {
        expect(area.indicators.length, area.key).toBeGreaterThanOrEqual(3);
        expect(area.indicators.length, area.key).toBeLessThanOrEqual(5);
        for (const indicator of area.indicators) {
          expect(indicator.criteria, indicator.key).toHaveLength(4);
          expect(new Set(indicator.criteria).size, `${indicator.key} has repeated criteria`).toBe(4);
          for (const text of indicator.criteria) expect(text.length, indicator.key).toBeGreaterThan(20);
          expect(indicator.evidenceHints.length, indicator.key).toBeGreaterThanOrEqual(1);
          expect(indicator.evidenceHints.length, indicator.key).toBeLessThanOrEqual(2);
        }
      }
    });

    it('has unique stable keys prefixed by the questionnaire key', () => {
      const keys = q.areas.flatMap((a) => [a.key, ...a.indicators.map((i) => i.key)]);
      expect(new Set(keys).size).toBe(keys.length);
      for (const area of q.areas) {
        expect(area.key.startsWith(`${q.key}.`), area.key).toBe(true);
        for (const indicator of area.indicators) expect(indicator.key.startsWith(`${area.key}.`), indicator.key).toBe(true);
      }
    });

    it('loads as a SurveyJS model without JSON errors', () => {
      const model = new Model(toSurveyJson(q));
      expect(model.jsonErrors ?? []).toEqual([]);
      expect(model.pages).toHaveLength(q.areas.length);
      const indicatorCount = q.areas.reduce((sum, a) => sum + a.indicators.length, 0);
      expect(model.getAllQuestions().length).toBe(indicatorCount + q.areas.length);
    });
  });
});
