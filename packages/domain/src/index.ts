export * from './school-forms/school-forms.ts';
export * from './questionnaire/definition.ts';
export * from './questionnaire/to-survey-json.ts';
