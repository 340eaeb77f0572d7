import type { QuestionnaireDefinition } from './definition.ts';

/** The answer value stored for "Vet ej / ej aktuellt": not a score. */
export const DONT_KNOW = 'vet-ej' as const;

/** Name of the per-area comment question in the SurveyJS model. */
export function areaCommentName(areaKey: string): string {
  return `kommentar:${areaKey}`;
}

export const AREA_COMMENT_MAX_LENGTH = 2000;

type SurveyElement = Record<string, unknown>;

/**
 * Turns a stored questionnaire into a SurveyJS model (JSON), one page per area.
 * Each indicator is a radio group whose choices carry the step's label and the
 * indicator's own criterion text, so the rater compares practice with the criterion.
 */
export function toSurveyJson(questionnaire: QuestionnaireDefinition): Record<string, unknown> {
  const areaCount = questionnaire.areas.length;
  const pages = questionnaire.areas.map((area, areaIndex) => {
    const elements: SurveyElement[] = area.indicators.map((indicator) => ({
      type: 'radiogroup',
      name: indicator.key,
      title: indicator.statement,
      description: `Underlag att titta på: ${indicator.evidenceHints.join('; ')}.`,
      descriptionLocation: 'underTitle',
      colCount: 1,
      choices: [
        ...questionnaire.scale.steps.map((step, i) => ({
          value: step.value,
          text: `**${step.value} ${step.label}:** ${indicator.criteria[i] ?? ''}`,
        })),
        { value: DONT_KNOW, text: questionnaire.scale.unknownLabel },
      ],
    }));
    elements.push({
      type: 'comment',
      name: areaCommentName(area.key),
      title: `Kommentar till området ${area.title} (frivillig)`,
      maxLength: AREA_COMMENT_MAX_LENGTH,
      rows: 3,
      autoGrow: true,
    });
    return {
      name: area.key,
      title: `Område ${areaIndex + 1} av ${areaCount}: ${area.title}`,
      description: area.description,
      elements,
    };
  });

  return {
    locale: 'sv',
    title: questionnaire.title,
    showQuestionNumbers: 'off',
    showProgressBar: 'top',
    progressBarType: 'pages',
    textUpdateMode: 'onTyping',
    checkErrorsMode: 'onComplete',
    pageNextText: 'Nästa område',
    pagePrevText: 'Föregående område',
    completeText: 'Skicka in',
    pages,
  };
}
