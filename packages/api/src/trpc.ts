import type { RoleName, SessionUser } from '@kvalitetshjulet/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.ts';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? `Uppgifterna är inte giltiga: ${zodError.issues.map((i) => i.message).join('; ')}` : shape.message,
      data: { ...shape.data, stack: undefined, issues: zodError?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, logged in or not. */
export const publicProcedure = t.procedure;

/** A logged-in person. The session decides the organizer: nothing of another organizer is reachable. */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
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
