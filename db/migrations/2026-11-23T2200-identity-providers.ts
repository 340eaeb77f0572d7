import { type Kysely, sql } from 'kysely';

/**
 * Login with the organizer's own identity provider (OpenID Connect), see docs/identity.md.
 *
 * identity_providers: one row per provider an organizer lets its people log in with. The
 * client secret is never stored: the row names the environment variable that holds it
 * (OIDC_SECRET_…), so a leaked table holds no usable secret.
 *
 * oidc_login_states: a login in progress, between the redirect to the provider and the way
 * back. Keyed by the SHA-256 of the state value (the browser holds the state in a short-lived
 * cookie), single use, and gone after ten minutes. Holds the PKCE verifier and the nonce.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table identity_providers (
      organizer_id uuid not null references organizers (id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('entra-id', 'google', 'oidc')),
      display_name text not null check (length(btrim(display_name)) > 0),
      issuer text not null check (issuer ~ '^https?://[^[:space:]]+$'),
      client_id text not null check (length(btrim(client_id)) > 0),
      client_secret_env text not null check (client_secret_env ~ '^OIDC_SECRET_[A-Z0-9_]+$'),
      allowed_email_domain text check (allowed_email_domain ~ '^[a-z0-9-]+(\\.[a-z0-9-]+)+$'),
      enabled boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (organizer_id, id)
    )`.execute(db);
  // The login start address names only the provider: find its organizer by id.
  await sql`create index identity_providers_id on identity_providers (id)`.execute(db);

  await sql`
    create table oidc_login_states (
      id text primary key,
      organizer_id uuid not null,
      provider_id uuid not null,
      code_verifier text not null,
      nonce text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      foreign key (organizer_id, provider_id) references identity_providers (organizer_id, id) on delete cascade
    )`.execute(db);
  await sql`create index oidc_login_states_expires on oidc_login_states (expires_at)`.execute(db);

  // Email matching on a first login compares case-insensitively.
  await sql`create index users_email_lower on users (organizer_id, lower(email))`.execute(db);
}
