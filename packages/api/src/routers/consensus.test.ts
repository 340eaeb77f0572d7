import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.ts';

let t: TestDatabase;
let annaTeam: { teamId: string; openRoundId: string; closedRoundId: string };

beforeAll(async () => {
  t = await createTestDatabase();
  const { caller } = await callerAs(t.db, 'Anna Lindqvist');
  const teams = await caller.consensus.teams();
  const open = teams.find((x) => x.state === 'open');
  const closed = teams.find((x) => x.state === 'closed');
  if (!open || !closed) throw new Error('Annas arbetslag saknar omgångar');
  annaTeam = { teamId: open.teamId, openRoundId: open.roundId, closedRoundId: closed.roundId };
});
afterAll(async () => t?.destroy());

describe('consensus rating (gemensam skattning)', () => {
  it('lists for a team lead only the own team, and for a rektor the teams of the own units', async () => {
    const { caller: anna } = await callerAs(t.db, 'Anna Lindqvist');
    const annas = await anna.consensus.teams();
    expect(new Set(annas.map((x) => x.teamName))).toEqual(new Set(['Arbetslag 4–6']));
    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    const eriks = await erik.consensus.teams();
    expect(new Set(eriks.map((x) => x.unitName))).toEqual(new Set(['Ekbackens skola', 'Tallbackens skola']));
    const { caller: lena } = await callerAs(t.db, 'Lena Ek');
    expect(await lena.consensus.teams()).toEqual([]);
  });

  it('shows the distribution in a closed round where enough members submitted', async () => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    const view = await caller.consensus.view({ roundId: annaTeam.closedRoundId, teamId: annaTeam.teamId });
    expect(view.submitted).toBeGreaterThanOrEqual(5);
    expect(view.distributionVisible).toBe(true);
    expect(view.hiddenReason).toBeNull();
    expect(view.editable).toBe(false);
    const first = view.areas[0]?.indicators[0];
    const total = (first?.distribution?.counts ?? []).reduce((a, b) => a + b, 0) + (first?.distribution?.dontKnow ?? 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(view.submitted);
  });

  it('hides the distribution below the threshold and says why', async () => {
    const small = await t.db
      .selectFrom('teams as tm')
      .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'tm.organizer_id').onRef('su.id', '=', 'tm.school_unit_id'))
      .select(['tm.id', 'tm.school_form'])
      .where('su.name', '=', 'Kastanjeskolan')
      .where('tm.name', '=', 'Arbetslag 7–9')
      .executeTakeFirstOrThrow();
    const { caller } = await callerAs(t.db, 'Maria Svensson');
    const round = (await caller.consensus.teams()).find((x) => x.teamId === small.id && x.state === 'closed');
    if (!round) throw new Error('Ingen stängd omgång för det lilla arbetslaget');
    const view = await caller.consensus.view({ roundId: round.roundId, teamId: small.id });
    expect(view.submitted).toBeLessThan(5);
    expect(view.distributionVisible).toBe(false);
    expect(view.hiddenReason).toBe(
      `Fördelningen visas när minst 5 i arbetslaget har skickat in sin skattning, för att skydda de svarandes anonymitet. Hittills har ${view.submitted} skickat in.`,
    );
    expect(view.areas.flatMap((a) => a.indicators).every((i) => i.distribution === null)).toBe(true);
  });

  it('records the agreed step with its reason, who changed it and when; a rektor may change it', async () => {
    const { caller: anna } = await callerAs(t.db, 'Anna Lindqvist');
    const ref = { roundId: annaTeam.openRoundId, teamId: annaTeam.teamId };
    const indicatorKey = (await anna.consensus.view(ref)).areas[0]?.indicators[0]?.key ?? '';
    await anna.consensus.save({ ...ref, indicatorKey, value: 3, reason: 'Vi har gemensamma rutiner men följer inte upp dem.' });
    let rating = (await anna.consensus.view(ref)).areas[0]?.indicators[0]?.groupRating;
    expect(rating).toMatchObject({
      value: 3,
      reason: 'Vi har gemensamma rutiner men följer inte upp dem.',
      updatedByName: 'Anna Lindqvist',
    });

    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    await erik.consensus.save({ ...ref, indicatorKey, value: 'vet-ej', reason: 'Vi behöver mer underlag innan vi bestämmer oss.' });
    rating = (await anna.consensus.view(ref)).areas[0]?.indicators[0]?.groupRating;
    expect(rating).toMatchObject({ value: 'vet-ej', updatedByName: 'Erik Johansson' });
    expect(rating?.updatedAt).toBeInstanceOf(Date);
  });

  it.each([
    ['an empty reason', { value: 2, reason: '   ' }, 'BAD_REQUEST', /Skriv en motivering/],
    ['a step off the scale', { value: 5, reason: 'Motivering' }, 'BAD_REQUEST', /ett steg från 1 till 4/],
  ])('refuses %s', async (_label, patch, code, message) => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    const ref = { roundId: annaTeam.openRoundId, teamId: annaTeam.teamId };
    const indicatorKey = (await caller.consensus.view(ref)).areas[0]?.indicators[1]?.key ?? '';
    await expect(caller.consensus.save({ ...ref, indicatorKey, ...patch })).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
  });

  it('refuses changes after the round has closed', async () => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    const ref = { roundId: annaTeam.closedRoundId, teamId: annaTeam.teamId };
    const indicatorKey = (await caller.consensus.view(ref)).areas[0]?.indicators[0]?.key ?? '';
    await expect(caller.consensus.save({ ...ref, indicatorKey, value: 2, reason: 'Sent' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Omgången är stängd. Den gemensamma skattningen kan inte längre ändras.',
    });
  });

  it.each([
    ['a staff member who does not lead the team', 'Lena Ek', 'FORBIDDEN'],
    ['the rektor of other units', 'Karin Holm', 'FORBIDDEN'],
    ['a rektor of another organizer', 'Per Bäck', 'NOT_FOUND'],
  ])('refuses %s', async (_label, name, code) => {
    const { caller } = await callerAs(t.db, name);
    await expect(caller.consensus.view({ roundId: annaTeam.openRoundId, teamId: annaTeam.teamId })).rejects.toMatchObject({ code });
  });
});
