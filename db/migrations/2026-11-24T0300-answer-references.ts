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
  await replaceForeignKey(db, { child: 'answers', column: 'indicator_id', constraint: 'answers_indicator_id_fkey', parent: 'indicators' });
  await replaceForeignKey(db, { child: 'area_comments', column: 'area_id', constraint: 'area_comments_area_id_fkey', parent: 'areas' });
}

/** Drops `child.column`'s foreign key to `parent.id` and keeps its rule with the triggers described above. Names are constants of this file. */
async function replaceForeignKey(
  db: Kysely<unknown>,
  r: { child: string; column: string; constraint: string; parent: string },
): Promise<void> {
  const child = sql.raw(r.child);
  const column = sql.raw(r.column);
  const parent = sql.raw(r.parent);
  const checkNew = sql.raw(`${r.child}_check_${r.column}`);
  const keepUsed = sql.raw(`${r.parent}_keep_referenced`);
  await sql`alter table ${child} drop constraint ${sql.raw(r.constraint)}`.execute(db);

  await sql`
    create function ${checkNew}() returns trigger language plpgsql as $$
    begin
      if exists (select from new_rows n where not exists (select from ${parent} p where p.id = n.${column})) then
        raise exception '${sql.raw(`${r.child}.${r.column}`)} refers to a row of ${parent} that does not exist' using errcode = 'foreign_key_violation';
      end if;
      return null;
    end $$`.execute(db);
  for (const event of ['insert', 'update'] as const) {
    await sql`
      create trigger ${sql.raw(`${r.child}_${r.column}_exists_on_${event}`)} after ${sql.raw(event)} on ${child}
      referencing new table as new_rows for each statement execute function ${checkNew}()`.execute(db);
  }

  await sql`
    create function ${keepUsed}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.id = old.id then return new; end if;
      if exists (select from ${child} c where c.${column} = old.id) then
        raise exception '${parent} % is referred to by ${child}', old.id using errcode = 'foreign_key_violation';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger ${keepUsed} before delete or update of id on ${parent}
    for each row execute function ${keepUsed}()`.execute(db);
}
