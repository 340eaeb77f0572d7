import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, unitIdByName } from '../testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const unitId = (name: string) => unitIdByName(t.db, name);

async function roundByName(name: string) {
  const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
  const row = (await maria.rounds.overview()).participation.find((p) => p.name === name);
  if (!row) throw new Error(`no round ${name}`);
  return row;
}

function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

describe('annual cycle (årshjul)', () => {
  it('shows the rounds that overlap a school year or a calendar year, with their units', async () => {
    const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
    const school = await maria.rounds.cycle({ kind: 'school-year', startYear: 2026 });
    expect(school.period).toMatchObject({ from: '2026-08-01', to: '2027-07-31' });
    expect(school.rounds.length).toBeGreaterThan(0);
    for (const r of school.rounds) {
      expect(r.opensOn <= '2027-07-31' && r.lastDay >= '2026-08-01').toBe(true);
      expect(r.units.length).toBeGreaterThan(0);
    }
    const autumn = school.rounds.find((r) => r.name === 'Hösten 2026 · Grundskola');
    expect(autumn).toMatchObject({ schoolForm: 'grundskola', state: 'open', questionnaireVersion: 1, ownQuestionnaire: false });
    expect(school.rounds.some((r) => r.units.some((u) => u.name === 'Bäckaskolan'))).toBe(false);

    // Without a year: the one that contains today (23 November 2026).
    expect((await maria.rounds.cycle({ kind: 'school-year' })).period.startYear).toBe(2026);
    expect((await maria.rounds.cycle({ kind: 'calendar-year' })).period).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });

    const spring = await roundByName('Våren 2026 · Grundskola');
    const calendar = await maria.rounds.cycle({ kind: 'calendar-year', startYear: 2026 });
    expect(calendar.rounds.map((r) => r.id)).toContain(spring.roundId);
    expect(school.rounds.map((r) => r.id)).not.toContain(spring.roundId);
  });

  it('shows a rektor only the rounds and units of the own units', async () => {
    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    const own = new Set([await unitId('Ekbackens skola'), await unitId('Tallbackens skola')]);
    const { rounds } = await erik.rounds.cycle({ kind: 'school-year', startYear: 2026 });
    expect(rounds.length).toBeGreaterThan(0);
    for (const r of rounds) for (const u of r.units) expect(own.has(u.id)).toBe(true);
    const { caller: anna } = await callerAs(t.db, 'Anna Lindqvist');
    await expect(anna.rounds.cycle({ kind: 'school-year', startYear: 2026 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('prefills a new round from a previous one: same school form and units, shifted dates, a new name', async () => {
    const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
    const previous = await roundByName('Hösten 2026 · Grundskola');
    const { participation } = await maria.rounds.overview();
    const previousUnits = participation.filter((p) => p.roundId === previous.roundId).map((p) => p.schoolUnitId);

    const year = await maria.rounds.prefill({ fromRoundId: previous.roundId, shift: 'one-year' });
    expect(year).toMatchObject({
      schoolForm: 'grundskola',
      name: 'Hösten 2027 · Grundskola',
      opensOn: `2027${previous.opensOn.slice(4)}`,
      closesOn: `2027${previous.closesOn.slice(4)}`,
      leftOut: 0,
    });
    expect(new Set(year.unitIds)).toEqual(new Set(previousUnits));

    const weeks = await maria.rounds.prefill({ fromRoundId: previous.roundId, shift: 'fifty-two-weeks' });
    expect(weekday(weeks.opensOn)).toBe(weekday(previous.opensOn));
    expect(weekday(weeks.closesOn)).toBe(weekday(previous.closesOn));

    const term = await maria.rounds.prefill({ fromRoundId: previous.roundId, shift: 'twenty-six-weeks' });
    expect(term.name).toMatch(/^Våren 2027 · Grundskola$/);

    const { id } = await maria.rounds.open({
      name: year.name,
      schoolForm: 'grundskola',
      unitIds: year.unitIds,
      opensOn: year.opensOn,
      closesOn: year.closesOn,
    });
    const next = await maria.rounds.cycle({ kind: 'school-year', startYear: 2027 });
    expect(next.rounds.find((r) => r.id === id)).toMatchObject({ name: 'Hösten 2027 · Grundskola', state: 'upcoming' });
  });

  it('prefills for a rektor only the own units, and says how many were left out', async () => {
    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    const previous = await roundByName('Hösten 2026 · Grundskola');
    const prefill = await erik.rounds.prefill({ fromRoundId: previous.roundId, shift: 'one-year' });
    expect(prefill.unitIds).toContain(await unitId('Ekbackens skola'));
    expect(prefill.unitIds).not.toContain(await unitId('Norrgårdsskolan'));
    expect(prefill.leftOut).toBeGreaterThan(0);

    const { caller: per } = await callerAs(t.db, 'Per Bäck');
    await expect(per.rounds.prefill({ fromRoundId: previous.roundId, shift: 'one-year' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { caller: karin } = await callerAs(t.db, 'Karin Holm');
    await expect(karin.rounds.prefill({ fromRoundId: previous.roundId, shift: 'one-year' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Omgången gäller inga av dina enheter.',
    });
  });
});

describe('reminders', () => {
  it('reminds staff of open rounds they have not submitted, with the days left, and forgets them once submitted', async () => {
    const { caller: erik } = await callerAs(t.db, 'Erik Johansson');
    const ekbacken = await unitId('Ekbackens skola');
    const { id } = await erik.rounds.open({
      name: 'Påminnelsetest · Grundskola',
      schoolForm: 'grundskola',
      unitIds: [ekbacken],
      opensOn: '2026-11-20',
      closesOn: '2026-11-28',
    });
    const { caller: anna } = await callerAs(t.db, 'Anna Lindqvist');
    const { reminders, today } = await anna.rounds.reminders();
    expect(today).toBe('2026-11-23');
    expect(reminders.find((r) => r.roundId === id)).toEqual({
      roundId: id,
      schoolUnitId: ekbacken,
      name: 'Påminnelsetest · Grundskola',
      closesOn: '2026-11-28',
      daysLeft: 5,
      hasDraft: false,
    });
    const staff = await anna.start.staff();
    const expected = staff.rounds.filter((r) => r.state === 'open' && r.status !== 'submitted').map((r) => r.roundId);
    expect(reminders.map((r) => r.roundId).sort()).toEqual(expected.sort());

    const draftId = crypto.randomUUID();
    await anna.survey.saveDraft({ roundId: id, schoolUnitId: ekbacken, draftId, revision: 1, answers: {}, comments: {} });
    expect((await anna.rounds.reminders()).reminders.find((r) => r.roundId === id)?.hasDraft).toBe(true);
    await anna.survey.submit({ roundId: id, schoolUnitId: ekbacken, draftId, answers: {}, comments: {} });
    expect((await anna.rounds.reminders()).reminders.map((r) => r.roundId)).not.toContain(id);

    await expect(erik.rounds.reminders()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
