/**
 * Faults under load (docs/reliability.md): the server is killed with SIGKILL in the middle of a
 * burst and started again; it is stopped with SIGTERM; PostgreSQL crashes (immediate stop) in the
 * middle of a burst and comes back; one of two server processes (SERVER_PROCESSES) is killed. Clients retry with the same draft id, revision and submission. Afterwards the database must
 * hold every acknowledged submission exactly once and every acknowledged draft revision.
 *
 * Runs on a PostgreSQL cluster of its own (initdb in a temporary folder), never on the shared server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createScratchDatabase } from '@kvalitetshjulet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BurstOptions, runBurst } from '../load/driver.ts';
import { describeBurst, writeReport } from '../load/report.ts';
import { freePort, type ServerProcess, startServer } from '../load/server-process.ts';
import { type LoadSetup, setUpLoad } from '../load/setup.ts';
import { describeVerification, type Verification, verifyBurst } from '../load/verify.ts';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts';

const binDir = findPostgresBinaries();
if (!binDir) console.warn('Feltesterna hoppas över: PostgreSQL-programmen (initdb, pg_ctl) finns inte på den här datorn.');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = promisify(execFile);
const RATE = Number(process.env.FAULT_RATE) || 25;

function burstOptions(setup: LoadSetup, baseUrl: string, durationMs: number): BurstOptions {
  return {
    baseUrl,
    roundId: setup.profile.roundId,
    indicatorKeys: setup.indicatorKeys,
    areaKeys: setup.areaKeys,
    staff: setup.paced,
    wholeSchool: setup.wholeSchool,
    wholeSchoolAtMs: 500,
    submissionsPerSecond: RATE,
    durationMs,
    savesPerSubmit: 2,
    draftOnlyShare: 0.15,
    maxInFlight: 48,
    retryForMs: 45_000,
    seed: 8,
  };
}

function expectNothingLost(v: Verification) {
  expect(v.lost).toEqual([]);
  expect(v.unexpected).toEqual([]);
  expect(v.stored).toBe(v.acknowledged);
  expect(v.unitMismatches).toEqual([]);
  expect(v.tornResponses).toBe(0);
  expect(v.figureMismatches).toBe(0);
  expect(v.draftsChecked).toBeGreaterThan(0);
  expect(v.lostDraftRevisions).toEqual([]);
  expect(v.leftoverDrafts).toBe(0);
  expect(v.totalsOk).toBe(true);
}

const failed = (attempts: Record<string, number>) => Object.values(attempts).reduce((a, b) => a + b, 0);

describe.skipIf(!binDir)('faults under load', () => {
  let cluster: ThrowawayPostgres;
  let databaseUrl: string;
  const setups: LoadSetup[] = [];
  const servers: ServerProcess[] = [];
  let port: number;
  // The server of the moment: each test leaves a fresh one running for the next (each start costs seconds).
  let current: ServerProcess;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres(binDir as string, await freePort());
    databaseUrl = (await createScratchDatabase(cluster.url(), 'kh_faults')).url;
    port = await freePort();
    current = await startServer({ port, databaseUrl });
    servers.push(current);
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.kill('SIGKILL');
    for (const s of setups) await s.db.destroy().catch(() => undefined);
    await cluster?.destroy();
  }, 60_000);

  it('loses nothing when the server is killed (SIGKILL) mid-burst and restarted', async () => {
    const setup = await setUpLoad(databaseUrl, { key: 'kill', pacedStaff: RATE * 12, units: 8, wholeSchool: 25, areas: 4, perArea: 8 });
    setups.push(setup);
    const first = current;
    const burst = runBurst(burstOptions(setup, first.baseUrl, 8_000));
    await sleep(3_000);
    await first.kill('SIGKILL');
    const killedAt = performance.now();
    const second = await startServer({ port, databaseUrl });
    servers.push(second);
    current = second;
    const downMs = Math.round(performance.now() - killedAt);
    const result = await burst;
    const verification = await verifyBurst(setup.db, {
      organizerId: setup.profile.organizerId,
      roundId: setup.profile.roundId,
      indicatorIds: setup.indicatorIds,
      results: [result],
    });
    console.log(`FAULT server SIGKILL (down ${downMs} ms)\n${describeBurst(result)}\n${describeVerification(verification)}`);
    writeReport('fault-server-kill', { settings: { rate: RATE }, bursts: [result], verification, extra: { downMs } });

    expect(first.alive()).toBe(false);
    expect(second.alive()).toBe(true);
    // The kill really hit requests in flight, and every client's retries converged.
    expect(failed(result.failedAttempts)).toBeGreaterThan(0);
    expect(result.abandoned).toEqual([]);
    expect(result.submissions.length).toBeGreaterThan(25);
    expectNothingLost(verification);
  }, 120_000);

  it('stops gracefully on SIGTERM mid-burst (a deploy): requests in flight are answered, nothing lost', async () => {
    const setup = await setUpLoad(databaseUrl, { key: 'term', pacedStaff: RATE * 10, units: 8, wholeSchool: 25, areas: 4, perArea: 8 });
    setups.push(setup);
    const first = current;
    const burst = runBurst(burstOptions(setup, first.baseUrl, 6_000));
    await sleep(2_500);
    await first.kill('SIGTERM');
    const exitCode = await first.exited;
    const second = await startServer({ port, databaseUrl });
    servers.push(second);
    current = second;
    const result = await burst;
    const verification = await verifyBurst(setup.db, {
      organizerId: setup.profile.organizerId,
      roundId: setup.profile.roundId,
      indicatorIds: setup.indicatorIds,
      results: [result],
    });
    console.log(`FAULT server SIGTERM (exit ${exitCode})\n${describeBurst(result)}\n${describeVerification(verification)}`);
    writeReport('fault-server-term', { settings: { rate: RATE }, bursts: [result], verification, extra: { exitCode } });

    expect(exitCode).toBe(0);
    expect(first.lines().some((line) => line.includes('Stänger av (SIGTERM)'))).toBe(true);
    // Only refused or closed connections while no server listened: no request was cut with a 500 or left hanging.
    expect(Object.keys(result.failedAttempts).filter((k) => k !== 'no connection')).toEqual([]);
    expect(result.abandoned).toEqual([]);
    expectNothingLost(verification);
  }, 120_000);

  it('survives a PostgreSQL crash and restart mid-burst: not ready while down, ready again, nothing lost', async () => {
    const setup = await setUpLoad(databaseUrl, {
      key: 'pgrestart',
      pacedStaff: RATE * 14,
      units: 8,
      wholeSchool: 25,
      areas: 4,
      perArea: 8,
    });
    setups.push(setup);
    const server = current;

    const readiness: { ms: number; status: number }[] = [];
    let watching = true;
    const t0 = performance.now();
    const watcher = (async () => {
      while (watching) {
        let status = 0;
        try {
          status = (await fetch(`${server.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).status;
        } catch {
          status = 0;
        }
        readiness.push({ ms: Math.round(performance.now() - t0), status });
        await sleep(100);
      }
    })();
    const waitFor = async (status: number, withinMs: number) => {
      const until = performance.now() + withinMs;
      while (performance.now() < until) {
        if (readiness.at(-1)?.status === status) return Math.round(performance.now() - t0);
        await sleep(50);
      }
      throw new Error(
        `/readyz svarade inte ${status} inom ${withinMs} ms: ${JSON.stringify(readiness.slice(-5))}\nservern lever: ${server.alive()}\n${server.lines().slice(-15).join('\n')}`,
      );
    };

    const burst = runBurst(burstOptions(setup, server.baseUrl, 10_000));
    await sleep(3_000);
    const stoppedAt = Math.round(performance.now() - t0);
    await cluster.stop('immediate');
    const notReadyAt = await waitFor(503, 10_000);
    // What a client is told while the database is away: a 500 that says to try again, nothing internal.
    const someone = setup.paced.at(-1) as (typeof setup.paced)[number];
    const during = await fetch(`${server.baseUrl}/trpc/survey.saveDraft`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl, cookie: `kh_session=${someone.token}` },
      body: JSON.stringify({
        roundId: setup.profile.roundId,
        schoolUnitId: someone.schoolUnitId,
        draftId: crypto.randomUUID(),
        revision: 1,
        answers: {},
        comments: {},
      }),
    });
    const duringBody = await during.text();
    await sleep(1_000);
    await cluster.start();
    const readyAgainAt = await waitFor(200, 30_000);
    const result = await burst;
    watching = false;
    await watcher;
    const verification = await verifyBurst(setup.db, {
      organizerId: setup.profile.organizerId,
      roundId: setup.profile.roundId,
      indicatorIds: setup.indicatorIds,
      results: [result],
    });
    const timeline = { stoppedAt, notReadyAt, readyAgainAt };
    console.log(`FAULT PostgreSQL restart ${JSON.stringify(timeline)}\n${describeBurst(result)}\n${describeVerification(verification)}`);
    writeReport('fault-postgres-restart', { settings: { rate: RATE }, bursts: [result], verification, extra: timeline });

    expect(server.alive()).toBe(true);
    expect(during.status).toBe(500);
    expect(JSON.parse(duringBody).error.message).toMatch(/^Något gick fel på servern\. Försök igen/);
    expect(duringBody).not.toMatch(/ECONNREFUSED|terminated|connect|127\.0\.0\.1|postgres/i);
    expect(readiness.some((r) => r.ms >= stoppedAt && r.status === 503)).toBe(true);
    expect(readiness.at(-1)?.status).toBe(200);
    expect(failed(result.failedAttempts)).toBeGreaterThan(0);
    expect(result.abandoned).toEqual([]);
    expectNothingLost(verification);
  }, 150_000);

  it('keeps serving when one of several server processes is killed mid-burst; a new one takes its place', async () => {
    const setup = await setUpLoad(databaseUrl, { key: 'worker', pacedStaff: RATE * 12, units: 8, wholeSchool: 25, areas: 4, perArea: 8 });
    setups.push(setup);
    const supervised = await startServer({ port: await freePort(), databaseUrl, env: { SERVER_PROCESSES: '2' } });
    servers.push(supervised);
    const workersBefore = await childProcesses(supervised.pid);
    const burst = runBurst(burstOptions(setup, supervised.baseUrl, 8_000));
    await sleep(3_000);
    const victim = workersBefore[0] as number;
    process.kill(victim, 'SIGKILL');
    const result = await burst;
    await sleep(1_500); // the supervisor starts the replacement after a second
    const workersAfter = await childProcesses(supervised.pid);
    const verification = await verifyBurst(setup.db, {
      organizerId: setup.profile.organizerId,
      roundId: setup.profile.roundId,
      indicatorIds: setup.indicatorIds,
      results: [result],
    });
    console.log(`FAULT one of two server processes SIGKILL\n${describeBurst(result)}\n${describeVerification(verification)}`);
    writeReport('fault-worker-kill', { settings: { rate: RATE }, bursts: [result], verification, extra: { workersBefore, workersAfter } });

    expect(workersBefore).toHaveLength(2);
    expect(supervised.alive()).toBe(true);
    expect(supervised.lines().some((line) => line.includes(`Serverprocess ${victim} avslutades oväntat`))).toBe(true);
    expect(workersAfter).toHaveLength(2);
    expect(workersAfter).not.toContain(victim);
    expect(result.abandoned).toEqual([]);
    expect(result.submissions.length).toBeGreaterThan(25);
    expectNothingLost(verification);
    await supervised.kill('SIGTERM');
    expect(await supervised.exited).toBe(0);
  }, 120_000);
});

/** The ids of a process's child processes (the server processes a supervising server started). */
async function childProcesses(pid: number): Promise<number[]> {
  const { stdout } = await run('pgrep', ['-P', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean).map(Number);
}
