import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, unitIdByName } from '../testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const unitId = (name: string) => unitIdByName(t.db, name);

describe('round administration', () => {
  it('lets a rektor open a round for the own unit, which the unit staff then see and can answer', async () => {
    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    const ekbacken = await unitId('Ekbackens skola');
    const { id } = await erik.rounds.open({
      name: 'Extra uppföljning · Grundskola',
      schoolForm: 'grundskola',
      unitIds: [ekbacken],
      opensOn: '2026-11-23',
      closesOn: '2026-12-04',
    });
    const overview = await erik.rounds.overview();
    expect(overview.participation.filter((p) => p.roundId === id)).toEqual([
      expect.objectContaining({ name: 'Extra uppföljning · Grundskola', unitName: 'Ekbackens skola', state: 'open', submitted: 0 }),
    ]);

    const { caller: anna } = await callerAs(t.db, 'Anna Lindqvist');
    const annas = await anna.start.staff();
    expect(annas.rounds.find((r) => r.roundId === id)).toMatchObject({ state: 'open', status: 'not-started' });
    const opened = await anna.survey.open({ roundId: id, schoolUnitId: ekbacken });
    expect(opened.round.state).toBe('open');

    const teams = await erik.rounds.teams({ roundId: id });
    expect(teams.length).toBeGreaterThanOrEqual(2);
    for (const team of teams) {
      expect(Object.keys(team).sort()).toEqual(['eligible', 'schoolUnitId', 'submitted', 'teamId', 'teamName', 'unitName']);
      expect(team.submitted).toBe(0);
    }
  });

  it('closes a round early: answers are refused from then on, with a clear message', async () => {
    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    const ekbacken = await unitId('Ekbackens skola');
    const { id } = await erik.rounds.open({
      name: 'Kort omgång',
      schoolForm: 'grundskola',
      unitIds: [ekbacken],
      opensOn: '2026-11-20',
      closesOn: '2026-12-20',
    });
    // Anna autosaves while the round is open: the server now knows the round as open.
    const { caller: anna } = await callerAs(t.db, 'Anna Lindqvist');
    const draftId = crypto.randomUUID();
    const draft = { roundId: id, schoolUnitId: ekbacken, draftId, answers: {}, comments: {} };
    expect(await anna.survey.saveDraft({ ...draft, revision: 1 })).toMatchObject({ applied: true, revision: 1 });
    expect(await erik.rounds.close({ roundId: id })).toEqual({ closedOn: '2026-11-23' });
    const closed = {
      code: 'PRECONDITION_FAILED',
      message: 'Skattningen stängde 23 november. Dina sparade svar finns kvar men kan inte skickas in.',
    };
    await expect(anna.survey.saveDraft({ ...draft, revision: 2 })).rejects.toMatchObject(closed);
    await expect(anna.survey.submit(draft)).rejects.toMatchObject(closed);
    // Nothing was written after the close: the draft is still revision 1, and there is no response.
    expect((await anna.survey.open({ roundId: id, schoolUnitId: ekbacken })).draft).toMatchObject({ id: draftId, revision: 1 });
    const responses = await t.db.selectFrom('responses').select('id').where('round_id', '=', id).execute();
    expect(responses).toEqual([]);
    await expect(erik.rounds.close({ roundId: id })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Omgången är redan stängd.',
    });
  });

  it('refuses a rektor a round for another rektor’s unit, and closing a round that spans other units', async () => {
    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    await expect(
      erik.rounds.open({
        name: 'X',
        schoolForm: 'forskola',
        unitIds: [await unitId('Solrosens förskola')],
        opensOn: '2026-11-23',
        closesOn: '2026-12-01',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Du kan bara öppna omgångar för dina egna enheter.' });

    const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
    const all = (await maria.rounds.overview()).participation;
    const wide = all.find(
      (p) =>
        p.unitName === 'Ekbackens skola' &&
        p.state === 'open' &&
        all.some((q) => q.roundId === p.roundId && q.unitName === 'Norrgårdsskolan'),
    );
    if (!wide) throw new Error('Ingen öppen grundskoleomgång');
    await expect(erik.rounds.close({ roundId: wide.roundId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Omgången gäller fler enheter än dina. Den kan stängas av huvudmannen.',
    });
  });

  it.each([
    [
      'a unit without the school form',
      { schoolForm: 'grundskola', unit: 'Solrosens förskola', opensOn: '2026-11-23', closesOn: '2026-12-01' },
      /Solrosens förskola har inte skolformen grundskola/,
    ],
    [
      'a closing date before the opening date',
      { schoolForm: 'forskola', unit: 'Solrosens förskola', opensOn: '2026-12-10', closesOn: '2026-12-01' },
      /Slutdatumet måste vara samma dag som startdatumet eller senare/,
    ],
    [
      'a closing date in the past',
      { schoolForm: 'forskola', unit: 'Solrosens förskola', opensOn: '2026-10-01', closesOn: '2026-10-30' },
      /Slutdatumet har redan passerat/,
    ],
    [
      'no name',
      { name: ' ', schoolForm: 'forskola', unit: 'Solrosens förskola', opensOn: '2026-11-23', closesOn: '2026-12-01' },
      /Ge omgången ett namn/,
    ],
  ] as const)('refuses %s', async (_label, input, message) => {
    const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
    await expect(
      maria.rounds.open({
        name: 'name' in input ? input.name : 'Omgång',
        schoolForm: input.schoolForm,
        unitIds: [await unitId(input.unit)],
        opensOn: input.opensOn,
        closesOn: input.closesOn,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
  });

  it.each([
    ['staff', 'Anna Lindqvist', 'FORBIDDEN'],
    ['an administrator', 'Sara Nilsson', 'FORBIDDEN'],
  ])('refuses %s the round administration', async (_label, name, code) => {
    const { caller } = await callerAs(t.db, name);
    await expect(caller.rounds.overview()).rejects.toMatchObject({ code });
  });

  it('never shows another organizer’s rounds', async () => {
    const { caller: per } = await callerAs(t.db, 'Per Bäck');
    const overview = await per.rounds.overview();
    expect(new Set(overview.participation.map((p) => p.unitName))).toEqual(new Set(['Bäckaskolan']));
    const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
    const other = overview.participation[0]?.roundId ?? '';
    await expect(maria.rounds.teams({ roundId: other })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(maria.rounds.close({ roundId: other })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
