import { createHash, randomBytes } from 'node:crypto';
import {
  bindSubjectByEmail,
  type Db,
  deactivateUser,
  findIdentityProvider,
  findUserBySubject,
  type IdentityProvider,
  isSubjectBound,
  type LoginUser,
  listEnabledIdentityProviders,
  saveOidcLoginState,
  takeOidcLoginState,
} from '@kvalitetshjulet/db';
import * as oidc from 'openid-client';
import { recordLogin } from './administration.ts';
import { startSession } from './session.ts';

/** How long a login may stay at the provider before it has to start again. */
export const OIDC_LOGIN_TTL_MS = 10 * 60 * 1000;

/** The one redirect URI every provider is registered with. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

export function oidcStartPath(providerId: string): string {
  return `/auth/oidc/${providerId}/start`;
}

export interface OidcOptions {
  /** Where the app is reached from a browser, e.g. https://kvalitet.exempelstad.se (no trailing slash). */
  publicUrl: string;
  /** The client secret held by an env variable (the provider row names it). */
  secret: (envName: string) => string | undefined;
  /** Allow plain http to a provider on this machine (development and tests; never in production). */
  allowInsecureLoopback: boolean;
}

export type OidcLoginFailure =
  | 'unknown-provider'
  | 'provider-disabled'
  | 'not-configured'
  | 'provider-unreachable'
  | 'expired'
  | 'denied'
  | 'failed'
  | 'not-registered';

export type OidcStartResult =
  | { ok: true; redirectTo: string; state: string; maxAgeSeconds: number }
  | { ok: false; reason: OidcLoginFailure; detail: string };

export type OidcCallbackResult =
  | { ok: true; token: string; user: LoginUser; providerId: string }
  | { ok: false; reason: OidcLoginFailure; providerId: string | null; detail: string };

export interface LoginProvider {
  id: string;
  organizerName: string;
  displayName: string;
  kind: IdentityProvider['kind'];
  startUrl: string;
}

