/**
 * A staff-meeting burst through the real HTTP API (node:http with keep-alive connections, which
 * costs the driver far less CPU than fetch; the server sees the same requests): simulated staff autosave their survey a few
 * times (survey.saveDraft, a client draft id and increasing revisions) and then submit
 * (survey.submit), exactly as the web app's requests look (JSON body, same Origin, the session
 * cookie). Journeys start at a paced rate; one whole school can start at once on top.
 *
 * A client retries a request that got no answer, a 5xx or a 429 with the same body (the same
 * draft id and revision, or the same submission) until `retryForMs` has passed, as the web app's
 * save queue does. Every acknowledged submission and draft revision is recorded for the checks.
 */

import { Agent, request } from 'node:http';

export interface StaffMember {
  userId: string;
  schoolUnitId: string;
  token: string;
}

export type Answer = number | 'vet-ej';

export interface AcknowledgedSubmission {
  userId: string;
  schoolUnitId: string;
  answers: Record<string, Answer>;
  comments: Record<string, string>;
}

export interface AcknowledgedDraft {
  userId: string;
  draftId: string;
  revision: number;
  answers: Record<string, Answer>;
  comments: Record<string, string>;
}

export interface BurstOptions {
  baseUrl: string;
  roundId: string;
  indicatorKeys: string[];
  areaKeys: string[];
  /** Staff taken in order for paced journeys. */
  staff: StaffMember[];
  /** A whole school that starts all at once at `wholeSchoolAtMs`. */
  wholeSchool?: StaffMember[];
  wholeSchoolAtMs?: number;
  submissionsPerSecond: number;
  durationMs: number;
  savesPerSubmit: number;
  /** Share of journeys that only autosave and leave a draft. */
  draftOnlyShare: number;
  /** At most this many journeys in flight; a journey that cannot start waits (it shows in the achieved rate). */
  maxInFlight: number;
  retryForMs: number;
  requestTimeoutMs?: number;
  seed?: number;
  /** Called about once a second. */
  onTick?: (elapsedMs: number, progress: BurstProgress) => void;
  /** Recognisable text put into every comment (for the log checks). */
  commentMarker?: string;
  cookieName?: string;
  /** Length of the windows `byWindow` reports, in ms (default 10 000). */
  windowMs?: number;
}

