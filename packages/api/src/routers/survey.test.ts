import type { Db } from '@kvalitetshjulet/db';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.ts';

let t: TestDatabase;
let annaRound: { roundId: string; schoolUnitId: string };
let annaClosedRound: { roundId: string; schoolUnitId: string };
let indicatorKeys: string[];
let areaKeys: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  const { caller } = await callerAs(t.db, 'Anna Lindqvist');
  const { rounds } = await caller.start.staff();
  const open = rounds.find((r) => r.state === 'open');
  const closed = rounds.find((r) => r.state === 'closed');
  if (!open || !closed) throw new Error('Demodata saknar omgångar för Anna');
  annaRound = { roundId: open.roundId, schoolUnitId: open.schoolUnitId };
  annaClosedRound = { roundId: closed.roundId, schoolUnitId: closed.schoolUnitId };
  const opened = await caller.survey.open(annaRound);
  const pages = (opened.surveyJson as { pages: { name: string; elements: { type: string; name: string }[] }[] }).pages;
  areaKeys = pages.map((p) => p.name);
  indicatorKeys = pages.flatMap((p) => p.elements.filter((e) => e.type === 'radiogroup').map((e) => e.name));
});
afterAll(async () => t?.destroy());

const draftId = () => crypto.randomUUID();

async function countRows(db: Db, roundId: string) {
  const responses = await db
    .selectFrom('responses')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  const participations = await db
    .selectFrom('participations')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return { responses: responses.n, participations: participations.n };
}

