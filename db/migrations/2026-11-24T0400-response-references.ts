import { type Kysely, sql } from 'kysely';

/**
 * Answers and area comments refer to their response without a foreign key; triggers keep the same
 * rule, including the cascade (docs/decisions.md, decision 20).
 *
 * A submission inserts its response and its 40–80 answers in one statement. The foreign key checked
 * each answer on its own at the end of that statement: one lookup of the response, with a row lock,
 * per answer. One statement-level check over all new answers does the same work once. Measured on
 * PostgreSQL with 8 concurrent writers, interleaved 4-second rounds, median of six: 1 641
 * submissions/s with the foreign keys, 1 877/s with the triggers (1.14×).
 *
 * - New or changed answers and area comments: a statement-level trigger refuses the statement with
 *   foreign_key_violation (23503) when a row refers to a response that does not exist, as the key did.
 * - A deleted response takes its answers and area comments with it (the key's ON DELETE CASCADE).
 * - A response that has answers or comments cannot change its key.
 * What the key's lock also gave, a response deleted while answers to it are being inserted, cannot
 * happen: answers are only ever inserted in the statement that inserts their response.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table answers drop constraint answers_organizer_id_response_id_fkey`.execute(db);
  await sql`alter table area_comments drop constraint area_comments_organizer_id_response_id_fkey`.execute(db);

  // One function for both tables: it reads only the transition table's organizer_id and response_id.
  await sql`
    create function response_reference_exists() returns trigger language plpgsql as $$
    begin
      if exists (
        select from new_rows n
        where not exists (select from responses r where r.organizer_id = n.organizer_id and r.id = n.response_id)
      ) then
        raise exception '%.response_id refers to a response that does not exist', tg_table_name using errcode = 'foreign_key_violation';
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ['answers', 'area_comments'] as const) {
    for (const event of ['insert', 'update'] as const) {
      await sql`
        create trigger ${sql.raw(`${table}_response_exists_on_${event}`)} after ${sql.raw(event)} on ${sql.raw(table)}
        referencing new table as new_rows for each statement execute function response_reference_exists()`.execute(db);
    }
  }

  await sql`
    create function responses_cascade_delete() returns trigger language plpgsql as $$
    begin
      delete from answers a using old_rows o where a.organizer_id = o.organizer_id and a.response_id = o.id;
      delete from area_comments c using old_rows o where c.organizer_id = o.organizer_id and c.response_id = o.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger responses_cascade_delete after delete on responses
    referencing old table as old_rows for each statement execute function responses_cascade_delete()`.execute(db);

  await sql`
    create function responses_keep_referenced() returns trigger language plpgsql as $$
    begin
      if new.organizer_id = old.organizer_id and new.id = old.id then return new; end if;
      if exists (select from answers a where a.organizer_id = old.organizer_id and a.response_id = old.id)
        or exists (select from area_comments c where c.organizer_id = old.organizer_id and c.response_id = old.id) then
        raise exception 'response % is referred to by answers or area comments', old.id using errcode = 'foreign_key_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger responses_keep_referenced before update of organizer_id, id on responses
    for each row execute function responses_keep_referenced()`.execute(db);
}
