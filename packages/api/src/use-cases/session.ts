import { createHash, randomBytes } from 'node:crypto';
import { createSession, type Db, deleteSession, findDemoPersona, findSessionUser, type SessionUser } from '@kvalitetshjulet/db';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../context.ts';
import { recordLogin } from './administration.ts';

/** The stored session id is a hash of the cookie's token, so a leaked table holds no usable token. */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a new session (always a new id) and returns the token for the cookie. */
export async function startSession(db: Db, who: { organizerId: string; userId: string }, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await createSession(db, {
    id: sessionIdFromToken(token),
    organizerId: who.organizerId,
    userId: who.userId,
    now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  });
  return token;
}

export async function resolveSession(db: Db, token: string | undefined, now: Date): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  return findSessionUser(db, sessionIdFromToken(token), now, SESSION_IDLE_MS);
}

/** Logs in as a demo persona and writes the login to that persona's organizer's audit log. */
export async function demoLogin(db: Db, userId: string, now: Date): Promise<string | null> {
  const persona = await findDemoPersona(db, userId);
  if (!persona) return null;
  const token = await startSession(db, persona, now);
  await recordLogin(db, persona, 'demo', now);
  return token;
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
