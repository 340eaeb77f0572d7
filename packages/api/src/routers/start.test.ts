import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe('start pages per role', () => {
  it('shows a staff member the rounds of their unit with their own status', async () => {
    const { caller } = await callerAs(t.db, 'Anna Lindqvist');
    const { rounds } = await caller.start.staff();
    expect(rounds.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rounds.map((r) => r.unitName))).toEqual(new Set(['Ekbackens skola']));
    expect(rounds.every((r) => r.schoolForm === 'grundskola')).toBe(true);
    const open = rounds.filter((r) => r.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'not-started', name: expect.stringContaining('Grundskola') });
    expect(rounds.filter((r) => r.state === 'closed')).toHaveLength(2);
    expect(open[0]?.indicatorCount).toBeGreaterThan(20);
  });

  it('shows a rektor only their own units, with participation as counts', async () => {
    const { caller } = await callerAs(t.db, 'Erik Johansson');
    const { units, participation } = await caller.start.principal();
    expect(units.map((u) => u.name).sort()).toEqual(['Ekbackens skola', 'Tallbackens skola']);
    expect(new Set(participation.map((p) => p.unitName))).toEqual(new Set(['Ekbackens skola', 'Tallbackens skola']));
    for (const p of participation) {
      expect(p.submitted).toBeLessThanOrEqual(p.eligible);
      expect(Object.keys(p)).not.toContain('userId');
    }
    const closed = participation.filter((p) => p.state === 'closed');
    expect(closed.every((p) => p.submitted > 0)).toBe(true);
  });

  it('shows the organizer level all twelve units of Exempelstad', async () => {
    const { caller } = await callerAs(t.db, 'Maria Svensson');
    const { units, organizer } = await caller.start.organizer();
    expect(organizer.name).toBe('Exempelstad kommun');
    expect(units).toHaveLength(12);
    expect(new Set(units.flatMap((u) => u.schoolForms)).size).toBe(8);
  });

  it('shows the administrator the settings and all eight questionnaires', async () => {
    const { caller } = await callerAs(t.db, 'Sara Nilsson');
    const { organizer, counts, questionnaires } = await caller.start.admin();
    expect(organizer.anonymityThreshold).toBe(5);
    expect(counts.units).toBe(12);
    expect(questionnaires).toHaveLength(8);
  });

  it.each([
    ['Anna Lindqvist', 'principal'],
    ['Anna Lindqvist', 'organizer'],
    ['Anna Lindqvist', 'admin'],
    ['Erik Johansson', 'organizer'],
    ['Erik Johansson', 'staff'],
    ['Sara Nilsson', 'organizer'],
    ['Maria Svensson', 'admin'],
  ] as const)('refuses %s the %s start page', async (name, page) => {
    const { caller } = await callerAs(t.db, name);
    await expect(caller.start[page]()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses everything but the login to someone not logged in', async () => {
    const { caller } = await callerAs(t.db);
    expect(await caller.session.me()).toBeNull();
    for (const page of ['staff', 'principal', 'organizer', 'admin'] as const) {
      await expect(caller.start[page]()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });
});

describe('tenant isolation', () => {
  it('gives a user of the friskola nothing of Exempelstad, and the other way round', async () => {
    const exempelstad = await t.db.selectFrom('organizers').select('id').where('key', '=', 'exempelstad').executeTakeFirstOrThrow();
    const backa = await t.db.selectFrom('organizers').select('id').where('key', '=', 'backaskolan').executeTakeFirstOrThrow();
    const exempelstadUnits = new Set(
      (await t.db.selectFrom('school_units').select('id').where('organizer_id', '=', exempelstad.id).execute()).map((u) => u.id),
    );
    const backaUnits = new Set(
      (await t.db.selectFrom('school_units').select('id').where('organizer_id', '=', backa.id).execute()).map((u) => u.id),
    );

    const { caller: per } = await callerAs(t.db, 'Per Bäck');
    const perStart = await per.start.principal();
    expect(perStart.units.length).toBeGreaterThan(0);
    expect(perStart.units.every((u) => backaUnits.has(u.id))).toBe(true);
    expect(perStart.participation.every((p) => backaUnits.has(p.schoolUnitId))).toBe(true);

    const { caller: olle } = await callerAs(t.db, 'Olle Strand');
    const olleStart = await olle.start.staff();
    expect(olleStart.rounds.length).toBeGreaterThan(0);
    expect(olleStart.rounds.every((r) => backaUnits.has(r.schoolUnitId))).toBe(true);

    const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
    const mariaStart = await maria.start.organizer();
    expect(mariaStart.units.every((u) => exempelstadUnits.has(u.id))).toBe(true);
    expect(mariaStart.participation.every((p) => exempelstadUnits.has(p.schoolUnitId))).toBe(true);
  });
});
