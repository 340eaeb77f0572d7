import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BurstResult, LatencySummary } from './driver.ts';
import type { Verification } from './verify.ts';

const reportDir = resolve(import.meta.dirname, '../.tmp/reliability');

const ms = (l: LatencySummary) => `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (${l.count} requests)`;

/** The figures of a burst as readable lines. */
export function describeBurst(r: BurstResult): string {
  const failed = Object.entries(r.failedAttempts)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  return [
    `window ${(r.durationMs / 1000).toFixed(1)} s (all answered after ${(r.elapsedMs / 1000).toFixed(1)} s), journeys ${r.journeysStarted}`,
    `submissions acknowledged ${r.submissions.length}, ${r.submissionsPerSecond}/s in the window; requests ${r.requestsPerSecond}/s`,
    `saveDraft ${ms(r.latency.saveDraft)}`,
    `submit ${ms(r.latency.submit)}`,
    `all ${ms(r.latency.all)}`,
    `failed attempts (retried) ${failed || 'none'}; retries ${r.retries}; abandoned ${r.abandoned.length}`,
    'by when sent:',
    ...r.byWindow.map((w) => `  ${w.fromS}–${w.toS} s: ${ms(w)}`),
  ].join('\n');
}

/** Keeps the figures of a run as JSON under tests/.tmp/reliability (ignored by git) for the docs. */
export function writeReport(name: string, data: { settings: unknown; bursts: BurstResult[]; verification: Verification; extra?: unknown }) {
  mkdirSync(reportDir, { recursive: true });
  const slim = data.bursts.map(({ submissions, drafts, abandoned, ...figures }) => ({
    ...figures,
    submissions: submissions.length,
    drafts: drafts.length,
    abandoned: abandoned.slice(0, 20),
  }));
  const { lost, unexpected, ...rest } = data.verification;
  writeFileSync(
    join(reportDir, `${name}.json`),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        settings: data.settings,
        bursts: slim,
        verification: { ...rest, lost: lost.slice(0, 20), unexpected: unexpected.slice(0, 20) },
        extra: data.extra,
      },
      null,
      2,
    ),
  );
}
