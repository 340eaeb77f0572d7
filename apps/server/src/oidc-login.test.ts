import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deactivateUserAccount } from '@kvalitetshjulet/api';
import { createIdentityProvider } from '@kvalitetshjulet/db';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { TestBrowser } from './testing/test-browser.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from './testing/test-identity-provider.ts';

let t: TestDatabase;
let idp: TestIdentityProvider;
let server: Server;
let base: string;
const providers: Record<'exempelstad' | 'entra' | 'backa' | 'disabled' | 'noSecret', string> = {
  exempelstad: '',
  entra: '',
  backa: '',
  disabled: '',
  noSecret: '',
};
const emails: Record<string, string> = {};
const warnings: string[] = [];

async function user(name: string) {
  return t.db
    .selectFrom('users')
    .select(['id', 'organizer_id', 'email', 'oidc_issuer', 'oidc_subject', 'active'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}

async function me(browser: TestBrowser): Promise<{ name: string; organizerName: string } | null> {
  const res = await fetch(`${base}/trpc/session.me`, { headers: { cookie: browser.cookieHeader(new URL(base).host) } });
  const body: any = await res.json();
  return body.result.data;
}

async function loginVia(provider: string, account: string, browser = new TestBrowser(base)) {
  idp.loginAs(account);
  const landing = await browser.navigate(`${base}/auth/oidc/${provider}/start`);
  return { landing, browser, session: browser.cookie(new URL(base).host, 'kh_session') };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const webDist = join(tmpdir(), `kh-web-${crypto.randomUUID()}`);
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Kvalitetshjulet</title>');

  server = createApp({
    db: t.db,
    env: {
      demoLogin: true,
      webDist,
      secureCookies: false,
      loginRateLimitPerMinute: 1000,
      oidcSecrets: { OIDC_SECRET_EXEMPELSTAD: 'hemligt-1', OIDC_SECRET_ENTRA: 'hemligt-2', OIDC_SECRET_BACKA: 'hemligt-3' },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${base}/auth/oidc/callback`;
  idp = await startTestIdentityProvider([
    { clientId: 'exempelstad', clientSecret: 'hemligt-1', redirectUri },
    { clientId: 'exempelstad-entra', clientSecret: 'hemligt-2', redirectUri },
    { clientId: 'backaskolan', clientSecret: 'hemligt-3', redirectUri },
  ]);

  const exempelstad = (await user('Anna Lindqvist')).organizer_id;
  const backa = (await user('Olle Strand')).organizer_id;
  const common = { issuer: idp.issuer, clientSecretEnv: 'OIDC_SECRET_EXEMPELSTAD' };
  providers.exempelstad = await createIdentityProvider(t.db, exempelstad, {
    ...common,
    kind: 'oidc',
    displayName: 'Exempelstads inloggning',
    clientId: 'exempelstad',
  });
  providers.entra = await createIdentityProvider(t.db, exempelstad, {
    ...common,
    kind: 'entra-id',
    displayName: 'Microsoft',
    clientId: 'exempelstad-entra',
    clientSecretEnv: 'OIDC_SECRET_ENTRA',
  });
  providers.backa = await createIdentityProvider(t.db, backa, {
    ...common,
    kind: 'oidc',
    displayName: 'Bäckaskolans inloggning',
    clientId: 'backaskolan',
    clientSecretEnv: 'OIDC_SECRET_BACKA',
  });
  providers.disabled = await createIdentityProvider(t.db, exempelstad, {
    ...common,
    kind: 'google',
    displayName: 'Google (avstängd)',
    clientId: 'exempelstad',
    enabled: false,
  });
  providers.noSecret = await createIdentityProvider(t.db, exempelstad, {
    ...common,
    kind: 'oidc',
    displayName: 'Utan hemlighet',
    clientId: 'exempelstad',
    clientSecretEnv: 'OIDC_SECRET_SAKNAS',
  });

  for (const name of ['Anna Lindqvist', 'Erik Johansson', 'Lena Ek', 'Olle Strand', 'Karin Holm', 'Johan Berg']) {
    emails[name] = (await user(name)).email;
  }
  idp.addAccount('anna', { sub: 'anna-sub', email: emails['Anna Lindqvist'], email_verified: true, name: 'Anna Lindqvist' });
  idp.addAccount('anna-impostor', { sub: 'someone-else', email: emails['Anna Lindqvist'], email_verified: true });
  idp.addAccount('stranger', { sub: 'stranger-sub', email: 'okand.person@exempelstad.se', email_verified: true });
  idp.addAccount('lena-unverified', { sub: 'lena-sub', email: emails['Lena Ek'], email_verified: false });
  idp.addAccount('olle', { sub: 'olle-sub', email: emails['Olle Strand'], email_verified: true });
  idp.addAccount('karin', { sub: 'karin-sub', email: emails['Karin Holm']?.toUpperCase(), email_verified: true });
  idp.addAccount('johan', { sub: 'johan-sub', email: emails['Johan Berg'], email_verified: true });
  // Entra ID: sub differs per app; tenant id + object id is the stable identity.
  idp.addAccount('erik-entra', {
    sub: 'pairwise-per-app',
    tid: '11111111-2222-3333-4444-555555555555',
    oid: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    email: emails['Erik Johansson'],
    xms_edov: true,
  });

  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    if (!String(args[0]).includes('oidc-login-refused')) warn(...args);
  };
});

afterAll(async () => {
  await idp?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.destroy();
});

describe('login with the organizer’s identity provider (OpenID Connect)', () => {
  it('lists the enabled providers for the login page, with their start address', async () => {
    const res: any = await (await fetch(`${base}/trpc/identity.loginProviders`)).json();
    const list = res.result.data as { id: string; displayName: string; organizerName: string; startUrl: string }[];
    expect(list.map((p) => p.displayName)).toEqual(
      expect.arrayContaining(['Exempelstads inloggning', 'Microsoft', 'Bäckaskolans inloggning']),
    );
    expect(list.find((p) => p.id === providers.disabled)).toBeUndefined();
    expect(list.find((p) => p.id === providers.backa)).toMatchObject({
      organizerName: 'Stiftelsen Bäckaskolan',
      startUrl: `/auth/oidc/${providers.backa}/start`,
    });
    expect(JSON.stringify(list)).not.toMatch(/OIDC_SECRET|hemligt|client/i);
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, and keeps the state in a short-lived cookie', async () => {
    const res = await fetch(`${base}/auth/oidc/${providers.exempelstad}/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(`${base}/auth/oidc/callback`);
    expect(location.searchParams.get('scope')).toBe('openid email profile');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('nonce')?.length).toBeGreaterThan(20);
    const state = location.searchParams.get('state') ?? '';
    expect(state.length).toBeGreaterThan(30);
    expect(res.headers.get('set-cookie')).toBe(`kh_oidc_state=${state}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600`);
  });

  it('logs an imported user in on the first login by verified email and binds the provider’s subject', async () => {
    expect((await user('Anna Lindqvist')).oidc_subject).toBeNull();
    const { landing, browser, session } = await loginVia(providers.exempelstad, 'anna');
    expect(landing.landedOn).toBe('/');
    expect(session).toBeDefined();
    expect(browser.cookie(new URL(base).host, 'kh_oidc_state')).toBeUndefined();
    expect(await me(browser)).toMatchObject({ name: 'Anna Lindqvist', organizerName: 'Exempelstad kommun' });
    expect(await user('Anna Lindqvist')).toMatchObject({ oidc_issuer: idp.issuer, oidc_subject: 'anna-sub' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('actor_user_id', '=', (await user('Anna Lindqvist')).id)
      .where('action', '=', 'session.login')
      .execute();
    expect(audit.map((a) => a.details)).toContainEqual({ method: 'oidc' });
  });

  it('matches the email case-insensitively on a first login', async () => {
    const { landing, browser } = await loginVia(providers.exempelstad, 'karin');
    expect(landing.landedOn).toBe('/');
    expect((await me(browser))?.name).toBe('Karin Holm');
  });

  it('finds the person by subject on later logins, even after the email changed', async () => {
    await loginVia(providers.exempelstad, 'johan');
    await t.db.updateTable('users').set({ email: 'johan.berg.ny@exempelstad.se' }).where('name', '=', 'Johan Berg').execute();
    const { landing, browser } = await loginVia(providers.exempelstad, 'johan');
    expect(landing.landedOn).toBe('/');
    expect((await me(browser))?.name).toBe('Johan Berg');
  });

  it('never matches by email once a subject is bound: another account with the same email is refused', async () => {
    await loginVia(providers.exempelstad, 'anna');
    const { landing, session } = await loginVia(providers.exempelstad, 'anna-impostor');
    expect(landing.landedOn).toBe(`/inte-registrerad?inloggning=${providers.exempelstad}`);
    expect(session).toBeUndefined();
    expect((await user('Anna Lindqvist')).oidc_subject).toBe('anna-sub');
  });

  it('refuses an unknown person with the not-registered page and creates no account', async () => {
    const before = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const { landing, session } = await loginVia(providers.exempelstad, 'stranger');
    expect(landing.landedOn).toBe(`/inte-registrerad?inloggning=${providers.exempelstad}`);
    expect(session).toBeUndefined();
    const after = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const bound = await t.db.selectFrom('users').select('id').where('oidc_subject', '=', 'stranger-sub').execute();
    expect(bound).toEqual([]);
    expect(warnings.some((w) => w.includes('not-registered'))).toBe(true);
  });

  it('does not match by an email the provider has not verified', async () => {
    const { landing } = await loginVia(providers.exempelstad, 'lena-unverified');
    expect(landing.landedOn).toBe(`/inte-registrerad?inloggning=${providers.exempelstad}`);
    expect((await user('Lena Ek')).oidc_subject).toBeNull();
  });

  it('keeps organizers apart: a person of another organizer cannot log in through this organizer’s provider', async () => {
    const refused = await loginVia(providers.exempelstad, 'olle');
    expect(refused.landing.landedOn).toBe(`/inte-registrerad?inloggning=${providers.exempelstad}`);
    expect((await user('Olle Strand')).oidc_subject).toBeNull();

    const own = await loginVia(providers.backa, 'olle');
    expect(own.landing.landedOn).toBe('/');
    expect(await me(own.browser)).toMatchObject({ name: 'Olle Strand', organizerName: 'Stiftelsen Bäckaskolan' });

    // Anna is bound at Exempelstad; the same account through Bäckaskolan's provider is nobody there.
    const anna = await loginVia(providers.backa, 'anna');
    expect(anna.landing.landedOn).toBe(`/inte-registrerad?inloggning=${providers.backa}`);
  });

  it('identifies an Entra ID person by tenant id and object id, not by sub', async () => {
    const { landing, browser } = await loginVia(providers.entra, 'erik-entra');
    expect(landing.landedOn).toBe('/');
    expect((await me(browser))?.name).toBe('Erik Johansson');
    expect((await user('Erik Johansson')).oidc_subject).toBe('11111111-2222-3333-4444-555555555555:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
  });

  it('gives a new session id at login and ends the session the browser had before', async () => {
    const first = await loginVia(providers.exempelstad, 'anna');
    const oldToken = first.session ?? '';
    const second = await loginVia(providers.exempelstad, 'anna', first.browser);
    expect(second.session).toBeDefined();
    expect(second.session).not.toBe(oldToken);
    const old = await fetch(`${base}/trpc/session.me`, { headers: { cookie: `kh_session=${oldToken}` } });
    expect(((await old.json()) as any).result.data).toBeNull();
    expect((await me(second.browser))?.name).toBe('Anna Lindqvist');
  });

  it('logs out server-side: the session cookie no longer works afterwards', async () => {
    const { browser, session } = await loginVia(providers.exempelstad, 'anna');
    const res = await fetch(`${base}/trpc/session.logout`, {
      method: 'POST',
      headers: { cookie: `kh_session=${session}`, 'content-type': 'application/json', origin: base },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^kh_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(await me(browser)).toBeNull();
  });

  it('ends a deactivated person’s sessions at once and refuses their next login', async () => {
    const { browser } = await loginVia(providers.exempelstad, 'karin');
    expect((await me(browser))?.name).toBe('Karin Holm');
    const karin = await user('Karin Holm');
    expect(await deactivateUserAccount(t.db, karin.organizer_id, karin.id)).toEqual({ found: true });
    expect(await me(browser)).toBeNull();
    const sessions = await t.db.selectFrom('sessions').select('id').where('user_id', '=', karin.id).execute();
    expect(sessions).toEqual([]);
    const again = await loginVia(providers.exempelstad, 'karin');
    expect(again.landing.landedOn).toBe(`/inte-registrerad?inloggning=${providers.exempelstad}`);
  });

  it('refuses a way back without the browser’s own state cookie, and a replayed one', async () => {
    const browser = new TestBrowser(base);
    idp.loginAs('anna');
    // Follow the login by hand up to the redirect back to the app.
    const start = await fetch(`${base}/auth/oidc/${providers.exempelstad}/start`, { redirect: 'manual' });
    const stateCookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    let url = new URL(start.headers.get('location') ?? '');
    let callback: URL | null = null;
    for (let hop = 0; hop < 10 && !callback; hop++) {
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: browser.cookieHeader(url.host) } });
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        browser.setCookie(url.host, pair.slice(0, eq), pair.slice(eq + 1));
      }
      const next = new URL(res.headers.get('location') ?? '', url);
      await res.body?.cancel();
      if (next.origin === base) callback = next;
      else url = next;
    }
    expect(callback?.pathname).toBe('/auth/oidc/callback');
    const href = callback?.href ?? '';

    const noCookie = await fetch(href, { redirect: 'manual' });
    expect(noCookie.headers.get('location')).toBe('/logga-in?fel=expired');
    const otherCookie = await fetch(href, { redirect: 'manual', headers: { cookie: 'kh_oidc_state=attackerns-state' } });
    expect(otherCookie.headers.get('location')).toBe('/logga-in?fel=expired');

    const ok = await fetch(href, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(ok.headers.get('location')).toBe('/');
    const replay = await fetch(href, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(replay.headers.get('location')).toBe('/logga-in?fel=expired');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('kh_session=') && !c.startsWith('kh_session=;'))).toBe(false);
  });

  it('says so when the person cancelled at the provider', async () => {
    const start = await fetch(`${base}/auth/oidc/${providers.exempelstad}/start`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const res = await fetch(`${base}/auth/oidc/callback?error=access_denied&state=${state}`, {
      redirect: 'manual',
      headers: { cookie: `kh_oidc_state=${state}` },
    });
    expect(res.headers.get('location')).toBe('/logga-in?fel=denied');
  });

  it.each([
    ['an unknown provider', () => crypto.randomUUID(), '/logga-in?fel=unknown-provider'],
    ['a disabled provider', () => providers.disabled, '/logga-in?fel=provider-disabled'],
    ['a provider whose secret is not set', () => providers.noSecret, '/logga-in?fel=not-configured'],
  ])('refuses to start a login with %s', async (_label, id, location) => {
    const res = await fetch(`${base}/auth/oidc/${id()}/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
