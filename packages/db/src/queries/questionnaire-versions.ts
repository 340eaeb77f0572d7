import type { QuestionnaireDefinition } from '@kvalitetshjulet/domain';
import type { Db } from '../create-database.ts';

/**
 * The organizer's own questionnaire versions (see docs/questionnaires.md). Standard versions
 * have no organizer; an organizer's own versions carry its id. Only drafts are ever changed.
 */

export type QuestionnaireStatus = 'draft' | 'published';

export interface QuestionnaireVersionSummary {
  id: string;
  /** null for a standard questionnaire. */
  organizerId: string | null;
  key: string;
  version: number;
  schoolForm: string;
  title: string;
  status: QuestionnaireStatus;
  publishedAt: Date | null;
  basedOn: string | null;
  areaCount: number;
  indicatorCount: number;
  /** Rounds of this organizer that use the version. */
  roundCount: number;
}

/** The standard questionnaires and the organizer's own versions (never another organizer's). */
export async function listQuestionnaireVersions(db: Db, organizerId: string): Promise<QuestionnaireVersionSummary[]> {
  const rows = await db
    .selectFrom('questionnaires as q')
    .select((eb) => [
      'q.id',
      'q.organizer_id',
      'q.key',
      'q.version',
      'q.school_form',
      'q.title',
      'q.status',
      'q.published_at',
      'q.based_on',
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
      eb
        .selectFrom('rounds as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('r.organizer_id', '=', organizerId)
        .whereRef('r.questionnaire_id', '=', 'q.id')
        .as('round_count'),
    ])
    .where((eb) => eb.or([eb('q.organizer_id', 'is', null), eb('q.organizer_id', '=', organizerId)]))
    .orderBy('q.school_form')
    .orderBy('q.organizer_id', (o) => o.nullsFirst())
    .orderBy('q.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organizerId: r.organizer_id,
    key: r.key,
    version: r.version,
    schoolForm: r.school_form,
    title: r.title,
    status: r.status,
    publishedAt: r.published_at,
    basedOn: r.based_on,
    areaCount: Number(r.area_count ?? 0),
    indicatorCount: Number(r.indicator_count ?? 0),
    roundCount: Number(r.round_count ?? 0),
  }));
}

export interface QuestionnaireVersionRecord {
  id: string;
  organizerId: string | null;
  key: string;
  version: number;
  schoolForm: string;
  status: QuestionnaireStatus;
  basedOn: string | null;
  publishedAt: Date | null;
}

/** One version the organizer may see (a standard one or its own), or null. */
export async function getQuestionnaireVersion(db: Db, organizerId: string, id: string): Promise<QuestionnaireVersionRecord | null> {
  const row = await db
    .selectFrom('questionnaires')
    .select(['id', 'organizer_id', 'key', 'version', 'school_form', 'status', 'based_on', 'published_at'])
    .where('id', '=', id)
    .where((eb) => eb.or([eb('organizer_id', 'is', null), eb('organizer_id', '=', organizerId)]))
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    organizerId: row.organizer_id,
    key: row.key,
    version: row.version,
    schoolForm: row.school_form,
    status: row.status,
    basedOn: row.based_on,
    publishedAt: row.published_at,
  };
}

/** The organizer's own versions for a questionnaire key, newest first. */
export async function listOwnVersions(db: Db, organizerId: string, key: string): Promise<QuestionnaireVersionRecord[]> {
  const rows = await db
    .selectFrom('questionnaires')
    .select(['id', 'organizer_id', 'key', 'version', 'school_form', 'status', 'based_on', 'published_at'])
    .where('organizer_id', '=', organizerId)
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    organizerId: row.organizer_id,
    key: row.key,
    version: row.version,
    schoolForm: row.school_form,
    status: row.status,
    basedOn: row.based_on,
    publishedAt: row.published_at,
  }));
}

/** indicator key → source key of a draft's indicators. */
export async function getIndicatorSources(db: Db, questionnaireId: string): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('indicators').select(['key', 'source_key']).where('questionnaire_id', '=', questionnaireId).execute();
  return new Map(rows.map((r) => [r.key, r.source_key]));
}

