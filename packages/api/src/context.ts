import type { Db, SessionUser } from '@kvalitetshjulet/db';

export interface SessionCookies {
  /** Sets the session cookie to this token. */
  set(token: string, maxAgeSeconds: number): void;
  clear(): void;
}

export interface Context {
  db: Db;
  /** The clock, passed in so tests can fix "today". */
  now: () => Date;
  /** The logged-in person, or null. Resolved from the session cookie by the host. */
  session: SessionUser | null;
  demoLoginEnabled: boolean;
  cookies: SessionCookies;
}

/** Session lifetimes (ASVS-style): idle timeout and absolute lifetime. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

// Made once: building an Intl.DateTimeFormat costs far more than formatting with it (seen under load).
const swedishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Sweden as 'YYYY-MM-DD'. */
export function todayIn(now: Date): string {
  return swedishDay.format(now);
}
