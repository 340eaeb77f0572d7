/**
 * `pnpm bench`: the results engine's benchmarks. Prints one line per figure, `BENCH <name> <value> <unit>`,
 * and notes starting with `#`. See docs/performance.md for what each figure means and the goals.
 *
 * With DATABASE_URL: a scratch database `kh_bench_…` on that server, dropped at the end, loaded with a
 * municipality profile (200 units × 80 indicators) at about 1 M and 10 M answers. BENCH_SCALE=small
 * divides the sizes by ten for a quick run. Without DATABASE_URL: embedded PGlite, scaled down (and
 * said so), one connection.
 *
 * Times are measured at the use-case functions the procedures call (database and domain work, in
 * this process). "Naive" is the same use-case computing its totals by GROUP BY over the raw answers
 * (with a covering index for that), and the two results are checked to be identical.
 */
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
// The use-cases are measured where the procedures call them.
import { getUnitComparison, getUnitResults } from '@kvalitetshjulet/api';
import {
  checkTotals,
  createBenchDatabase,
  createBenchQuestionnaire,
  createNaiveIndex,
  createScratchDatabase,
  createSubmitProfile,
  type Db,
  dropNaiveIndex,
  finishBulkLoad,
  foldPendingTotals,
  type LoadedProfile,
  loadMunicipalityProfile,
  plainSqlSubmit,
  prepareBenchDatabase,
  recomputeTotals,
  type SessionUser,
  type SubmitProfile,
  startBulkLoad,
  storeSubmission,
  totalsFromAnswers,
  vacuumAnalyze,
} from '@kvalitetshjulet/db';
import { type Case, interleave, median, note, report, throughput, timed } from './measure.ts';

const TODAY = '2026-11-23';

interface Settings {
  engine: 'postgres' | 'pglite';
  label: string;
  units: number;
  teamsPerUnit: number;
  rounds: number;
  areas: number;
  perArea: number;
  /** Average respondents per unit and round for the "10M" and "1M" organizers. */
  large: number;
  small: number;
  readRounds: number;
  submitMs: number;
  submitRounds: number;
  concurrency: number;
}

function settings(): Settings {
  const base = { units: 200, teamsPerUnit: 4, rounds: 2, areas: 8, perArea: 10 };
  if (!process.env.DATABASE_URL) {
    return {
      ...base,
      engine: 'pglite',
      label: 'PGlite (scaled down: 20 units, about 0.2 M and 0.02 M answers, one connection)',
      units: 20,
      large: 62,
      small: 6,
      readRounds: 3,
      submitMs: 1500,
      submitRounds: 2,
      concurrency: 1,
    };
  }
  if (process.env.BENCH_SCALE === 'small') {
    return {
      ...base,
      engine: 'postgres',
      label: 'PostgreSQL, BENCH_SCALE=small (sizes divided by ten: "10M" is about 1 M answers, "1M" about 0.1 M)',
      large: 31,
      small: 3,
      readRounds: 3,
      submitMs: 1500,
      submitRounds: 2,
      concurrency: 8,
    };
  }
  return {
    ...base,
    engine: 'postgres',
    label: 'PostgreSQL, full scale',
    large: 312,
    small: 31,
    readRounds: 5,
    submitMs: 3000,
    submitRounds: 3,
    concurrency: 8,
  };
}

function organizerSession(organizerId: string): SessionUser {
  return {
    sessionId: 'bench',
    organizerId,
    userId: '00000000-0000-4000-8000-000000000000',
    name: 'Bench',
    title: 'Kvalitetsstrateg',
    organizerName: 'Benchkommun',
    roles: [{ role: 'organizer', schoolUnitId: null, teamId: null, leadsTeam: false }],
  };
}

