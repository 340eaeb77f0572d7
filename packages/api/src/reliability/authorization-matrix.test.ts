/**
 * Runs the authorisation matrix: every procedure × every role × own unit / other unit / other
 * organizer, asserting the outcome in the table. A procedure without a row fails the first test.
 */
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHORIZATION_MATRIX, type Outcome, ROLE_PERSONA, ROLES, type Role, SCENARIOS } from './authorization-matrix.ts';
import { createMatrixSetup, type MatrixSetup } from './matrix-fixtures.ts';
import { callByPath, clientMessage, isSwedishMessage, listProcedures } from './procedure-inventory.ts';

let t: TestDatabase;
let setup: MatrixSetup;

beforeAll(async () => {
  t = await createTestDatabase();
  setup = await createMatrixSetup(t.db);
});
afterAll(async () => t?.destroy());

async function outcome(role: Role, path: string, input: unknown): Promise<{ outcome: Outcome | string; message?: string }> {
  const caller = await setup.as(ROLE_PERSONA[role]);
  try {
    await callByPath(caller, path, input);
    return { outcome: 'ok' };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { outcome: `not a TRPCError: ${String(error)}` };
    return { outcome: error.code, message: clientMessage(error) };
  }
}

describe('authorisation matrix', () => {
  it('has a row for every procedure, and no row for a procedure that does not exist', () => {
    const paths = listProcedures().map((p) => p.path);
    const missing = paths.filter((p) => !(p in AUTHORIZATION_MATRIX));
    const stale = Object.keys(AUTHORIZATION_MATRIX).filter((p) => !paths.includes(p));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  for (const [path, row] of Object.entries(AUTHORIZATION_MATRIX)) {
    it(`${path}`, async () => {
      setup.setRow(path);
      const got: string[] = [];
      const want: string[] = [];
      for (const role of ROLES) {
        const expectation = row.expect[role];
        for (const [i, scenario] of SCENARIOS.entries()) {
          if (!row.scoped && scenario !== 'ownUnit') continue;
          const expected = typeof expectation === 'string' ? expectation : expectation[i];
          const target = setup.targetFor(role, scenario);
          const result = await outcome(role, path, await row.input(target, setup.fx));
          got.push(`${role}/${scenario}: ${result.outcome}${result.outcome === expected ? '' : ` (${result.message ?? ''})`}`);
          want.push(`${role}/${scenario}: ${expected}`);
          if (result.message !== undefined) expect(isSwedishMessage(result.message), result.message).toBe(true);
        }
      }
      expect(got.map((g) => g.replace(/ \(.*\)$/s, ''))).toEqual(want);
      // Re-assert with messages when they differ, so a failure says why.
      if (got.some((g) => g.includes(' ('))) expect(got).toEqual(want);
    });
  }
});
