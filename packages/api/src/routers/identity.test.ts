import { createIdentityProvider } from '@kvalitetshjulet/db';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, TEST_NOW, userIdByName } from '../testing.ts';
import { deactivateUserAccount, subjectOf, verifiedEmailOf } from '../use-cases/identity.ts';
import { resolveSession, startSession } from '../use-cases/session.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe('identity.loginProviders', () => {
  it('lists enabled providers to anyone, with the start address and without secrets', async () => {
    const anna = await userIdByName(t.db, 'Anna Lindqvist');
    const shown = await createIdentityProvider(t.db, anna.organizerId, {
      kind: 'entra-id',
      displayName: 'Microsoft (Exempelstad)',
      issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      clientId: 'app-id',
      clientSecretEnv: 'OIDC_SECRET_EXEMPELSTAD',
    });
    const hidden = await createIdentityProvider(t.db, anna.organizerId, {
      kind: 'google',
      displayName: 'Google (avstängd)',
      issuer: 'https://accounts.google.com',
      clientId: 'google-id',
      clientSecretEnv: 'OIDC_SECRET_GOOGLE',
      allowedEmailDomain: 'exempelstad.se',
      enabled: false,
    });
    const { caller } = await callerAs(t.db);
    const list = await caller.identity.loginProviders();
    expect(list).toContainEqual({
      id: shown,
      organizerName: 'Exempelstad kommun',
      displayName: 'Microsoft (Exempelstad)',
      kind: 'entra-id',
      startUrl: `/auth/oidc/${shown}/start`,
    });
    expect(list.map((p) => p.id)).not.toContain(hidden);
  });

  it('refuses a secret stored in the table instead of an env variable name', async () => {
    const anna = await userIdByName(t.db, 'Anna Lindqvist');
    await expect(
      createIdentityProvider(t.db, anna.organizerId, {
        kind: 'oidc',
        displayName: 'Fel',
        issuer: 'https://idp.example',
        clientId: 'x',
        clientSecretEnv: 'the-secret-itself',
      }),
    ).rejects.toThrow();
  });
});

describe('deactivating a person', () => {
  it('ends all their sessions at once, and touches no one else', async () => {
    const lena = await userIdByName(t.db, 'Lena Ek');
    const karin = await userIdByName(t.db, 'Karin Holm');
    const phone = await startSession(t.db, lena, TEST_NOW);
    const laptop = await startSession(t.db, lena, TEST_NOW);
    const other = await startSession(t.db, karin, TEST_NOW);
    expect((await resolveSession(t.db, phone, TEST_NOW))?.name).toBe('Lena Ek');

    expect(await deactivateUserAccount(t.db, lena.organizerId, lena.userId)).toEqual({ found: true });
    expect(await resolveSession(t.db, phone, TEST_NOW)).toBeNull();
    expect(await resolveSession(t.db, laptop, TEST_NOW)).toBeNull();
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', lena.userId).execute()).toEqual([]);
    expect((await resolveSession(t.db, other, TEST_NOW))?.name).toBe('Karin Holm');
    const row = await t.db.selectFrom('users').select('active').where('id', '=', lena.userId).executeTakeFirstOrThrow();
    expect(row.active).toBe(false);
  });

  it('cannot reach a person of another organizer', async () => {
    const olle = await userIdByName(t.db, 'Olle Strand');
    const exempelstad = (await userIdByName(t.db, 'Anna Lindqvist')).organizerId;
    const session = await startSession(t.db, olle, TEST_NOW);
    expect(await deactivateUserAccount(t.db, exempelstad, olle.userId)).toEqual({ found: false });
    expect((await resolveSession(t.db, session, TEST_NOW))?.name).toBe('Olle Strand');
  });
});

describe('subjectOf: the stable identity, never the email', () => {
  it.each([
    ['entra-id', { sub: 'per-app', tid: 'T', oid: 'O', email: 'a@b.se' }, 'T:O'],
    ['entra-id', { sub: 'per-app', tid: 'T' }, null],
    ['entra-id', { sub: 'per-app', oid: 'O' }, null],
    ['entra-id', { tid: '', oid: 'O' }, null],
    ['google', { sub: '1234567890', email: 'a@b.se' }, '1234567890'],
    ['google', { email: 'a@b.se' }, null],
    ['oidc', { sub: 'abc' }, 'abc'],
    ['oidc', { sub: 42 }, null],
  ] as const)('%s %o → %s', (kind, claims, expected) => {
    expect(subjectOf(kind, claims)).toBe(expected);
  });
});

describe('verifiedEmailOf: only an email the provider vouches for', () => {
  it.each([
    ['google', null, { email: 'Anna@Exempelstad.se', email_verified: true }, 'anna@exempelstad.se'],
    ['google', null, { email: 'anna@exempelstad.se', email_verified: false }, null],
    ['google', null, { email: 'anna@exempelstad.se' }, null],
    ['google', 'exempelstad.se', { email: 'anna@exempelstad.se', email_verified: true }, 'anna@exempelstad.se'],
    ['google', 'exempelstad.se', { email: 'anna@gmail.com', email_verified: true }, null],
    ['google', 'exempelstad.se', { email: 'anna@evil-exempelstad.se', email_verified: true }, null],
    ['entra-id', null, { email: 'erik@exempelstad.se', xms_edov: true }, 'erik@exempelstad.se'],
    ['entra-id', null, { email: 'erik@exempelstad.se', xms_edov: '1' }, 'erik@exempelstad.se'],
    ['entra-id', null, { email: 'erik@exempelstad.se' }, null],
    ['entra-id', null, { preferred_username: 'erik@exempelstad.se', xms_edov: true }, null],
    ['oidc', null, { email: 'x@y.se', xms_edov: true }, null],
    ['oidc', null, { email: 'inte-en-adress', email_verified: true }, null],
  ] as const)('%s (domain %s) %o → %s', (kind, allowedEmailDomain, claims, expected) => {
    expect(verifiedEmailOf({ kind, allowedEmailDomain }, claims)).toBe(expected);
  });
});