/**
 * Every indicator key ever used under a questionnaire key, in the standard versions and
 * the organizer's own, leaving out one version (the draft being saved).
 */
export async function listLineageIndicatorKeys(db: Db, organizerId: string, key: string, exceptQuestionnaireId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('indicators as i')
    .innerJoin('questionnaires as q', 'q.id', 'i.questionnaire_id')
    .select('i.key')
    .distinct()
    .where('q.key', '=', key)
    .where((eb) => eb.or([eb('q.organizer_id', 'is', null), eb('q.organizer_id', '=', organizerId)]))
    .where('q.id', '!=', exceptQuestionnaireId)
    .execute();
  return rows.map((r) => r.key);
}

export interface DraftContent {
  definition: QuestionnaireDefinition;
  /** Per indicator key: the key it was edited from in the based_on version, or null. */
  sourceKeys: ReadonlyMap<string, string | null>;
}

async function insertContent(db: Db, questionnaireId: string, content: DraftContent): Promise<void> {
  for (const [areaIndex, area] of content.definition.areas.entries()) {
    const a = await db
      .insertInto('areas')
      .values({
        questionnaire_id: questionnaireId,
        key: area.key,
        position: areaIndex + 1,
        title: area.title,
        description: area.description,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('indicators')
      .values(
        area.indicators.map((indicator, i) => ({
          questionnaire_id: questionnaireId,
          area_id: a.id,
          key: indicator.key,
          position: i + 1,
          statement: indicator.statement,
          criteria: JSON.stringify(indicator.criteria),
          evidence_hints: JSON.stringify(indicator.evidenceHints),
          source_key: content.sourceKeys.get(indicator.key) ?? null,
        })),
      )
      .execute();
  }
}

/**
 * Creates the organizer's draft of the next version, with the given content, copied from
 * `basedOn`. Returns null when the organizer already has a draft for the key (one at a time).
 */
export async function createDraftVersion(
  db: Db,
  draft: { organizerId: string; basedOn: string; version: number; content: DraftContent },
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('questionnaires')
      .select('id')
      .where('organizer_id', '=', draft.organizerId)
      .where('key', '=', draft.content.definition.key)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (existing) return null;
    const def = draft.content.definition;
    const { id } = await trx
      .insertInto('questionnaires')
      .values({
        organizer_id: draft.organizerId,
        key: def.key,
        version: draft.version,
        school_form: def.schoolForm,
        title: def.title,
        curriculum: def.curriculum,
        introduction: def.introduction,
        scale: JSON.stringify(def.scale),
        scale_steps: def.scale.steps.length,
        status: 'draft',
        published_at: null,
        based_on: draft.basedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertContent(trx, id, draft.content);
    return id;
  });
}

/**
 * Replaces a draft's title, introduction, areas and indicators; with `publish`, also publishes
 * it in the same transaction. Returns false when the id is not a draft of this organizer (it was
 * published or discarded meanwhile): a published version is never changed.
 */
export async function saveDraftVersion(
  db: Db,
  organizerId: string,
  draftId: string,
  content: DraftContent,
  options: { publish: boolean; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const def = content.definition;
    const updated = await trx
      .updateTable('questionnaires')
      .set({
        title: def.title,
        introduction: def.introduction,
        ...(options.publish ? { status: 'published' as const, published_at: options.now } : {}),
      })
      .where('organizer_id', '=', organizerId)
      .where('id', '=', draftId)
      .where('status', '=', 'draft')
      .returning('id')
      .executeTakeFirst();
    if (!updated) return false;
    await trx.deleteFrom('indicators').where('questionnaire_id', '=', draftId).execute();
    await trx.deleteFrom('areas').where('questionnaire_id', '=', draftId).execute();
    await insertContent(trx, draftId, content);
    return true;
  });
}

/** Deletes the organizer's draft. Returns false when it is not a draft of this organizer. */
export async function discardDraftVersion(db: Db, organizerId: string, draftId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('questionnaires')
    .where('organizer_id', '=', organizerId)
    .where('id', '=', draftId)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst();
  return deleted !== undefined;
}
