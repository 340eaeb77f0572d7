import type { RoleName, SessionUser } from '@kvalitetshjulet/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { Context } from './context.ts';

/** zod's own messages (a wrong type, a missing field) in Swedish; the schemas' own messages are Swedish already. */
z.config(z.locales.sv());

export const INTERNAL_ERROR_MESSAGE = 'Något gick fel på servern. Försök igen om en stund – det du har sparat finns kvar.';

/** tRPC's own refusals of a malformed request (before any procedure runs), in Swedish. */
const TRANSPORT_MESSAGES: readonly [RegExp, string][] = [
  [/^Batch call exceeds maximum size/, 'För många anrop i samma begäran.'],
  [/^No procedure found on path/, 'Det finns inget sådant anrop.'],
  [/^Unsupported \w+-request to/, 'Anropet stöds inte med den här metoden.'],
  [/^Cannot mix procedure types/, 'Frågor och ändringar kan inte skickas i samma begäran.'],
  [/needs to be an object when doing a batch call|Not JSON-parsable query params|Invalid URL-encoding/, 'Begäran kunde inte läsas.'],
];

function transportMessage(error: TRPCError): string | null {
  if (error.code === 'PARSE_ERROR' || error.cause instanceof SyntaxError)
    return 'Begäran kunde inte läsas: innehållet är inte giltig JSON.';
  if (error.code === 'PAYLOAD_TOO_LARGE') return 'Begäran är för stor.';
  if (error.code === 'METHOD_NOT_SUPPORTED') return 'Anropet stöds inte med den här metoden.';
  return TRANSPORT_MESSAGES.find(([pattern]) => pattern.test(error.message))?.[1] ?? null;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError
        ? `Uppgifterna är inte giltiga: ${zodError.issues.map((i) => i.message).join('; ')}`
        : // An unexpected failure (e.g. the database restarting) is logged on the server; the caller
          // learns nothing about the inside, only that trying again later is right.
          error.code === 'INTERNAL_SERVER_ERROR'
          ? INTERNAL_ERROR_MESSAGE
          : (transportMessage(error) ?? shape.message),
      data: { ...shape.data, stack: undefined, issues: zodError?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** An unpaired UTF-16 surrogate: not a character, and PostgreSQL refuses it in text and JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string anywhere in the input cannot be stored, or null. PostgreSQL refuses a NUL character
 * in text and an unpaired surrogate in text and JSON: without this check such input reached the
 * database and failed there with a 500.
 */
function unstorableText(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'Texten innehåller ett otillåtet tecken (NUL-tecken). Ta bort det och försök igen.';
    if (LONE_SURROGATE.test(value))
      return 'Texten innehåller ett ogiltigt tecken (ett halvt tecken). Skriv eller klistra in texten på nytt.';
    return null;
  }
  if (depth > 50 || value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const problem = unstorableText(key, depth + 1) ?? unstorableText(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** Anyone, logged in or not. Input with a character the database cannot store is refused before any procedure sees it. */
export const publicProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  const problem = unstorableText(await getRawInput());
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
  return next();
});

/** A logged-in person. The session decides the organizer: nothing of another organizer is reachable. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Du är inte inloggad. Logga in och försök igen.' });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

export function hasRole(session: SessionUser, ...roles: RoleName[]): boolean {
  return session.roles.some((r) => roles.includes(r.role));
}

/** Units where the person has one of the roles. */
export function unitIdsWithRole(session: SessionUser, ...roles: RoleName[]): string[] {
  return [...new Set(session.roles.filter((r) => roles.includes(r.role) && r.schoolUnitId).map((r) => r.schoolUnitId as string))];
}

function requireRole(...roles: RoleName[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.session, ...roles)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Du har inte behörighet till det här.' });
    }
    return next();
  });
}

/** Staff (medarbetare) answering self-assessments. */
export const staffProcedure = requireRole('staff');
/** Rektor: their own units. Organizer level may act as rektor for every unit. */
export const principalProcedure = requireRole('principal', 'organizer');
/** Huvudmannanivå: all units of the organizer. */
export const organizerProcedure = requireRole('organizer');
/** Administrator of the organizer. */
export const adminProcedure = requireRole('admin');
/** Huvudmannanivå or administrator: the organizer's own questionnaires. */
export const questionnaireEditorProcedure = requireRole('organizer', 'admin');

/** Throws FORBIDDEN unless the person may lead the unit (its rektor, or the organizer level). */
export function assertUnitAccess(session: SessionUser, schoolUnitId: string): void {
  if (hasRole(session, 'organizer')) return;
  if (unitIdsWithRole(session, 'principal').includes(schoolUnitId)) return;
  throw new TRPCError({ code: 'FORBIDDEN', message: 'Du har inte behörighet till den här enheten.' });
}
