import { type Kysely, sql } from 'kysely';

/**
 * Administration: the audit log of administrative changes, logins and exports, and the
 * organizer's retention settings (gallring). The audit log never holds answers or comments:
 * only who did what to which target, when, and small details such as counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organizers
      add column draft_retention_days integer not null default 90
        check (draft_retention_days between 1 and 3650),
      add column audit_retention_days integer not null default 730
        check (audit_retention_days between 30 and 3650)`.execute(db);

  await sql`
    create table audit_log (
      organizer_id uuid not null references organizers (id),
      id uuid not null default gen_random_uuid(),
      occurred_at timestamptz not null default now(),
      actor_user_id uuid,
      action text not null check (action ~ '^[a-z]+(\\.[a-z-]+)*$'),
      target text not null default '',
      details jsonb not null default '{}' check (jsonb_typeof(details) = 'object'),
      primary key (organizer_id, id),
      foreign key (organizer_id, actor_user_id) references users (organizer_id, id)
    )`.execute(db);

  await sql`create index audit_log_occurred on audit_log (organizer_id, occurred_at desc)`.execute(db);
}