export interface BurstProgress {
  started: number;
  submitted: number;
  inFlight: number;
  failedAttempts: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface BurstResult {
  durationMs: number;
  /** From the first journey to the last answer (the window plus draining). */
  elapsedMs: number;
  journeysStarted: number;
  submissions: AcknowledgedSubmission[];
  drafts: AcknowledgedDraft[];
  /** Submissions acknowledged within the paced window, per second of the window. */
  submissionsPerSecond: number;
  requestsPerSecond: number;
  latency: { saveDraft: LatencySummary; submit: LatencySummary; all: LatencySummary };
  /** Latency of all requests by when they were sent, window by window: the start (warm-up, the whole school at once) beside the steady state. */
  byWindow: ({ fromS: number; toS: number } & LatencySummary)[];
  /** Attempts that got no answer, a 5xx or a 429 (each was retried). */
  failedAttempts: Record<string, number>;
  retries: number;
  /** Journeys whose request kept failing past `retryForMs`, or got a 4xx. */
  abandoned: { userId: string; kind: string; reason: string; revision?: number }[];
}

/** Mulberry32: small, seeded, good enough for test answers. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function summarize(values: number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

class Abandoned extends Error {}

class Timeout extends Error {}

function post(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Timeout('timeout')));
    req.on('error', fail);
    req.end(body);
  });
}

export async function runBurst(o: BurstOptions): Promise<BurstResult> {
  const random = prng(o.seed ?? 1);
  const cookieName = o.cookieName ?? 'kh_session';
  const timeout = o.requestTimeoutMs ?? 10_000;
  const latencies = { saveDraft: [] as number[], submit: [] as number[] };
  const windowMs = o.windowMs ?? 10_000;
  const byWindow: number[][] = [];
  const failedAttempts: Record<string, number> = {};
  const submissions: AcknowledgedSubmission[] = [];
  const drafts: AcknowledgedDraft[] = [];
  const abandoned: BurstResult['abandoned'] = [];
  let retries = 0;
  let submittedInWindow = 0;
  let requestsInWindow = 0;
  let inFlight = 0;
  let started = 0;
  let nextStaff = 0;
  let windowOpen = true;
  const t0 = performance.now();
  const running = new Set<Promise<void>>();
  const agent = new Agent({ keepAlive: true, maxSockets: o.maxInFlight + (o.wholeSchool?.length ?? 0) });

  const answerFor = (): Answer => (random() < 0.03 ? 'vet-ej' : 1 + Math.floor(random() * 4));

  async function call(kind: 'saveDraft' | 'submit', member: StaffMember, input: unknown): Promise<unknown> {
    const body = JSON.stringify(input);
    const giveUpAt = performance.now() + o.retryForMs;
    for (let attempt = 0; ; attempt++) {
      const sent = performance.now();
      let problem: string;
      try {
        const res = await post(
          agent,
          new URL(`${o.baseUrl}/trpc/survey.${kind}`),
          { 'content-type': 'application/json', origin: o.baseUrl, cookie: `${cookieName}=${member.token}` },
          body,
          timeout,
        );
        const text = res.text;
        if (res.status === 200) {
          const latency = performance.now() - sent;
          latencies[kind].push(latency);
          const w = Math.floor((sent - t0) / windowMs);
          const bucket = byWindow[w] ?? [];
          bucket.push(latency);
          byWindow[w] = bucket;
          if (windowOpen) requestsInWindow++;
          return (JSON.parse(text) as { result: { data: unknown } }).result.data;
        }
        if (res.status < 500 && res.status !== 429) throw new Abandoned(`HTTP ${res.status}: ${text.slice(0, 300)}`);
        problem = `HTTP ${res.status}`;
      } catch (error) {
        if (error instanceof Abandoned) throw error;
        problem = error instanceof Timeout ? 'timeout' : 'no connection';
      }
      failedAttempts[problem] = (failedAttempts[problem] ?? 0) + 1;
      if (performance.now() > giveUpAt) throw new Abandoned(`gave up after ${attempt + 1} attempts (${problem})`);
      retries++;
      const backoff = Math.min(1000, 50 * 2 ** Math.min(attempt, 5));
      await new Promise((r) => setTimeout(r, backoff / 2 + random() * backoff));
    }
  }

  async function journey(member: StaffMember, draftOnly: boolean): Promise<void> {
    const draftId = crypto.randomUUID();
    const final: Record<string, Answer> = {};
    for (const key of o.indicatorKeys) final[key] = answerFor();
    const areaKey = o.areaKeys[Math.floor(random() * o.areaKeys.length)] as string;
    const comments = { [areaKey]: `${o.commentMarker ?? 'Kommentar'} ${member.userId.slice(0, 8)}` };
    let acknowledged: AcknowledgedDraft | null = null;
    let step = 'saveDraft';
    let revision: number | undefined;
    try {
      for (let r = 1; r <= o.savesPerSubmit; r++) {
        // Autosave r of n: the first r/n of the indicators answered so far, the comment in the last one.
        const filled = Math.ceil((o.indicatorKeys.length * r) / o.savesPerSubmit);
        const answers = Object.fromEntries(o.indicatorKeys.slice(0, filled).map((k) => [k, final[k] as Answer]));
        const draftComments = r === o.savesPerSubmit ? comments : {};
        revision = r;
        const saved = (await call('saveDraft', member, {
          roundId: o.roundId,
          schoolUnitId: member.schoolUnitId,
          draftId,
          revision: r,
          answers,
          comments: draftComments,
        })) as { revision: number; draftId: string };
        if (saved.revision !== r || saved.draftId !== draftId) {
          throw new Abandoned(`saveDraft answered revision ${saved.revision} of draft ${saved.draftId} for revision ${r} of ${draftId}`);
        }
        acknowledged = { userId: member.userId, draftId, revision: r, answers, comments: draftComments };
      }
      if (draftOnly) {
        if (acknowledged) drafts.push(acknowledged);
        return;
      }
      step = 'submit';
      revision = undefined;
      await call('submit', member, { roundId: o.roundId, schoolUnitId: member.schoolUnitId, draftId, answers: final, comments });
      submissions.push({ userId: member.userId, schoolUnitId: member.schoolUnitId, answers: final, comments });
      if (windowOpen) submittedInWindow++;
    } catch (error) {
      if (!(error instanceof Abandoned)) throw error;
      if (acknowledged && step === 'saveDraft') drafts.push(acknowledged);
      abandoned.push({ userId: member.userId, kind: step, reason: error.message, ...(revision ? { revision } : {}) });
    }
  }

  function start(member: StaffMember, draftOnly: boolean) {
    started++;
    inFlight++;
    const p = journey(member, draftOnly).finally(() => {
      inFlight--;
      running.delete(p);
    });
    running.add(p);
  }

  let wholeSchoolStarted = !o.wholeSchool?.length;
  let lastTick = 0;
  let paced = 0;
  while (performance.now() - t0 < o.durationMs) {
    const elapsed = performance.now() - t0;
    if (!wholeSchoolStarted && elapsed >= (o.wholeSchoolAtMs ?? 0)) {
      wholeSchoolStarted = true;
      for (const member of o.wholeSchool ?? []) start(member, false);
    }
    // Submitting journeys at the target rate, plus the draft-only share on top.
    const due = Math.floor((elapsed / 1000) * o.submissionsPerSecond * (1 + o.draftOnlyShare));
    while (paced < due && inFlight < o.maxInFlight && nextStaff < o.staff.length) {
      const member = o.staff[nextStaff++] as StaffMember;
      paced++;
      start(member, random() < o.draftOnlyShare / (1 + o.draftOnlyShare));
    }
    if (elapsed - lastTick >= 1000) {
      lastTick = elapsed;
      o.onTick?.(elapsed, {
        started,
        submitted: submissions.length,
        inFlight,
        failedAttempts: Object.values(failedAttempts).reduce((a, b) => a + b, 0),
      });
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const pacedMs = performance.now() - t0;
  windowOpen = false;
  while (running.size > 0) await Promise.all([...running]);
  agent.destroy();
  const elapsedMs = performance.now() - t0;
  return {
    durationMs: pacedMs,
    elapsedMs,
    journeysStarted: started,
    submissions,
    drafts,
    submissionsPerSecond: Math.round((submittedInWindow / (pacedMs / 1000)) * 10) / 10,
    requestsPerSecond: Math.round((requestsInWindow / (pacedMs / 1000)) * 10) / 10,
    latency: {
      saveDraft: summarize(latencies.saveDraft),
      submit: summarize(latencies.submit),
      all: summarize([...latencies.saveDraft, ...latencies.submit]),
    },
    byWindow: Array.from(byWindow, (values, w) => ({
      fromS: (w * windowMs) / 1000,
      toS: ((w + 1) * windowMs) / 1000,
      ...summarize(values ?? []),
    })),
    failedAttempts,
    retries,
    abandoned,
  };
}
