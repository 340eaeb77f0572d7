import { getLocaleStrings } from 'survey-core';
import 'survey-core/i18n/swedish';

let done = false;

/** Swedish SurveyJS strings, with the machine-translated ones replaced. */
export function setUpSwedish(): void {
  if (done) return;
  done = true;
  const sv = getLocaleStrings('sv');
  Object.assign(sv, {
    pagePrevText: 'Föregående område',
    pageNextText: 'Nästa område',
    completeText: 'Skicka in',
    progressText: 'Område {0} av {1}',
    indexText: '{0} av {1}',
    questionsProgressText: '{0} av {1} indikatorer besvarade',
    completingSurvey: 'Tack! Din skattning är inskickad.',
    completingSurveyBefore: 'Du har redan skickat in den här skattningen.',
    loadingSurvey: 'Skattningen laddas …',
    emptySurvey: 'Det finns inga indikatorer att besvara i den här skattningen.',
    requiredError: 'Svara på frågan.',
    textMaxLength: 'Skriv högst {0} tecken.',
    commentText: 'Kommentar',
    placeholder: 'Välj …',
  });
}
