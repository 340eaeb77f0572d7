/** Small timing helpers for the benchmarks: interleaved repetitions and medians. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export interface Case {
  name: string;
  /** Timed calls per round. */
  calls: number;
  run: () => Promise<unknown>;
}

/**
 * Runs every case `rounds` times, one after the other within each round, so that a slow period of
 * the machine affects every case alike. Returns the milliseconds of every call per case.
 */
export async function interleave(cases: readonly Case[], rounds: number): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      for (let i = 0; i < c.calls; i++) times.get(c.name)?.push(await timed(c.run));
    }
  }
  return times;
}

/** Completed calls per second of `work`, run by `concurrency` workers for `durationMs`. */
export async function throughput(work: (worker: number) => Promise<void>, concurrency: number, durationMs: number): Promise<number> {
  const start = performance.now();
  const end = start + durationMs;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < end) {
        await work(worker);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/** One result line: `BENCH <name> <value> <unit>`. */
export function report(name: string, value: number, unit: string): void {
  const rounded = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  console.log(`BENCH ${name} ${rounded} ${unit}`);
}

export function note(text: string): void {
  console.log(`# ${text}`);
}
