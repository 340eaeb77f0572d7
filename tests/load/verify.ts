/**
 * After a burst: what the clients were told must be exactly what the database holds.
 * - every acknowledged submission is stored exactly once (a participation, one response with all
 *   its answers and comment), and nothing else is;
 * - the stored answers, per unit and indicator, equal those the clients submitted;
 * - every draft-only person's stored draft is the last revision acknowledged to them, with its content;
 * - submitted people have no draft left;
 * - the dashboards' totals equal a recompute from the raw answers.
 * Journeys abandoned mid-request (a client gave up) may or may not have been stored; they are
 * listed, and the checks accept either for those people only.
 */
import {
  answerFiguresPerUnit,
  checkTotals,
  countResponsesByAnswerCount,
  countSubmissionsPerUnit,
  type Db,
  listParticipantIds,
  listRoundDrafts,
} from '@kvalitetshjulet/db';
import type { BurstResult } from './driver.ts';

export interface Verification {
  acknowledged: number;
  stored: number;
  /** Acknowledged but not stored. */
  lost: string[];
  /** Stored but never acknowledged (and not abandoned). */
  unexpected: string[];
  /** Units where responses, participations or comments differ from the acknowledged ones. */
  unitMismatches: { schoolUnitId: string; expected: number; participations: number; responses: number; areaComments: number }[];
  /** Responses with another number of answers than a full submission has. */
  tornResponses: number;
  /** Unit × indicator figures that differ from the acknowledged answers. */
  figureMismatches: number;
  draftsChecked: number;
  /** Draft-only people whose stored draft is not their last acknowledged revision. */
  lostDraftRevisions: { userId: string; acknowledged: number; stored: number | null }[];
  /** Submitted people that still have a draft. */
  leftoverDrafts: number;
  totalsCompared: number;
  totalsOk: boolean;
}

export async function verifyBurst(
  db: Db,
  o: { organizerId: string; roundId: string; indicatorIds: Map<string, string>; results: BurstResult[] },
): Promise<Verification> {
  const submissions = o.results.flatMap((r) => r.submissions);
  const acknowledgedDrafts = new Map(o.results.flatMap((r) => r.drafts).map((d) => [d.userId, d]));
  const abandoned = new Set(o.results.flatMap((r) => r.abandoned.map((a) => a.userId)));
  const submitted = new Set(submissions.map((s) => s.userId));

  const participants = new Set(await listParticipantIds(db, o.organizerId, o.roundId));
  const lost = [...submitted].filter((u) => !participants.has(u));
  const unexpected = [...participants].filter((u) => !submitted.has(u) && !abandoned.has(u));

  const expectedPerUnit = new Map<string, number>();
  for (const s of submissions) expectedPerUnit.set(s.schoolUnitId, (expectedPerUnit.get(s.schoolUnitId) ?? 0) + 1);
  const anyAbandonedSubmit = o.results.some((r) => r.abandoned.some((a) => a.kind === 'submit'));
  const unitMismatches = (await countSubmissionsPerUnit(db, o.organizerId, o.roundId))
    .map((u) => ({ ...u, expected: expectedPerUnit.get(u.schoolUnitId) ?? 0 }))
    .filter(
      (u) =>
        u.responses !== u.participations ||
        u.areaComments !== u.responses ||
        (!anyAbandonedSubmit && u.participations !== u.expected) ||
        u.participations < u.expected,
    );

  const fullCount = o.indicatorIds.size;
  const torn = (await countResponsesByAnswerCount(db, o.organizerId, o.roundId))
    .filter((r) => r.answers !== fullCount)
    .reduce((n, r) => n + r.responses, 0);

  // Figures: only comparable exactly when no submission is in doubt.
  let figureMismatches = 0;
  if (!anyAbandonedSubmit) {
    const expected = new Map<string, { n: number; sum: number; dontKnow: number }>();
    for (const s of submissions) {
      for (const [key, value] of Object.entries(s.answers)) {
        const id = `${s.schoolUnitId}/${o.indicatorIds.get(key)}`;
        const f = expected.get(id) ?? { n: 0, sum: 0, dontKnow: 0 };
        if (value === 'vet-ej') f.dontKnow++;
        else {
          f.n++;
          f.sum += value;
        }
        expected.set(id, f);
      }
    }
    const stored = await answerFiguresPerUnit(db, o.organizerId, o.roundId);
    const seen = new Set<string>();
    for (const f of stored) {
      const id = `${f.schoolUnitId}/${f.indicatorId}`;
      seen.add(id);
      const e = expected.get(id);
      if (!e || e.n !== f.n || e.sum !== f.sum || e.dontKnow !== f.dontKnow) figureMismatches++;
    }
    for (const id of expected.keys()) if (!seen.has(id)) figureMismatches++;
  }

  const storedDrafts = new Map((await listRoundDrafts(db, o.organizerId, o.roundId)).map((d) => [d.userId, d]));
  const lostDraftRevisions: Verification['lostDraftRevisions'] = [];
  for (const [userId, ack] of acknowledgedDrafts) {
    if (submitted.has(userId)) continue;
    const stored = storedDrafts.get(userId);
    const sameContent =
      stored &&
      stored.id === ack.draftId &&
      JSON.stringify(sortKeys(stored.answers)) === JSON.stringify(sortKeys(ack.answers)) &&
      JSON.stringify(sortKeys(stored.comments)) === JSON.stringify(sortKeys(ack.comments));
    // A person who gave up mid-save may have a newer revision stored than the last one acknowledged.
    const ok = stored && (stored.revision === ack.revision ? sameContent : abandoned.has(userId) && stored.revision > ack.revision);
    if (!ok) lostDraftRevisions.push({ userId, acknowledged: ack.revision, stored: stored?.revision ?? null });
  }
  const leftoverDrafts = [...submitted].filter((u) => storedDrafts.has(u)).length;

  const totals = await checkTotals(db, o.organizerId);
  return {
    acknowledged: submitted.size,
    stored: participants.size,
    lost,
    unexpected,
    unitMismatches,
    tornResponses: torn,
    figureMismatches,
    draftsChecked: [...acknowledgedDrafts.keys()].filter((u) => !submitted.has(u)).length,
    lostDraftRevisions,
    leftoverDrafts,
    totalsCompared: totals.compared,
    totalsOk: totals.ok,
  };
}

function sortKeys(record: Record<string, unknown>): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/** The verification as one line per fact, for the test output and docs/reliability.md. */
export function describeVerification(v: Verification): string {
  return [
    `acknowledged submissions ${v.acknowledged}, stored ${v.stored}, lost ${v.lost.length}, unexpected ${v.unexpected.length}`,
    `units with mismatching counts ${v.unitMismatches.length}, torn responses ${v.tornResponses}, figure mismatches ${v.figureMismatches}`,
    `draft-only people checked ${v.draftsChecked}, lost draft revisions ${v.lostDraftRevisions.length}, leftover drafts ${v.leftoverDrafts}`,
    `totals: ${v.totalsCompared} group × indicator figures compared, ${v.totalsOk ? 'all equal to a recompute' : 'MISMATCH'}`,
  ].join('\n');
}