async function load(loader: Db, s: Settings, questionnaireId: string): Promise<{ large: LoadedProfile; small: LoadedProfile }> {
  const lastClosesOn = '2026-10-30';
  const common = { questionnaireId, units: s.units, teamsPerUnit: s.teamsPerUnit, rounds: s.rounds, lastClosesOn };
  await startBulkLoad(loader);
  let large: LoadedProfile | undefined;
  let small: LoadedProfile | undefined;
  const loadMs = await timed(async () => {
    large = await loadMunicipalityProfile(loader, { ...common, key: 'bench-large', respondentsPerUnit: s.large });
    small = await loadMunicipalityProfile(loader, { ...common, key: 'bench-small', respondentsPerUnit: s.small });
    await finishBulkLoad(loader);
  });
  if (!large || !small) throw new Error('load failed');
  report('load-answers', large.answers + small.answers, 'answers');
  report('load-time', loadMs / 1000, 's');
  report('answers-10M', large.answers, 'answers');
  report('answers-1M', small.answers, 'answers');
  await vacuumAnalyze(loader);
  // Build the kept totals from the raw answers: what a recompute costs at this size.
  report('recompute-10M', await timed(() => recomputeTotals(loader, (large as LoadedProfile).organizerId)), 'ms');
  report('recompute-1M', await timed(() => recomputeTotals(loader, (small as LoadedProfile).organizerId)), 'ms');
  await createNaiveIndex(loader);
  await vacuumAnalyze(loader);
  return { large, small };
}

async function reads(db: Db, s: Settings, profiles: { large: LoadedProfile; small: LoadedProfile }): Promise<void> {
  const cases: Case[] = [];
  const pick = (p: LoadedProfile) => ({
    session: organizerSession(p.organizerId),
    roundId: p.roundIds[p.roundIds.length - 1] as string,
    unitId: p.unitIds[Math.floor(p.unitIds.length / 2)] as string,
  });
  for (const [size, p] of [
    ['10M', profiles.large],
    ['1M', profiles.small],
  ] as const) {
    const { session, roundId, unitId } = pick(p);
    const unit = (naive: boolean) => () =>
      getUnitResults(db, session, { roundId, schoolUnitId: unitId }, TODAY, naive ? { source: totalsFromAnswers } : {});
    const heatmap = (naive: boolean) => () =>
      getUnitComparison(db, session, { roundId }, TODAY, naive ? { source: totalsFromAnswers } : {});
    // Same results both ways, and a warm-up for both.
    for (const [what, make] of [
      ['unit-results', unit],
      ['heatmap', heatmap],
    ] as const) {
      const ours = JSON.stringify(await make(false)());
      const naive = JSON.stringify(await make(true)());
      report(`${what}-equal-naive-${size}`, ours === naive ? 1 : 0, 'bool');
      cases.push({ name: `${what}-${size}`, calls: 5, run: make(false) }, { name: `${what}-naive-${size}`, calls: 1, run: make(true) });
    }
  }
  const times = await interleave(cases, s.readRounds);
  const m = (name: string) => median(times.get(name) ?? []);
  for (const what of ['unit-results', 'heatmap']) {
    for (const size of ['10M', '1M']) {
      report(`${what}-${size}`, m(`${what}-${size}`), 'ms');
      report(`${what}-naive-${size}`, m(`${what}-naive-${size}`), 'ms');
      report(`${what}-vs-naive-${size}`, m(`${what}-naive-${size}`) / m(`${what}-${size}`), 'x');
    }
  }
  report('unit-results-10M-vs-1M', m('unit-results-10M') / m('unit-results-1M'), 'x');
  report('heatmap-10M-vs-1M', m('heatmap-10M') / m('heatmap-1M'), 'x');
}

