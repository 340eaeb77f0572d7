import { type Kysely, sql } from 'kysely';

/**
 * The initial schema. Every table holding an organizer's data carries organizer_id,
 * has it first in its primary key and references other tenant tables through
 * (organizer_id, id), so the database itself keeps tenants apart and the tables can be
 * distributed by organizer_id (see docs/scaling.md). Questionnaires are reference data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schoolForms = sql.raw(
    `('forskola','forskoleklass','fritidshem','grundskola','anpassad-grundskola','gymnasieskola','anpassad-gymnasieskola','komvux')`,
  );

  await sql`
    create table organizers (
      id uuid primary key default gen_random_uuid(),
      key text not null unique check (key ~ '^[a-z0-9-]+$'),
      name text not null check (length(btrim(name)) > 0),
      kind text not null check (kind in ('kommun', 'enskild')),
      anonymity_threshold integer not null default 5 check (anonymity_threshold between 3 and 10),
      staff_can_see_results boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table school_units (
      organizer_id uuid not null references organizers (id),
      id uuid not null default gen_random_uuid(),
      key text not null,
      name text not null check (length(btrim(name)) > 0),
      unit_code text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (organizer_id, id),
      unique (organizer_id, key),
      unique (organizer_id, unit_code)
    )`.execute(db);

  await sql`
    create table school_unit_forms (
      organizer_id uuid not null,
      school_unit_id uuid not null,
      school_form text not null check (school_form in ${schoolForms}),
      primary key (organizer_id, school_unit_id, school_form),
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id) on delete cascade
    )`.execute(db);

  await sql`
    create table teams (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      school_unit_id uuid not null,
      key text not null,
      name text not null check (length(btrim(name)) > 0),
      school_form text not null,
      active boolean not null default true,
      primary key (organizer_id, id),
      unique (organizer_id, key),
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id),
      foreign key (organizer_id, school_unit_id, school_form)
        references school_unit_forms (organizer_id, school_unit_id, school_form)
    )`.execute(db);

  await sql`
    create table users (
      organizer_id uuid not null references organizers (id),
      id uuid not null default gen_random_uuid(),
      key text not null,
      name text not null check (length(btrim(name)) > 0),
      email text not null check (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
      title text not null default '',
      active boolean not null default true,
      oidc_issuer text,
      oidc_subject text,
      created_at timestamptz not null default now(),
      primary key (organizer_id, id),
      unique (organizer_id, key),
      unique (organizer_id, email),
      unique (organizer_id, oidc_issuer, oidc_subject)
    )`.execute(db);

  await sql`
    create table role_assignments (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      user_id uuid not null,
      role text not null check (role in ('staff', 'principal', 'organizer', 'admin')),
      school_unit_id uuid,
      team_id uuid,
      leads_team boolean not null default false,
      primary key (organizer_id, id),
      unique nulls not distinct (organizer_id, user_id, role, school_unit_id, team_id),
      foreign key (organizer_id, user_id) references users (organizer_id, id) on delete cascade,
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id),
      foreign key (organizer_id, team_id) references teams (organizer_id, id),
      check ((role in ('staff', 'principal')) = (school_unit_id is not null)),
      check (team_id is null or role = 'staff'),
      check (not leads_team or team_id is not null)
    )`.execute(db);

  // Questionnaires are reference data: the standard ones have no organizer; an organizer's
  // own copies (a later feature) carry its id.
  await sql`
    create table questionnaires (
      id uuid primary key default gen_random_uuid(),
      organizer_id uuid references organizers (id),
      key text not null,
      version integer not null check (version >= 1),
      school_form text not null check (school_form in ${schoolForms}),
      title text not null,
      curriculum text not null,
      introduction text not null,
      scale jsonb not null check (jsonb_typeof(scale -> 'steps') = 'array'),
      scale_steps integer not null check (scale_steps between 2 and 10),
      created_at timestamptz not null default now(),
      unique nulls not distinct (organizer_id, key, version)
    )`.execute(db);

  await sql`
    create table areas (
      id uuid primary key default gen_random_uuid(),
      questionnaire_id uuid not null references questionnaires (id) on delete cascade,
      key text not null,
      position integer not null check (position >= 1),
      title text not null,
      description text not null,
      unique (questionnaire_id, key),
      unique (questionnaire_id, position)
    )`.execute(db);

  await sql`
    create table indicators (
      id uuid primary key default gen_random_uuid(),
      questionnaire_id uuid not null references questionnaires (id) on delete cascade,
      area_id uuid not null references areas (id) on delete cascade,
      key text not null,
      position integer not null check (position >= 1),
      statement text not null check (length(btrim(statement)) > 0),
      criteria jsonb not null check (jsonb_typeof(criteria) = 'array' and jsonb_array_length(criteria) >= 2),
      evidence_hints jsonb not null default '[]' check (jsonb_typeof(evidence_hints) = 'array'),
      unique (questionnaire_id, key),
      unique (area_id, position)
    )`.execute(db);

  await sql`
    create table rounds (
      organizer_id uuid not null references organizers (id),
      id uuid not null default gen_random_uuid(),
      key text,
      name text not null check (length(btrim(name)) > 0),
      questionnaire_id uuid not null references questionnaires (id),
      school_form text not null check (school_form in ${schoolForms}),
      opens_on date not null,
      closes_on date not null,
      closed_early_on date,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (organizer_id, id),
      unique (organizer_id, key),
      check (closes_on >= opens_on),
      check (closed_early_on is null or closed_early_on >= opens_on)
    )`.execute(db);

  await sql`
    create table round_units (
      organizer_id uuid not null,
      round_id uuid not null,
      school_unit_id uuid not null,
      primary key (organizer_id, round_id, school_unit_id),
      foreign key (organizer_id, round_id) references rounds (organizer_id, id) on delete cascade,
      foreign key (organizer_id, school_unit_id) references school_units (organizer_id, id)
    )`.execute(db);

  // Who has taken part. Kept apart from what was answered: no link to responses.
  await sql`
    create table participations (
      organizer_id uuid not null,
      round_id uuid not null,
      school_unit_id uuid not null,
      user_id uuid not null,
      submitted_on date not null,
      primary key (organizer_id, round_id, school_unit_id, user_id),
      foreign key (organizer_id, round_id, school_unit_id)
        references round_units (organizer_id, round_id, school_unit_id),
      foreign key (organizer_id, user_id) references users (organizer_id, id)
    )`.execute(db);

  // A draft belongs to its author until submitted; its id is created by the client.
  await sql`
    create table drafts (
      organizer_id uuid not null,
      id uuid not null,
      round_id uuid not null,
      school_unit_id uuid not null,
      team_id uuid,
      user_id uuid not null,
      revision integer not null check (revision >= 0),
      answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
      comments jsonb not null default '{}' check (jsonb_typeof(comments) = 'object'),
      updated_at timestamptz not null default now(),
      primary key (organizer_id, id),
      unique (organizer_id, round_id, school_unit_id, user_id),
      foreign key (organizer_id, round_id, school_unit_id)
        references round_units (organizer_id, round_id, school_unit_id),
      foreign key (organizer_id, team_id) references teams (organizer_id, id),
      foreign key (organizer_id, user_id) references users (organizer_id, id)
    )`.execute(db);

  // Anonymous responses: no user id, the date only.
  await sql`
    create table responses (
      organizer_id uuid not null,
      id uuid not null default gen_random_uuid(),
      round_id uuid not null,
      school_unit_id uuid not null,
      team_id uuid,
      submitted_on date not null,
      primary key (organizer_id, id),
      foreign key (organizer_id, round_id, school_unit_id)
        references round_units (organizer_id, round_id, school_unit_id),
      foreign key (organizer_id, team_id) references teams (organizer_id, id)
    )`.execute(db);

  await sql`
    create table answers (
      organizer_id uuid not null,
      response_id uuid not null,
      indicator_id uuid not null references indicators (id),
      value smallint check (value between 1 and 10),
      dont_know boolean not null default false,
      primary key (organizer_id, response_id, indicator_id),
      foreign key (organizer_id, response_id) references responses (organizer_id, id) on delete cascade,
      check ((value is null) = dont_know)
    )`.execute(db);

  await sql`
    create table area_comments (
      organizer_id uuid not null,
      response_id uuid not null,
      area_id uuid not null references areas (id),
      body text not null check (length(btrim(body)) between 1 and 2000),
      primary key (organizer_id, response_id, area_id),
      foreign key (organizer_id, response_id) references responses (organizer_id, id) on delete cascade
    )`.execute(db);

  // The team's agreed rating (gemensam skattning) with its reason.
  await sql`
    create table group_ratings (
      organizer_id uuid not null,
      round_id uuid not null,
      team_id uuid not null,
      indicator_id uuid not null references indicators (id),
      value smallint check (value between 1 and 10),
      dont_know boolean not null default false,
      reason text not null check (length(btrim(reason)) between 1 and 2000),
      updated_by uuid not null,
      updated_at timestamptz not null default now(),
      primary key (organizer_id, round_id, team_id, indicator_id),
      foreign key (organizer_id, round_id) references rounds (organizer_id, id) on delete cascade,
      foreign key (organizer_id, team_id) references teams (organizer_id, id),
      foreign key (organizer_id, updated_by) references users (organizer_id, id),
      check ((value is null) = dont_know)
    )`.execute(db);

  // Sessions: the id is a hash of the cookie's token, never the token itself.
  await sql`
    create table sessions (
      id text primary key,
      organizer_id uuid not null,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      foreign key (organizer_id, user_id) references users (organizer_id, id) on delete cascade
    )`.execute(db);

  // Which users the demo login offers, in order. Written only by the demo seed.
  await sql`
    create table demo_personas (
      organizer_id uuid not null,
      user_id uuid not null,
      position integer not null,
      primary key (organizer_id, user_id),
      foreign key (organizer_id, user_id) references users (organizer_id, id) on delete cascade
    )`.execute(db);

  await sql`create index role_assignments_user on role_assignments (organizer_id, user_id)`.execute(db);
  await sql`create index responses_round_unit on responses (organizer_id, round_id, school_unit_id)`.execute(db);
  await sql`create index answers_indicator on answers (organizer_id, indicator_id)`.execute(db);
  await sql`create index sessions_user on sessions (organizer_id, user_id)`.execute(db);
}
