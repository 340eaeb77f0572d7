import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type QuestionnaireDefinition, questionnaireDefinitionSchema, SCHOOL_FORMS } from '@kvalitetshjulet/domain';

const here = dirname(fileURLToPath(import.meta.url));

/** Reads and validates the standard questionnaire for every school form (one JSON file each). */
export function loadStandardQuestionnaires(): QuestionnaireDefinition[] {
  return SCHOOL_FORMS.map((schoolForm) => {
    const raw: unknown = JSON.parse(readFileSync(join(here, `${schoolForm}.json`), 'utf8'));
    const parsed = questionnaireDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`Frågeformuläret för ${schoolForm} är ogiltigt: ${parsed.error.message}`);
    }
    if (parsed.data.schoolForm !== schoolForm) {
      throw new Error(`${schoolForm}.json anger skolformen ${parsed.data.schoolForm}`);
    }
    return parsed.data;
  });
}