async function submits(db: Db, s: Settings, p: SubmitProfile, baseline: SubmitProfile): Promise<void> {
  // Our submissions go to one organizer, whose totals are checked at the end; the baselines (which
  // store no totals on purpose) to another.
  const next = new Map<SubmitProfile, number>([
    [p, 0],
    [baseline, 0],
  ]);
  const submission = (profile: SubmitProfile, placement: 'hot' | 'spread') => {
    const c = next.get(profile) ?? 0;
    next.set(profile, c + 1);
    const userId = profile.userIds[c];
    if (!userId) throw new Error('Benchmark ran out of prepared users');
    const unitIndex = placement === 'hot' ? 0 : (c * 7919) % profile.unitIds.length;
    const teams = profile.teamIds[unitIndex] as string[];
    return {
      organizerId: profile.organizerId,
      roundId: profile.roundId,
      schoolUnitId: profile.unitIds[unitIndex] as string,
      teamId: c % 20 === 0 ? null : (teams[c % teams.length] as string),
      userId,
      submittedOn: TODAY,
      answers: profile.indicatorIds.map((indicatorId, k) => ({
        indicatorId,
        value: (c * 31 + k * 7) % 50 === 0 ? null : 1 + ((c * 13 + k * 5) % 4),
      })),
      comments: [],
    };
  };
  const ours = (placement: 'hot' | 'spread') => async () => {
    const sub = submission(p, placement);
    if (!(await storeSubmission(db, sub))) throw new Error('Already submitted');
  };
  const plain = (placement: 'hot' | 'spread') => () => plainSqlSubmit(db, submission(baseline, placement));
  const runs: [string, () => Promise<void>][] = [
    ['submit-ours-hot', ours('hot')],
    ['submit-ours-spread', ours('spread')],
    ['submit-plain-hot', plain('hot')],
    ['submit-plain-spread', plain('spread')],
  ];
  for (const [, run] of runs) await run(); // warm-up
  const rates = new Map<string, number[]>(runs.map(([name]) => [name, []]));
  for (let round = 0; round < s.submitRounds; round++) {
    for (const [name, run] of runs) rates.get(name)?.push(await throughput(run, s.concurrency, s.submitMs));
  }
  const m = (name: string) => median(rates.get(name) ?? []);
  for (const [name] of runs) report(name, m(name), 'per-s');
  report('submit-hot-school-vs-spread', m('submit-ours-hot') / m('submit-ours-spread'), 'x');
  report('submit-app-vs-sql', m('submit-ours-hot') / m('submit-plain-hot'), 'x');
  report('submit-app-vs-sql-spread', m('submit-ours-spread') / m('submit-plain-spread'), 'x');

  // After all that concurrent load: do the totals (folded + pending) equal a recompute from the answers?
  const pending = await checkTotals(db, p.organizerId);
  await foldPendingTotals(db, p.organizerId);
  const folded = await checkTotals(db, p.organizerId);
  report('submit-responses', next.get(p) ?? 0, 'responses');
  report('rollup-matches-recompute', pending.ok && folded.ok ? 1 : 0, 'bool');
  if (!pending.ok || !folded.ok)
    console.error(JSON.stringify({ pending: pending.mismatches.slice(0, 3), folded: folded.mismatches.slice(0, 3) }));
}

async function main(): Promise<void> {
  const s = settings();
  note(`engine: ${s.label}`);
  note(
    `machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; profile ${s.units} units × ${s.areas * s.perArea} indicators, ${s.teamsPerUnit} teams per unit, ${s.rounds} rounds`,
  );
  const started = performance.now();
  const url = process.env.DATABASE_URL;
  const scratch = url ? await createScratchDatabase(url) : null;
  const dataDir = join(tmpdir(), `kh-bench-${crypto.randomUUID().slice(0, 8)}`);
  const db = scratch ? createBenchDatabase({ url: scratch.url, poolSize: s.concurrency + 2 }) : createBenchDatabase({ dataDir });
  const loader = scratch ? createBenchDatabase({ url: scratch.url, poolSize: 1 }) : db;
  try {
    await prepareBenchDatabase(db);
    const questionnaireId = await createBenchQuestionnaire(db, { areas: s.areas, perArea: s.perArea });
    const profiles = await load(loader, s, questionnaireId);
    await reads(db, s, profiles);
    await dropNaiveIndex(loader);
    const users = s.engine === 'postgres' ? 100_000 : 20_000;
    const profile = (key: string) =>
      createSubmitProfile(loader, { key, questionnaireId, units: s.units, teamsPerUnit: s.teamsPerUnit, users, today: TODAY });
    const submitProfile = await profile('bench-submit');
    const baselineProfile = await profile('bench-submit-baseline');
    await vacuumAnalyze(loader);
    await submits(db, s, submitProfile, baselineProfile);
  } finally {
    if (loader !== db) await loader.destroy();
    await db.destroy();
    await scratch?.drop();
    if (!scratch) {
      const { rmSync } = await import('node:fs');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  note(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