describe('survey: open and autosave', () => {
  it('opens the round with its SurveyJS model, one page per area, and no draft yet', async () => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    const opened = await caller.survey.open(annaRound);
    expect(opened.round.state).toBe('open');
    expect(opened.round.unitName).toBe('Ekbackens skola');
    expect(opened.draft).toBeNull();
    expect(opened.submittedOn).toBeNull();
    expect(areaKeys).toHaveLength(opened.questionnaire.areaCount);
    expect(indicatorKeys).toHaveLength(opened.questionnaire.indicatorCount);
    expect(opened.surveyJson).toMatchObject({ locale: 'sv', completeText: 'Skicka in' });
  });

  it('saves a draft, ignores an older revision and resumes where the person was', async () => {
    const { caller } = await callerAs(t.db, 'Lena Ek');
    const lenaRound = (await caller.start.staff()).rounds.find((r) => r.state === 'open');
    if (!lenaRound) throw new Error('Lena saknar öppen omgång');
    const ref = { roundId: lenaRound.roundId, schoolUnitId: lenaRound.schoolUnitId };
    const page = (await caller.survey.open(ref)).surveyJson as { pages: { name: string; elements: { type: string; name: string }[] }[] };
    const [first, second] = page.pages[0]?.elements.filter((e) => e.type === 'radiogroup').map((e) => e.name) ?? [];
    if (!first || !second) throw new Error('För få indikatorer');
    const id = draftId();

    const r1 = await caller.survey.saveDraft({ ...ref, draftId: id, revision: 1, answers: { [first]: 2 }, comments: {} });
    expect(r1).toMatchObject({ applied: true, revision: 1 });
    const r3 = await caller.survey.saveDraft({
      ...ref,
      draftId: id,
      revision: 3,
      answers: { [first]: 3, [second]: 'vet-ej' },
      comments: {},
    });
    expect(r3).toMatchObject({ applied: true, revision: 3 });
    const stale = await caller.survey.saveDraft({ ...ref, draftId: id, revision: 2, answers: { [first]: 1 }, comments: {} });
    expect(stale).toMatchObject({ applied: false, revision: 3 });
    const same = await caller.survey.saveDraft({ ...ref, draftId: id, revision: 3, answers: {}, comments: {} });
    expect(same.applied).toBe(false);

    const { caller: secondDevice } = await callerAs(t.db, 'Lena Ek');
    const resumed = await secondDevice.survey.open(ref);
    expect(resumed.draft).toMatchObject({ id, revision: 3, answers: { [first]: 3, [second]: 'vet-ej' } });
  });

  it.each([
    ['a value off the scale', (k: string) => ({ answers: { [k]: 7 }, comments: {} }), /måste vara ett steg från 1 till 4/],
    [
      'an unknown indicator',
      () => ({ answers: { 'grundskola.finns-inte': 2 }, comments: {} }),
      /finns inte i den här skattningens frågeformulär/,
    ],
    [
      'a comment over 2000 characters',
      (_k: string, a: string) => ({ answers: {}, comments: { [a]: 'x'.repeat(2001) } }),
      /får vara högst 2000 tecken/,
    ],
  ])('refuses %s with a Swedish message and keeps the saved draft', async (_label, make, message) => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    const id = draftId();
    const [k] = indicatorKeys as [string];
    const [a] = areaKeys as [string];
    await caller.survey.saveDraft({ ...annaRound, draftId: id, revision: 10, answers: { [k]: 4 }, comments: { [a]: 'Ett bra samtal.' } });
    await expect(caller.survey.saveDraft({ ...annaRound, draftId: id, revision: 11, ...make(k, a) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message,
    });
    const reopened = await caller.survey.open(annaRound);
    expect(reopened.draft).toMatchObject({ revision: 10, answers: { [k]: 4 }, comments: { [a]: 'Ett bra samtal.' } });
  });

  it('refuses a round that has closed, saying that the saved answers are kept', async () => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    await expect(
      caller.survey.saveDraft({ ...annaClosedRound, draftId: draftId(), revision: 1, answers: {}, comments: {} }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/^Skattningen stängde \d+ \p{L}+\. Dina sparade svar finns kvar men kan inte skickas in\.$/u),
    });
  });

  it.each([
    ['staff of another unit', 'Lena Ek'],
    ['staff of another organizer', 'Olle Strand'],
  ])('refuses %s with FORBIDDEN', async (_label, name) => {
    const { caller } = await callerAs(t.db, name);
    await expect(caller.survey.open(annaRound)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      caller.survey.saveDraft({ ...annaRound, draftId: draftId(), revision: 1, answers: {}, comments: {} }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(caller.survey.submit({ ...annaRound, draftId: draftId(), answers: {}, comments: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses a rektor, who does not answer as staff', async () => {
    const { caller } = await callerAs(t.db, 'Erik Johansson');
    await expect(caller.survey.open(annaRound)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('survey: submit exactly once', () => {
  it('turns the answers into one anonymous response even when submitted twice at once', async () => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    const { caller: otherConnection } = await callerAs(t.db, 'Anna Lindqvist');
    const before = await countRows(t.db, annaRound.roundId);
    const answers = Object.fromEntries(indicatorKeys.slice(0, 5).map((k, i) => [k, i === 4 ? 'vet-ej' : (i % 4) + 1]));
    const input = {
      ...annaRound,
      draftId: draftId(),
      answers,
      comments: { [areaKeys[0] as string]: 'Vi behöver mer tid för återkoppling.' },
    };
    await caller.survey.saveDraft({ ...input, revision: 1 });

    const [a, b] = await Promise.all([caller.survey.submit(input), otherConnection.survey.submit(input)]);
    expect(a).toEqual(b);
    expect(a.submittedOn).toBe('2026-11-23');
    const after = await countRows(t.db, annaRound.roundId);
    expect(after.responses - before.responses).toBe(1);
    expect(after.participations - before.participations).toBe(1);

    const retry = await caller.survey.submit(input);
    expect(retry).toEqual(a);
    expect((await countRows(t.db, annaRound.roundId)).responses).toBe(after.responses);

    const reopened = await caller.survey.open(annaRound);
    expect(reopened.submittedOn).toBe('2026-11-23');
    expect(reopened.draft).toBeNull();
    const drafts = await t.db
      .selectFrom('drafts')
      .select('id')
      .where('round_id', '=', annaRound.roundId)
      .where('id', '=', input.draftId)
      .execute();
    expect(drafts).toEqual([]);
    await expect(caller.survey.saveDraft({ ...input, revision: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stores nothing that links the response to the person: no user id, no time of day, not even the day', async () => {
    const anna = await t.db.selectFrom('users').select('id').where('name', '=', 'Anna Lindqvist').executeTakeFirstOrThrow();
    const round = await t.db.selectFrom('rounds').select('opens_on').where('id', '=', annaRound.roundId).executeTakeFirstOrThrow();
    const responses = await t.db.selectFrom('responses').selectAll().where('round_id', '=', annaRound.roundId).execute();
    const response = responses[0];
    if (!response) throw new Error('no response in the round');
    expect(Object.keys(response).sort()).toEqual(['id', 'organizer_id', 'round_id', 'school_unit_id', 'submitted_on', 'team_id']);
    expect(JSON.stringify(responses)).not.toContain(anna.id);
    // Every response of the round carries the round's opening day; the participation keeps the real day.
    expect(new Set(responses.map((r) => r.submitted_on))).toEqual(new Set([round.opens_on]));
    const answers = await t.db.selectFrom('answers').selectAll().where('response_id', '=', response.id).execute();
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) expect(Object.keys(a).sort()).toEqual(['dont_know', 'indicator_id', 'organizer_id', 'response_id', 'value']);
  });
});

describe('survey: the results follow the submission', () => {
  it('counts a submitted response in the unit results at once', async () => {
    const { caller: lena } = await callerAs(t.db, 'Lena Ek');
    const round = (await lena.start.staff()).rounds.find((r) => r.state === 'open');
    if (!round) throw new Error('Lena saknar öppen omgång');
    const ref = { roundId: round.roundId, schoolUnitId: round.schoolUnitId };
    const { caller: karin } = await callerAs(t.db, 'Karin Holm');
    const before = await karin.results.unit(ref);
    const indicator = before.unit.indicators.find((i) => !i.figures.suppressed);
    if (!indicator || indicator.figures.suppressed) throw new Error('Ingen synlig indikator');

    await lena.survey.submit({ ...ref, draftId: crypto.randomUUID(), answers: { [indicator.key]: 4 }, comments: {} });

    const after = await karin.results.unit(ref);
    expect(after.unit.participation.submitted).toBe(before.unit.participation.submitted + 1);
    const same = after.unit.indicators.find((i) => i.key === indicator.key);
    expect(same?.figures.suppressed).toBe(false);
    if (same && !same.figures.suppressed) {
      expect(same.figures.value.n).toBe(indicator.figures.value.n + 1);
      expect(same.figures.value.distribution[3]).toBeGreaterThan(0);
    }
  });
});

describe('text the database cannot store', () => {
  it('is refused with a clear message before anything is written, and the saved draft stays', async () => {
    const { caller } = await callerAs(t.db, 'Olle Strand');
    const open = (await caller.start.staff()).rounds.find((r) => r.state === 'open' && !r.submittedOn);
    if (!open) throw new Error('Demodata saknar en öppen omgång för Olle');
    const round = { roundId: open.roundId, schoolUnitId: open.schoolUnitId };
    const pages = ((await caller.survey.open(round)).surveyJson as { pages: { name: string; elements: { name: string }[] }[] }).pages;
    const a = pages[0]?.name as string;
    const k = pages[0]?.elements.find((e) => e.name.includes('.'))?.name as string;
    const id = draftId();
    const save = (revision: number, comment: string) =>
      caller.survey.saveDraft({ ...round, draftId: id, revision, answers: { [k]: 3 }, comments: { [a]: comment } });
    await save(1, 'Före.');
    await expect(save(2, 'Halvt \ud800 tecken')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Texten innehåller ett ogiltigt tecken (ett halvt tecken). Skriv eller klistra in texten på nytt.',
    });
    await expect(save(2, 'NUL \u0000')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('NUL-tecken') });
    expect((await caller.survey.open(round)).draft).toMatchObject({ revision: 1, comments: { [a]: 'Före.' } });
    // A whole character outside the basic plane (a surrogate pair) is stored as it is.
    expect((await save(3, 'Bra 👍')).revision).toBe(3);
    expect((await caller.survey.open(round)).draft?.comments).toEqual({ [a]: 'Bra 👍' });
  });
});