/** The enabled providers for the login page: what the button says and where it leads. */
export async function listLoginProviders(db: Db): Promise<LoginProvider[]> {
  const providers = await listEnabledIdentityProviders(db);
  return providers.map((p) => ({
    id: p.id,
    organizerName: p.organizerName,
    displayName: p.displayName,
    kind: p.kind,
    startUrl: oidcStartPath(p.id),
  }));
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const discovered = new Map<string, { config: oidc.Configuration; at: number }>();

/** The provider's metadata, discovered once an hour per provider configuration. */
async function configurationFor(provider: IdentityProvider, secret: string, options: OidcOptions, now: Date): Promise<oidc.Configuration> {
  const key = sha256([provider.id, provider.issuer, provider.clientId, secret].join('\n'));
  const cached = discovered.get(key);
  if (cached && now.getTime() - cached.at < DISCOVERY_TTL_MS && now.getTime() >= cached.at) return cached.config;
  const issuer = new URL(provider.issuer);
  const insecure = issuer.protocol === 'http:' && options.allowInsecureLoopback && isLoopback(issuer);
  const config = await oidc.discovery(issuer, provider.clientId, { client_secret: secret }, oidc.ClientSecretPost(secret), {
    execute: insecure ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
  discovered.set(key, { config, at: now.getTime() });
  return config;
}

async function usableProvider(
  db: Db,
  providerId: string,
  options: OidcOptions,
  now: Date,
): Promise<{ ok: true; provider: IdentityProvider; config: oidc.Configuration } | { ok: false; reason: OidcLoginFailure; detail: string }> {
  const provider = await findIdentityProvider(db, providerId);
  if (!provider) return { ok: false, reason: 'unknown-provider', detail: `no provider ${providerId}` };
  if (!provider.enabled) return { ok: false, reason: 'provider-disabled', detail: `provider ${providerId} is disabled` };
  const secret = options.secret(provider.clientSecretEnv);
  if (!secret) return { ok: false, reason: 'not-configured', detail: `${provider.clientSecretEnv} is not set` };
  try {
    return { ok: true, provider, config: await configurationFor(provider, secret, options, now) };
  } catch (error) {
    return { ok: false, reason: 'provider-unreachable', detail: `discovery of ${provider.issuer} failed: ${messageOf(error)}` };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts a login at the provider: PKCE (S256), state and nonce. The state goes to the browser
 * in a short-lived cookie; the verifier and nonce stay in the database under the state's hash.
 */
export async function beginOidcLogin(db: Db, providerId: string, options: OidcOptions, now: Date): Promise<OidcStartResult> {
  const usable = await usableProvider(db, providerId, options, now);
  if (!usable.ok) return usable;
  const { provider, config } = usable;
  const state = randomBytes(32).toString('base64url');
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  await saveOidcLoginState(
    db,
    sha256(state),
    { organizerId: provider.organizerId, providerId: provider.id, codeVerifier, nonce },
    now,
    new Date(now.getTime() + OIDC_LOGIN_TTL_MS),
  );
  const parameters: Record<string, string> = {
    redirect_uri: `${options.publicUrl}${OIDC_CALLBACK_PATH}`,
    response_type: 'code',
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  };
  if (provider.kind === 'google' && provider.allowedEmailDomain) parameters.hd = provider.allowedEmailDomain;
  if (provider.kind === 'entra-id' || provider.kind === 'google') parameters.prompt = 'select_account';
  return {
    ok: true,
    redirectTo: oidc.buildAuthorizationUrl(config, parameters).href,
    state,
    maxAgeSeconds: Math.floor(OIDC_LOGIN_TTL_MS / 1000),
  };
}

type Claims = Record<string, unknown>;

/**
 * The provider's stable identifier of the person, never the email: Entra ID's tenant and object
 * ids (tid:oid, the same in every app of the tenant), otherwise the subject (sub).
 */
export function subjectOf(kind: IdentityProvider['kind'], claims: Claims): string | null {
  if (kind === 'entra-id') {
    const { tid, oid } = claims;
    return typeof tid === 'string' && tid && typeof oid === 'string' && oid ? `${tid}:${oid}` : null;
  }
  return typeof claims.sub === 'string' && claims.sub ? claims.sub : null;
}

/**
 * The email the provider vouches for, or null. OpenID's email_verified; for Entra ID also the
 * optional claim xms_edov (the email domain's owner is verified), since Entra ID sends no
 * email_verified. With an allowed domain, only an email in that domain counts.
 */
export function verifiedEmailOf(provider: Pick<IdentityProvider, 'kind' | 'allowedEmailDomain'>, claims: Claims): string | null {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email.includes('@')) return null;
  const verified =
    claims.email_verified === true ||
    claims.email_verified === 'true' ||
    (provider.kind === 'entra-id' && (claims.xms_edov === true || claims.xms_edov === 'true' || claims.xms_edov === '1'));
  if (!verified) return null;
  if (provider.allowedEmailDomain && !email.endsWith(`@${provider.allowedEmailDomain}`)) return null;
  return email;
}

/**
 * The way back from the provider: checks the state against the browser's cookie, exchanges the
 * code (PKCE), validates the ID token (signature, issuer, audience, expiry, nonce), finds the
 * person and starts a new session. A person is found by (issuer, subject); only a first login
 * (no subject bound yet) may match an active user of the provider's organizer by verified email,
 * and that binds the subject. Nobody else gets in, and no account is ever created.
 */
export async function completeOidcLogin(
  db: Db,
  request: { callbackUrl: URL; cookieState: string | undefined },
  options: OidcOptions,
  now: Date,
): Promise<OidcCallbackResult> {
  const urlState = request.callbackUrl.searchParams.get('state');
  if (!urlState || !request.cookieState || urlState !== request.cookieState) {
    return { ok: false, reason: 'expired', providerId: null, detail: 'state missing or not the browser’s own' };
  }
  const pending = await takeOidcLoginState(db, sha256(urlState), now);
  if (!pending) return { ok: false, reason: 'expired', providerId: null, detail: 'unknown or expired state' };
  const providerId = pending.providerId;
  const providerError = request.callbackUrl.searchParams.get('error');
  if (providerError) return { ok: false, reason: 'denied', providerId, detail: `provider answered ${providerError}` };

  const usable = await usableProvider(db, providerId, options, now);
  if (!usable.ok) return { ...usable, providerId };
  const { provider, config } = usable;

  let claims: Claims;
  try {
    const callbackUrl = new URL(`${options.publicUrl}${OIDC_CALLBACK_PATH}${request.callbackUrl.search}`);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: urlState,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = { ...(tokens.claims() ?? {}) };
  } catch (error) {
    return { ok: false, reason: 'failed', providerId, detail: `code exchange or ID token check failed: ${messageOf(error)}` };
  }

  const issuer = config.serverMetadata().issuer;
  const subject = subjectOf(provider.kind, claims);
  if (!subject) return { ok: false, reason: 'failed', providerId, detail: 'the ID token names no subject' };
  if (provider.kind === 'google' && provider.allowedEmailDomain && claims.hd !== provider.allowedEmailDomain) {
    return { ok: false, reason: 'not-registered', providerId, detail: 'Google account outside the allowed domain' };
  }

  let user = await findUserBySubject(db, provider.organizerId, issuer, subject);
  if (!user && !(await isSubjectBound(db, provider.organizerId, issuer, subject))) {
    const email = verifiedEmailOf(provider, claims);
    if (email) user = await bindSubjectByEmail(db, provider.organizerId, email, { issuer, subject });
  }
  if (!user) return { ok: false, reason: 'not-registered', providerId, detail: 'no active user with this subject or email' };

  const token = await startSession(db, user, now);
  await recordLogin(db, user, 'oidc', now);
  return { ok: true, token, user, providerId };
}

/**
 * Deactivates a person of the organizer: they can no longer log in, and every session they have
 * ends at once. For the administration (which checks the admin role before calling this).
 */
export async function deactivateUserAccount(db: Db, organizerId: string, userId: string): Promise<{ found: boolean }> {
  return { found: await deactivateUser(db, organizerId, userId) };
}
