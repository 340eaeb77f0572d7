import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, TEST_NOW } from '../testing.ts';
import { resolveSession } from '../use-cases/session.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe('session router', () => {
  it('lists the demo personas of both organizers by name, title and role', async () => {
    const { caller } = await callerAs(t.db);
    const personas = await caller.session.demoPersonas();
    const byName = new Map(personas.map((p) => [p.name, p]));
    expect(byName.get('Anna Lindqvist')).toMatchObject({
      organizerName: 'Exempelstad kommun',
      roles: ['staff'],
      unitNames: ['Ekbackens skola'],
    });
    expect(byName.get('Erik Johansson')?.roles).toEqual(['principal']);
    expect(byName.get('Erik Johansson')?.unitNames.sort()).toEqual(['Ekbackens skola', 'Tallbackens skola']);
    expect(byName.get('Maria Svensson')?.roles).toEqual(['organizer']);
    expect(byName.get('Sara Nilsson')?.roles).toEqual(['admin']);
    expect(byName.get('Per Bäck')?.organizerName).toBe('Stiftelsen Bäckaskolan');
  });

  it('logs in as a persona with a fresh session token and logs out server-side', async () => {
    const { caller: anonymous, cookies } = await callerAs(t.db);
    const anna = (await anonymous.session.demoPersonas()).find((p) => p.name === 'Anna Lindqvist');
    expect(anna).toBeDefined();
    await anonymous.session.demoLogin({ userId: anna?.userId ?? '' });
    expect(cookies).toHaveLength(1);
    const token = cookies[0] ?? '';
    expect(token.length).toBeGreaterThan(30);
    const session = await resolveSession(t.db, token, TEST_NOW);
    expect(session?.name).toBe('Anna Lindqvist');

    const { caller: second, cookies: secondCookies } = await callerAs(t.db);
    await second.session.demoLogin({ userId: anna?.userId ?? '' });
    expect(secondCookies[0]).not.toBe(token);
  });

  it('ends the session on logout so the token no longer works', async () => {
    const { caller, ctx } = await callerAs(t.db, 'Erik Johansson');
    expect((await caller.session.me())?.name).toBe('Erik Johansson');
    await caller.session.logout();
    const sessionId = ctx.session?.sessionId ?? '';
    const row = await t.db.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('refuses the demo login when it is switched off', async () => {
    const { caller } = await callerAs(t.db, undefined, { demoLoginEnabled: false });
    await expect(caller.session.demoPersonas()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Demoinloggningen är avstängd.' });
  });

  it('refuses a demo login for someone who is not a demo persona', async () => {
    const { caller } = await callerAs(t.db);
    await expect(caller.session.demoLogin({ userId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.session.demoLogin({ userId: 'inte-ett-id' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('expires a session after the idle timeout and after its absolute lifetime', async () => {
    const { ctx } = await callerAs(t.db, 'Anna Lindqvist');
    expect(ctx.session).not.toBeNull();
    const { startSession } = await import('../use-cases/session.ts');
    const anna = await t.db
      .selectFrom('users')
      .select(['organizer_id', 'id'])
      .where('name', '=', 'Anna Lindqvist')
      .executeTakeFirstOrThrow();
    const token = await startSession(t.db, { organizerId: anna.organizer_id, userId: anna.id }, TEST_NOW);
    const threeHoursLater = new Date(TEST_NOW.getTime() + 3 * 60 * 60 * 1000);
    expect(await resolveSession(t.db, token, threeHoursLater)).toBeNull();
  });
});
