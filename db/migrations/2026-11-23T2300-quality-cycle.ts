import { type Kysely, sql } from 'kysely';

/**
 * The quality cycle after "Var är vi?": a plan per unit and round (school_unit_id set) or per
 * organizer and round (school_unit_id null) holds the findings taken into the analysis (with a
 * snapshot of their figures), the texts (analysis, evidence, causes per finding, evaluations: each
 * with a revision number for conflict-safe autosave), the priorities with their indicators and
 * target levels, and the activities of the development plan. See docs/quality-cycle.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table quality_plans (
      organizer_id uuid not null references organizers (id),
      id uuid not null default gen_random_uuid(),
      round_id uuid not null,
      school_unit_id uuid,
      created_at timestamptz not null default now(),
      primary key (organizer_id, id),
      foreign key (organizer_id, round_id) references rounds (organizer_id, id) on delete cascade,
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id)
    )`.execute(db);
  await sql`
    create unique index quality_plans_scope
      on quality_plans (organizer_id, round_id, coalesce(school_unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);

  await sql`
    create table quality_findings (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      plan_id uuid not null,
      kind text not null check (kind in ('strength', 'weakness', 'disagreement')),
      reference text not null default '' check (reference in ('', 'own-average', 'organizer', 'previous-round')),
      indicator_key text not null,
      area_key text not null,
      snapshot jsonb not null check (jsonb_typeof(snapshot) = 'object'),
      taken_by uuid,
      taken_at timestamptz not null default now(),
      primary key (organizer_id, id),
      unique (organizer_id, plan_id, indicator_key, kind, reference),
      foreign key (organizer_id, plan_id) references quality_plans (organizer_id, id) on delete cascade,
      foreign key (organizer_id, taken_by) references users (organizer_id, id)
    )`.execute(db);

  await sql`
    create table quality_texts (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      plan_id uuid not null,
      doc_key text not null check (doc_key ~ '^(analysis|evidence|cause:[0-9a-f-]{36}|evaluation:[0-9a-f-]{36})$'),
      body text not null default '',
      revision integer not null default 0 check (revision >= 0),
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (organizer_id, id),
      unique (organizer_id, plan_id, doc_key),
      foreign key (organizer_id, plan_id) references quality_plans (organizer_id, id) on delete cascade,
      foreign key (organizer_id, updated_by) references users (organizer_id, id)
    )`.execute(db);

  await sql`
    create table quality_priorities (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      plan_id uuid not null,
      title text not null check (length(btrim(title)) > 0),
      reason text not null default '',
      goal text not null default '',
      position integer not null default 0,
      origin_priority_id uuid,
      organizer_priority_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (organizer_id, id),
      foreign key (organizer_id, plan_id) references quality_plans (organizer_id, id) on delete cascade,
      foreign key (organizer_id, origin_priority_id) references quality_priorities (organizer_id, id) on delete set null (origin_priority_id),
      foreign key (organizer_id, organizer_priority_id) references quality_priorities (organizer_id, id) on delete set null (organizer_priority_id)
    )`.execute(db);
  await sql`create index quality_priorities_plan on quality_priorities (organizer_id, plan_id, position)`.execute(db);

  await sql`
    create table quality_priority_indicators (
      organizer_id uuid not null,
      priority_id uuid not null,
      indicator_key text not null,
      area_key text not null,
      target_mean numeric(4, 2),
      primary key (organizer_id, priority_id, indicator_key),
      foreign key (organizer_id, priority_id) references quality_priorities (organizer_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table quality_activities (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      priority_id uuid not null,
      title text not null check (length(btrim(title)) > 0),
      responsible text not null default '',
      starts_on date not null,
      ends_on date not null,
      resources text not null default '',
      expected_effect text not null default '',
      follow_up text not null default '',
      status text not null default 'planned' check (status in ('planned', 'ongoing', 'done', 'cancelled')),
      position integer not null default 0,
      created_at timestamptz not null default now(),
      primary key (organizer_id, id),
      check (ends_on >= starts_on),
      foreign key (organizer_id, priority_id) references quality_priorities (organizer_id, id) on delete cascade
    )`.execute(db);
}
