/** Test helpers: a tRPC caller acting as a given demo person, against a real test database. */
import { type Db, TenantFilterPlugin } from '@kvalitetshjulet/db';
import { TEST_TODAY } from '@kvalitetshjulet/db/testing';
import type { Context } from './context.ts';
import { createCaller } from './router.ts';
import type { EditedQuestionnaire } from './use-cases/questionnaires.ts';
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

/** A caller acting as `name` (or no one) whose every query is checked for an organizer_id filter. */
export async function checkedCallerAs(db: Db, name?: string): Promise<TestCaller['caller']> {
  const { ctx } = await callerAs(db, name);
  return createCaller({ ...ctx, db: db.withPlugin(new TenantFilterPlugin()) });
}

export async function unitIdByName(db: Db, name: string): Promise<string> {
  return (await db.selectFrom('school_units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** The latest round of a school form at an organizer (by key) that closed before TEST_TODAY. */
export async function latestClosedRound(db: Db, organizerKey: string, schoolForm: string): Promise<string> {
  return (
    await db
      .selectFrom('rounds as r')
      .innerJoin('organizers as o', 'o.id', 'r.organizer_id')
      .select('r.id')
      .where('o.key', '=', organizerKey)
      .where('r.school_form', '=', schoolForm)
      .where('r.closes_on', '<', TEST_TODAY)
      .orderBy('r.opens_on', 'desc')
      .executeTakeFirstOrThrow()
  ).id;
}

type QuestionnaireDetails = Awaited<ReturnType<TestCaller['caller']['questionnaires']['get']>>;

/** The editor's view of a questionnaire version, as the questionnaire page sends it back. */
export function asEdited(details: QuestionnaireDetails): EditedQuestionnaire {
  return {
    title: details.definition.title,
    introduction: details.definition.introduction,
    areas: details.definition.areas.map((a) => ({
      key: a.key,
      title: a.title,
      description: a.description,
      indicators: a.indicators.map((i) => ({
        sourceKey: i.sourceKey,
        statement: i.statement,
        criteria: [...i.criteria],
        evidenceHints: [...i.evidenceHints],
      })),
    })),
  };
}
