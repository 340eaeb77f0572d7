/** Test helpers: a tRPC caller acting as a given demo person, against a real test database. */
import type { Db } from '@kvalitetshjulet/db';
import type { Context } from './context.ts';
import { createCaller } from './router.ts';
import { resolveSession, startSession } from './use-cases/session.ts';

export const TEST_NOW = new Date('2026-11-23T10:00:00+01:00');

export interface TestCaller {
  caller: ReturnType<typeof createCaller>;
  ctx: Context;
  cookies: string[];
}

export async function userIdByName(db: Db, name: string): Promise<{ organizerId: string; userId: string }> {
  const row = await db.selectFrom('users').select(['organizer_id', 'id']).where('name', '=', name).executeTakeFirstOrThrow();
  return { organizerId: row.organizer_id, userId: row.id };
}

/** A caller with no session (or as `name` when given), with the clock fixed at TEST_NOW. */
export async function callerAs(db: Db, name?: string, options: { demoLoginEnabled?: boolean } = {}): Promise<TestCaller> {
  const cookies: string[] = [];
  let session = null;
  if (name) {
    const token = await startSession(db, await userIdByName(db, name), TEST_NOW);
    session = await resolveSession(db, token, TEST_NOW);
  }
  const ctx: Context = {
    db,
    now: () => TEST_NOW,
    session,
    demoLoginEnabled: options.demoLoginEnabled ?? true,
    cookies: { set: (token) => cookies.push(token), clear: () => cookies.push('') },
  };
  return { caller: createCaller(ctx), ctx, cookies };
}
