import { type Kysely, sql } from 'kysely';

/**
 * Answers and area comments refer to their indicator and area without a foreign key; triggers
 * keep the same rule (docs/decisions.md, decision 19).
 *
 * A foreign key checks every inserted row by locking the referenced row (FOR KEY SHARE). Every
 * submission of a round refers to the same 40–80 indicators, so each submission locked those
 * shared rows once per answer: a WAL record per lock and, with submissions running side by side,
 * a MultiXact per row. Measured on PostgreSQL with 8 concurrent writers, one submission statement
 * (40 answers): 759 submissions/s with the foreign keys, 975/s without (1.28×).
 *
 * - New rows: one statement-level trigger per insert checks all new references at once, without
 *   locks, and refuses the statement with foreign_key_violation (23503) as the key did.
 * - Deleted or re-keyed indicators and areas: a row trigger refuses it while an answer or comment
 *   refers to it (answers_indicator and area_comments_area are the indexes for that check).
 * What the lock also gave, a delete racing an insert, cannot happen here: only a draft
 * questionnaire's indicators are ever deleted, and no round (so no answer) uses a draft.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table answers drop constraint answers_indicator_id_fkey`.execute(db);
  await sql`alter table area_comments drop constraint area_comments_area_id_fkey`.execute(db);

  await sql`
    create function answers_check_indicators() returns trigger language plpgsql as $$
    begin
      if exists (select from new_answers n where not exists (select from indicators i where i.id = n.indicator_id)) then
        raise exception 'answer refers to an indicator that does not exist' using errcode = 'foreign_key_violation';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger answers_indicator_exists after insert on answers
    referencing new table as new_answers for each statement execute function answers_check_indicators()`.execute(db);
  await sql`
    create trigger answers_indicator_exists_on_update after update on answers
    referencing new table as new_answers for each statement execute function answers_check_indicators()`.execute(db);

  await sql`
    create function area_comments_check_areas() returns trigger language plpgsql as $$
    begin
      if exists (select from new_comments n where not exists (select from areas a where a.id = n.area_id)) then
        raise exception 'area comment refers to an area that does not exist' using errcode = 'foreign_key_violation';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger area_comments_area_exists after insert on area_comments
    referencing new table as new_comments for each statement execute function area_comments_check_areas()`.execute(db);
  await sql`
    create trigger area_comments_area_exists_on_update after update on area_comments
    referencing new table as new_comments for each statement execute function area_comments_check_areas()`.execute(db);

  await sql`
    create function indicators_keep_answered() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.id = old.id then return new; end if;
      if exists (select from answers a where a.indicator_id = old.id) then
        raise exception 'indicator % has answers', old.id using errcode = 'foreign_key_violation';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger indicators_keep_answered before delete or update of id on indicators
    for each row execute function indicators_keep_answered()`.execute(db);

  await sql`
    create function areas_keep_commented() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.id = old.id then return new; end if;
      if exists (select from area_comments c where c.area_id = old.id) then
        raise exception 'area % has comments', old.id using errcode = 'foreign_key_violation';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger areas_keep_commented before delete or update of id on areas
    for each row execute function areas_keep_commented()`.execute(db);
}
