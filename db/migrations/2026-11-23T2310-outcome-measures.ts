import { type Kysely, sql } from 'kysely';

/**
 * Outcome measures (nyckeltal) beside the self-ratings: the organizer's catalogue of measures,
 * values per unit and period, links from questionnaire areas and indicators to measures,
 * qualitative evidence notes per unit and round, and the current-state description
 * (nulägesbeskrivning) per unit or organizer and round. See docs/outcome-measures.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outcome_measures (
      organizer_id uuid not null references organizers (id),
      id uuid not null default gen_random_uuid(),
      name text not null check (length(btrim(name)) between 1 and 200),
      definition text not null default '',
      unit_of_measure text not null default '',
      source text not null default '',
      direction text not null default 'higher-is-better' check (direction in ('higher-is-better', 'lower-is-better')),
      scale_min numeric,
      scale_max numeric,
      created_at timestamptz not null default now(),
      primary key (organizer_id, id),
      check (scale_min is null or scale_max is null or scale_min < scale_max)
    )`.execute(db);
  await sql`create unique index outcome_measures_name on outcome_measures (organizer_id, lower(name))`.execute(db);

  await sql`
    create table outcome_values (
      organizer_id uuid not null,
      measure_id uuid not null,
      school_unit_id uuid not null,
      period text not null check (period ~ '^([0-9]{4}/[0-9]{2}|HT [0-9]{4}|VT [0-9]{4})$'),
      period_order integer not null,
      value numeric not null,
      n integer check (n is null or n >= 0),
      updated_at timestamptz not null default now(),
      primary key (organizer_id, measure_id, school_unit_id, period),
      foreign key (organizer_id, measure_id) references outcome_measures (organizer_id, id) on delete cascade,
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id)
    )`.execute(db);
  await sql`create index outcome_values_unit on outcome_values (organizer_id, school_unit_id)`.execute(db);

  await sql`
    create table outcome_links (
      organizer_id uuid not null,
      measure_id uuid not null,
      target_kind text not null check (target_kind in ('area', 'indicator')),
      target_key text not null,
      school_form text not null,
      primary key (organizer_id, measure_id, target_kind, target_key),
      foreign key (organizer_id, measure_id) references outcome_measures (organizer_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table evidence_notes (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      school_unit_id uuid not null,
      round_id uuid not null,
      kind text not null check (kind in ('observation', 'intervju', 'klagomal', 'ovrigt')),
      title text not null check (length(btrim(title)) between 1 and 200),
      body text not null check (length(body) <= 20000),
      area_keys jsonb not null default '[]' check (jsonb_typeof(area_keys) = 'array'),
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (organizer_id, id),
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id),
      foreign key (organizer_id, round_id) references rounds (organizer_id, id),
      foreign key (organizer_id, created_by) references users (organizer_id, id)
    )`.execute(db);
  await sql`create index evidence_notes_unit_round on evidence_notes (organizer_id, school_unit_id, round_id)`.execute(db);

  await sql`
    create table current_state_reports (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      round_id uuid not null,
      school_unit_id uuid,
      parts jsonb not null default '[]' check (jsonb_typeof(parts) = 'array'),
      revision integer not null default 1,
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (organizer_id, id),
      foreign key (organizer_id, round_id) references rounds (organizer_id, id),
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id),
      foreign key (organizer_id, updated_by) references users (organizer_id, id)
    )`.execute(db);
  await sql`
    create unique index current_state_reports_scope on current_state_reports
      (organizer_id, round_id, coalesce(school_unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);
}
