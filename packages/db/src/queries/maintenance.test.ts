import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../create-database.ts';
import { createTestDatabase, ekbackenRound, type TestDatabase } from '../testing.ts';
import { addResponseToTotals, foldPendingTotals } from './indicator-totals.ts';
import { churnedTablesState, vacuumChurnedTables } from './maintenance.ts';

let t: TestDatabase;
let fixture: Awaited<ReturnType<typeof ekbackenRound>>;

beforeAll(async () => {
  t = await createTestDatabase();
  fixture = await ekbackenRound(t.db);
});
afterAll(async () => t?.destroy());

/** Pending rows as a staff meeting leaves them: one per submission, all answers given. */
async function addPending(db: Db, count: number): Promise<void> {
  const answers = fixture.indicators.map((i, n) => ({ indicatorId: i.id, value: (n % 4) + 1 }));
  for (let i = 0; i < count; i++) {
    await addResponseToTotals(
      db,
      { organizerId: fixture.organizerId, roundId: fixture.roundId, schoolUnitId: fixture.unitId, teamId: null, answers },
      { foldProbability: 0 },
    );
  }
}

async function pendingPages(db: Db): Promise<number> {
  const r = await sql<{
    pages: string;
  }>`select pg_relation_size('indicator_totals_pending') / current_setting('block_size')::int as pages`.execute(db);
  return Number(r.rows[0]?.pages);
}

describe('vacuumChurnedTables', () => {
  it('lets new pending rows reuse the space of folded ones, so the table stops growing', async () => {
    await addPending(t.db, 300);
    await foldPendingTotals(t.db, fixture.organizerId);
    const afterFirst = await pendingPages(t.db);
    expect(afterFirst).toBeGreaterThan(5);

    // Without a vacuum, the next batch is written after the dead rows: the table grows.
    await addPending(t.db, 300);
    await foldPendingTotals(t.db, fixture.organizerId);
    const withoutVacuum = await pendingPages(t.db);
    expect(withoutVacuum).toBeGreaterThan(afterFirst * 1.5);

    // After a vacuum, the next batches fit in the space already there.
    await vacuumChurnedTables(t.db);
    for (let round = 0; round < 3; round++) {
      await addPending(t.db, 300);
      await foldPendingTotals(t.db, fixture.organizerId);
      await vacuumChurnedTables(t.db);
    }
    expect(await pendingPages(t.db)).toBeLessThanOrEqual(withoutVacuum);
  });

  it('reports the vacuums and the size of each table', async () => {
    const before = await churnedTablesState(t.db);
    await vacuumChurnedTables(t.db);
    const after = await churnedTablesState(t.db);
    expect(after.map((s) => s.table)).toEqual(['drafts', 'indicator_totals_pending']);
    for (const state of after) {
      expect(state.vacuums).toBe((before.find((b) => b.table === state.table)?.vacuums ?? 0) + 1);
      expect(state.pages).toBeGreaterThanOrEqual(0);
    }
    expect(after.find((s) => s.table === 'indicator_totals_pending')?.pages).toBe(await pendingPages(t.db));
  });

  it('keeps what has not been folded yet', async () => {
    await addPending(t.db, 5);
    await vacuumChurnedTables(t.db);
    const left = await t.db
      .selectFrom('indicator_totals_pending')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organizer_id', '=', fixture.organizerId)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(5);
  });

  it('refuses to run inside a transaction, where PostgreSQL cannot vacuum', async () => {
    await expect(t.db.transaction().execute((trx) => vacuumChurnedTables(trx))).rejects.toThrow('transaktion');
  });
});
