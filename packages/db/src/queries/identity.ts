import { sql } from 'kysely';
import type { Db } from '../create-database.ts';
import type { IdentityProviderKind } from '../schema.ts';
import { deactivateUserEndingSessions } from './administration.ts';

export interface IdentityProvider {
  id: string;
  organizerId: string;
  organizerName: string;
  kind: IdentityProviderKind;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretEnv: string;
  allowedEmailDomain: string | null;
  enabled: boolean;
}

function providerQuery(db: Db) {
  return db
    .selectFrom('identity_providers as p')
    .innerJoin('organizers as o', 'o.id', 'p.organizer_id')
    .select([
      'p.id',
      'p.organizer_id',
      'o.name as organizer_name',
      'p.kind',
      'p.display_name',
      'p.issuer',
      'p.client_id',
      'p.client_secret_env',
      'p.allowed_email_domain',
      'p.enabled',
    ]);
}

type ProviderRow = Awaited<ReturnType<ReturnType<typeof providerQuery>['executeTakeFirstOrThrow']>>;

function toProvider(row: ProviderRow): IdentityProvider {
  return {
    id: row.id,
    organizerId: row.organizer_id,
    organizerName: row.organizer_name,
    kind: row.kind,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretEnv: row.client_secret_env,
    allowedEmailDomain: row.allowed_email_domain,
    enabled: row.enabled,
  };
}

/** Every enabled provider, of every organizer, for the login page: organizer name, then display name. */
export async function listEnabledIdentityProviders(db: Db): Promise<IdentityProvider[]> {
  const rows = await providerQuery(db).where('p.enabled', '=', true).orderBy('o.name').orderBy('p.display_name').execute();
  return rows.map(toProvider);
}

/**
 * A provider by its id alone: the login start address names only the provider, and this is how
 * the organizer is found (like a session). Null when unknown.
 */
export async function findIdentityProvider(db: Db, providerId: string): Promise<IdentityProvider | null> {
  const row = await providerQuery(db).where('p.id', '=', providerId).executeTakeFirst();
  return row ? toProvider(row) : null;
}

/** One organizer's providers, enabled or not (for administration). */
export async function listOrganizerIdentityProviders(db: Db, organizerId: string): Promise<IdentityProvider[]> {
  const rows = await providerQuery(db).where('p.organizer_id', '=', organizerId).orderBy('p.display_name').execute();
  return rows.map(toProvider);
}

export interface NewIdentityProvider {
  kind: IdentityProviderKind;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretEnv: string;
  allowedEmailDomain?: string | null;
  enabled?: boolean;
}

export async function createIdentityProvider(db: Db, organizerId: string, provider: NewIdentityProvider): Promise<string> {
  const row = await db
    .insertInto('identity_providers')
    .values({
      organizer_id: organizerId,
      kind: provider.kind,
      display_name: provider.displayName,
      issuer: provider.issuer,
      client_id: provider.clientId,
      client_secret_env: provider.clientSecretEnv,
      allowed_email_domain: provider.allowedEmailDomain ?? null,
      enabled: provider.enabled ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setIdentityProviderEnabled(db: Db, organizerId: string, providerId: string, enabled: boolean): Promise<boolean> {
  const result = await db
    .updateTable('identity_providers')
    .set({ enabled })
    .where('organizer_id', '=', organizerId)
    .where('id', '=', providerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ── Logins in progress ────────────────────────────────────────────────────────

export interface OidcLoginState {
  organizerId: string;
  providerId: string;
  codeVerifier: string;
  nonce: string;
}

/** Stores a login in progress and clears out the ones that have run out. */
export async function saveOidcLoginState(db: Db, stateId: string, state: OidcLoginState, now: Date, expiresAt: Date): Promise<void> {
  await db.deleteFrom('oidc_login_states').where('expires_at', '<=', now).execute();
  await db
    .insertInto('oidc_login_states')
    .values({
      id: stateId,
      organizer_id: state.organizerId,
      provider_id: state.providerId,
      code_verifier: state.codeVerifier,
      nonce: state.nonce,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
}

/** Takes a login in progress (single use: the row is gone afterwards). Null when unknown or run out. */
export async function takeOidcLoginState(db: Db, stateId: string, now: Date): Promise<OidcLoginState | null> {
  const row = await db
    .deleteFrom('oidc_login_states')
    .where('id', '=', stateId)
    .returning(['organizer_id', 'provider_id', 'code_verifier', 'nonce', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= now.getTime()) return null;
  return { organizerId: row.organizer_id, providerId: row.provider_id, codeVerifier: row.code_verifier, nonce: row.nonce };
}

// ── Users behind a login ─────────────────────────────────────────────────────

export interface LoginUser {
  organizerId: string;
  userId: string;
}

/** The active user of the organizer bound to this (issuer, subject), or null. */
export async function findUserBySubject(db: Db, organizerId: string, issuer: string, subject: string): Promise<LoginUser | null> {
  const row = await db
    .selectFrom('users')
    .select(['organizer_id', 'id'])
    .where('organizer_id', '=', organizerId)
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .where('active', '=', true)
    .executeTakeFirst();
  return row ? { organizerId: row.organizer_id, userId: row.id } : null;
}

/** Is this (issuer, subject) already bound to a user of the organizer, active or not? */
export async function isSubjectBound(db: Db, organizerId: string, issuer: string, subject: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('organizer_id', '=', organizerId)
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * First login: binds (issuer, subject) to the active user of the organizer with this email
 * (case-insensitive) who has never logged in with a provider. Returns the user, or null when
 * there is no such user. Only a user whose subject is still empty can be bound.
 */
export async function bindSubjectByEmail(
  db: Db,
  organizerId: string,
  email: string,
  identity: { issuer: string; subject: string },
): Promise<LoginUser | null> {
  const row = await db
    .updateTable('users')
    .set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject })
    .where('organizer_id', '=', organizerId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('oidc_subject', 'is', null)
    .where('active', '=', true)
    .returning(['organizer_id', 'id'])
    .executeTakeFirst();
  return row ? { organizerId: row.organizer_id, userId: row.id } : null;
}

/** Deactivates a user of the organizer and ends all their sessions. False when there is no such user. */
export async function deactivateUser(db: Db, organizerId: string, userId: string): Promise<boolean> {
  return (await deactivateUserEndingSessions(db, organizerId, userId)).found;
}
