/**
 * Answers and area comments refer to indicators, areas and their response through triggers instead
 * of foreign keys (migrations 2026-11-24T0300-answer-references and 2026-11-24T0400-response-references,
 * decisions 19 and 20). The rules are the same as the keys': no answer to an indicator or a response
 * that does not exist, no deleting what has been answered, and a deleted response takes its answers
 * and comments with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ekbackenRound, type TestDatabase } from '../testing.ts';
import { storeSubmission } from './survey.ts';

let t: TestDatabase;
let organizerId: string;
let roundId: string;
let unitId: string;
let indicatorIds: string[];
let areaIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  const fixture = await ekbackenRound(t.db);
  ({ organizerId, roundId, unitId } = fixture);
  const indicators = fixture.indicators;
  indicatorIds = indicators.map((i) => i.id);
  areaIds = [...new Set(indicators.map((i) => i.area_id))];
});
afterAll(async () => t?.destroy());

let people = 0;
/** A new person of the organizer, who has not submitted anything. */
async function newPerson(): Promise<string> {
  people++;
  const { id } = await t.db
    .insertInto('users')
    .values({ organizer_id: organizerId, key: `ref-test-${people}`, name: `Testperson ${people}`, email: `ref${people}@exempel.se` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const submission = async (answerIds: string[], commentAreaIds: string[] = []) => ({
  organizerId,
  roundId,
  schoolUnitId: unitId,
  teamId: null,
  userId: await newPerson(),
  submittedOn: '2026-11-20' as const,
  answers: answerIds.map((indicatorId) => ({ indicatorId, value: 3 })),
  comments: commentAreaIds.map((areaId) => ({ areaId, body: 'En kommentar.' })),
});

const countOf = async (query: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) =>
  Number((await query.executeTakeFirstOrThrow()).n);
const countRows = (table: 'responses' | 'participations' | 'indicator_totals_pending') =>
  countOf(t.db.selectFrom(table).select((e) => e.fn.countAll().as('n')));
/** The answers or area comments of one response. */
const countFor = (table: 'answers' | 'area_comments', responseId: string) =>
  countOf(
    t.db
      .selectFrom(table)
      .select((e) => e.fn.countAll().as('n'))
      .where('organizer_id', '=', organizerId)
      .where('response_id', '=', responseId),
  );

const counts = async () => ({
  responses: await countRows('responses'),
  participations: await countRows('participations'),
  pending: await countRows('indicator_totals_pending'),
});

describe('answers refer to indicators that exist', () => {
  it('stores a submission whose answers and comments refer to the questionnaire', async () => {
    const stored = await storeSubmission(t.db, await submission(indicatorIds, [areaIds[0] as string]), { foldProbability: 0 });
    expect(stored?.responseId).toBeTruthy();
    const answers = await t.db
      .selectFrom('answers')
      .select('indicator_id')
      .where('response_id', '=', stored?.responseId as string)
      .execute();
    expect(answers).toHaveLength(indicatorIds.length);
  });

  it.each([
    ['an answer to an indicator that does not exist', () => submission([...indicatorIds.slice(0, 3), crypto.randomUUID()])],
    ['a comment on an area that does not exist', () => submission(indicatorIds.slice(0, 3), [crypto.randomUUID()])],
  ])('refuses the whole submission with %s (23503), and writes nothing', async (_what, make) => {
    const before = await counts();
    await expect(storeSubmission(t.db, await make(), { foldProbability: 0 })).rejects.toMatchObject({ code: '23503' });
    expect(await counts()).toEqual(before);
  });

  it('refuses to change an answer to an indicator that does not exist', async () => {
    const stored = await storeSubmission(t.db, await submission(indicatorIds.slice(0, 2)), { foldProbability: 0 });
    await expect(
      t.db
        .updateTable('answers')
        .set({ indicator_id: crypto.randomUUID() })
        .where('response_id', '=', stored?.responseId as string)
        .where('indicator_id', '=', indicatorIds[0] as string)
        .execute(),
    ).rejects.toMatchObject({ code: '23503' });
  });
});

describe('what has been answered is kept', () => {
  it('refuses to delete an answered indicator, or the area it is in', async () => {
    const answered = indicatorIds[0] as string;
    await expect(t.db.deleteFrom('indicators').where('id', '=', answered).execute()).rejects.toMatchObject({ code: '23503' });
    await expect(
      t.db
        .deleteFrom('areas')
        .where('id', '=', areaIds[1] as string)
        .execute(),
    ).rejects.toMatchObject({ code: '23503' });
    expect(await t.db.selectFrom('indicators').select('id').where('id', '=', answered).executeTakeFirst()).toBeTruthy();
  });

  it('refuses to delete an area that has a comment, even without answers in it', async () => {
    const area = areaIds[0] as string;
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .deleteFrom('answers')
          .where('indicator_id', 'in', (q) => q.selectFrom('indicators').select('id').where('area_id', '=', area))
          .execute();
        await expect(trx.deleteFrom('areas').where('id', '=', area).execute()).rejects.toMatchObject({ code: '23503' });
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
  });

  it('deletes an indicator no one has answered, and lets an unchanged id be written again', async () => {
    const template = await t.db
      .selectFrom('indicators')
      .selectAll()
      .where('id', '=', indicatorIds[0] as string)
      .executeTakeFirstOrThrow();
    const { id } = await t.db
      .insertInto('indicators')
      .values({
        ...template,
        id: crypto.randomUUID(),
        key: `${template.key}-oanvand`,
        position: 99,
        criteria: JSON.stringify(template.criteria),
        evidence_hints: JSON.stringify(template.evidence_hints),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('indicators')
      .set({ id: indicatorIds[0] as string })
      .where('id', '=', indicatorIds[0] as string)
      .execute();
    await t.db.deleteFrom('indicators').where('id', '=', id).execute();
    expect(await t.db.selectFrom('indicators').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});

describe('answers and comments belong to a response that exists', () => {
  it.each([
    ['an answer', 'answers'],
    ['an area comment', 'area_comments'],
  ] as const)('refuses %s to a response that does not exist (23503)', async (_what, table) => {
    const insert =
      table === 'answers'
        ? t.db
            .insertInto('answers')
            .values({ organizer_id: organizerId, response_id: crypto.randomUUID(), indicator_id: indicatorIds[0] as string, value: 2 })
        : t.db
            .insertInto('area_comments')
            .values({ organizer_id: organizerId, response_id: crypto.randomUUID(), area_id: areaIds[0] as string, body: 'Ingen enkät.' });
    await expect(insert.execute()).rejects.toMatchObject({ code: '23503' });
  });

  it("refuses to move an answer to another organizer's response, or to one that does not exist", async () => {
    const stored = await storeSubmission(t.db, await submission(indicatorIds.slice(0, 2)), { foldProbability: 0 });
    const responseId = stored?.responseId as string;
    for (const change of [{ response_id: crypto.randomUUID() }, { organizer_id: crypto.randomUUID() }]) {
      await expect(t.db.updateTable('answers').set(change).where('response_id', '=', responseId).execute()).rejects.toMatchObject({
        code: '23503',
      });
    }
    expect(await countFor('answers', responseId)).toBe(2);
  });

  it('deletes the answers and comments of a deleted response, and only those', async () => {
    const kept = await storeSubmission(t.db, await submission(indicatorIds.slice(0, 4), [areaIds[0] as string]), { foldProbability: 0 });
    const gone = await storeSubmission(t.db, await submission(indicatorIds.slice(0, 4), [areaIds[0] as string]), { foldProbability: 0 });
    const goneId = gone?.responseId as string;
    const keptId = kept?.responseId as string;
    await t.db.deleteFrom('responses').where('organizer_id', '=', organizerId).where('id', '=', goneId).execute();
    expect([await countFor('answers', goneId), await countFor('area_comments', goneId)]).toEqual([0, 0]);
    expect([await countFor('answers', keptId), await countFor('area_comments', keptId)]).toEqual([4, 1]);
  });

  it('refuses to change the id of a response that has answers, and lets an unchanged id be written again', async () => {
    const stored = await storeSubmission(t.db, await submission(indicatorIds.slice(0, 1)), { foldProbability: 0 });
    const responseId = stored?.responseId as string;
    const rekey = (id: string) =>
      t.db.updateTable('responses').set({ id }).where('organizer_id', '=', organizerId).where('id', '=', responseId);
    await expect(rekey(crypto.randomUUID()).execute()).rejects.toMatchObject({ code: '23503' });
    await rekey(responseId).execute();
    expect(await countFor('answers', responseId)).toBe(1);
  });
});

class Rollback extends Error {}
