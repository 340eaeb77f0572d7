import { type Kysely, sql } from 'kysely';

/**
 * The organizer's own questionnaires (see docs/questionnaires.md).
 *
 * A questionnaire version is either a draft (being edited; no round may use it) or published
 * (immutable: rounds reference it and their answers reference its indicators). Editing happens
 * on a draft copy of the latest version; publishing turns the draft into the next version.
 *
 * - status: 'draft' or 'published'. Everything stored before this migration is published.
 * - published_at: when a version was published (defaults to now, so the seed needs no change).
 * - based_on: the version the draft was copied from (a standard one or the organizer's own).
 * - indicators.source_key: the key, in the based_on version, of the indicator this one was
 *   edited from (null for a new one); it decides whether the indicator keeps its key.
 * - At most one draft per organizer and questionnaire key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table questionnaires
      add column status text not null default 'published' check (status in ('draft', 'published')),
      add column published_at timestamptz default now(),
      add column based_on uuid references questionnaires (id)`.execute(db);
  await sql`update questionnaires set published_at = created_at where status = 'published'`.execute(db);
  await sql`
    alter table questionnaires
      add constraint questionnaires_published_at check ((status = 'published') = (published_at is not null)),
      add constraint questionnaires_draft_owned check (status = 'published' or organizer_id is not null)`.execute(db);
  await sql`create unique index questionnaires_one_draft on questionnaires (organizer_id, key) where status = 'draft'`.execute(db);
  await sql`create index questionnaires_by_organizer on questionnaires (organizer_id, school_form, status, version)`.execute(db);
  await sql`alter table indicators add column source_key text`.execute(db);
}
