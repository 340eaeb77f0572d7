import type { QuestionnaireDefinition, SchoolForm } from '@kvalitetshjulet/domain';
import type { Db } from '../create-database.ts';

export interface StoredQuestionnaire {
  id: string;
  definition: QuestionnaireDefinition;
  /** indicator key → id */
  indicatorIds: Map<string, string>;
  /** area key → id */
  areaIds: Map<string, string>;
}

/** A stored questionnaire as its definition (areas and indicators in order). Questionnaires are reference data. */
export async function getQuestionnaire(db: Db, questionnaireId: string): Promise<StoredQuestionnaire | null> {
  const q = await db
    .selectFrom('questionnaires')
    .select(['id', 'key', 'version', 'school_form', 'title', 'curriculum', 'introduction', 'scale'])
    .where('id', '=', questionnaireId)
    .executeTakeFirst();
  if (!q) return null;
  const [areas, indicators] = await Promise.all([
    db.selectFrom('areas').select(['id', 'key', 'title', 'description']).where('questionnaire_id', '=', q.id).orderBy('position').execute(),
    db
      .selectFrom('indicators')
      .select(['id', 'key', 'area_id', 'statement', 'criteria', 'evidence_hints'])
      .where('questionnaire_id', '=', q.id)
      .orderBy('position')
      .execute(),
  ]);
  return {
    id: q.id,
    definition: {
      key: q.key,
      version: q.version,
      schoolForm: q.school_form as SchoolForm,
      title: q.title,
      curriculum: q.curriculum,
      introduction: q.introduction,
      scale: q.scale,
      areas: areas.map((a) => ({
        key: a.key,
        title: a.title,
        description: a.description,
        indicators: indicators
          .filter((i) => i.area_id === a.id)
          .map((i) => ({ key: i.key, statement: i.statement, criteria: i.criteria, evidenceHints: i.evidence_hints })),
      })),
    },
    indicatorIds: new Map(indicators.map((i) => [i.key, i.id])),
    areaIds: new Map(areas.map((a) => [a.key, a.id])),
  };
}

export interface QuestionnaireSummary {
  id: string;
  key: string;
  version: number;
  schoolForm: string;
  title: string;
  areaCount: number;
  indicatorCount: number;
}

/** The standard questionnaires (no organizer), newest version of each first. */
export async function listStandardQuestionnaires(db: Db): Promise<QuestionnaireSummary[]> {
  const rows = await db
    .selectFrom('questionnaires as q')
    .select((eb) => [
      'q.id',
      'q.key',
      'q.version',
      'q.school_form',
      'q.title',
      eb
        .selectFrom('areas as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.questionnaire_id', '=', 'q.id')
        .as('area_count'),
      eb
        .selectFrom('indicators as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.questionnaire_id', '=', 'q.id')
        .as('indicator_count'),
    ])
    .where('q.organizer_id', 'is', null)
    .orderBy('q.key')
    .orderBy('q.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    version: r.version,
    schoolForm: r.school_form,
    title: r.title,
    areaCount: Number(r.area_count ?? 0),
    indicatorCount: Number(r.indicator_count ?? 0),
  }));
}
