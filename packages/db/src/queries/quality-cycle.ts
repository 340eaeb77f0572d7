/**
 * The quality cycle's plans: findings taken into the analysis, revisioned texts, priorities with
 * their indicators and targets, and activities. Every query filters by the organizer.
 */
import { sql } from 'kysely';
import type { Db } from '../create-database.ts';
import type { IsoDate } from '../schema.ts';

/** Runs `fn` in a transaction, or in the caller's when there already is one (e.g. the demo seeding). */
function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export interface QualityPlanRow {
  id: string;
  roundId: string;
  schoolUnitId: string | null;
}

/** The plan of a unit (or the organizer, unit null) in a round, or null when none is started. */
export async function findQualityPlan(
  db: Db,
  organizerId: string,
  roundId: string,
  schoolUnitId: string | null,
): Promise<QualityPlanRow | null> {
  let q = db
    .selectFrom('quality_plans')
    .select(['id', 'round_id', 'school_unit_id'])
    .where('organizer_id', '=', organizerId)
    .where('round_id', '=', roundId);
  q = schoolUnitId === null ? q.where('school_unit_id', 'is', null) : q.where('school_unit_id', '=', schoolUnitId);
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, roundId: row.round_id, schoolUnitId: row.school_unit_id } : null;
}

/** The plan, created when missing (two callers at once get the same plan). */
export async function ensureQualityPlan(
  db: Db,
  organizerId: string,
  roundId: string,
  schoolUnitId: string | null,
): Promise<QualityPlanRow> {
  const found = await findQualityPlan(db, organizerId, roundId, schoolUnitId);
  if (found) return found;
  await db
    .insertInto('quality_plans')
    .values({ organizer_id: organizerId, round_id: roundId, school_unit_id: schoolUnitId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const created = await findQualityPlan(db, organizerId, roundId, schoolUnitId);
  if (!created) throw new Error('quality plan was not created');
  return created;
}

/** Plans of the organizer in the given rounds (unit plans and the organizer's own). */
export async function listQualityPlans(db: Db, organizerId: string, roundIds: readonly string[]): Promise<QualityPlanRow[]> {
  if (roundIds.length === 0) return [];
  const rows = await db
    .selectFrom('quality_plans')
    .select(['id', 'round_id', 'school_unit_id'])
    .where('organizer_id', '=', organizerId)
    .where('round_id', 'in', roundIds)
    .execute();
  return rows.map((r) => ({ id: r.id, roundId: r.round_id, schoolUnitId: r.school_unit_id }));
}

// ---------------------------------------------------------------------------------------------
// Findings taken into the analysis

export interface QualityFindingRow {
  id: string;
  planId: string;
  kind: 'strength' | 'weakness' | 'disagreement';
  reference: string | null;
  indicatorKey: string;
  areaKey: string;
  snapshot: Record<string, unknown>;
  takenAt: Date;
}

export async function listQualityFindings(db: Db, organizerId: string, planIds: readonly string[]): Promise<QualityFindingRow[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('quality_findings')
    .select(['id', 'plan_id', 'kind', 'reference', 'indicator_key', 'area_key', 'snapshot', 'taken_at'])
    .where('organizer_id', '=', organizerId)
    .where('plan_id', 'in', planIds)
    .orderBy('taken_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    kind: r.kind,
    reference: r.reference === '' ? null : r.reference,
    indicatorKey: r.indicator_key,
    areaKey: r.area_key,
    snapshot: (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as Record<string, unknown>,
    takenAt: r.taken_at,
  }));
}

/** Takes a finding into the plan; taking the same finding again keeps the first snapshot. Returns its id. */
export async function insertQualityFinding(
  db: Db,
  organizerId: string,
  input: {
    planId: string;
    kind: QualityFindingRow['kind'];
    reference: string | null;
    indicatorKey: string;
    areaKey: string;
    snapshot: Record<string, unknown>;
    takenBy: string;
  },
): Promise<{ id: string; created: boolean }> {
  const reference = (input.reference ?? '') as '' | 'own-average' | 'organizer' | 'previous-round';
  const inserted = await db
    .insertInto('quality_findings')
    .values({
      organizer_id: organizerId,
      plan_id: input.planId,
      kind: input.kind,
      reference,
      indicator_key: input.indicatorKey,
      area_key: input.areaKey,
      snapshot: JSON.stringify(input.snapshot),
      taken_by: input.takenBy,
    })
    .onConflict((oc) => oc.columns(['organizer_id', 'plan_id', 'indicator_key', 'kind', 'reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('quality_findings')
    .select('id')
    .where('organizer_id', '=', organizerId)
    .where('plan_id', '=', input.planId)
    .where('indicator_key', '=', input.indicatorKey)
    .where('kind', '=', input.kind)
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** Removes a finding from the plan, with its cause text. True when something was removed. */
export async function deleteQualityFinding(db: Db, organizerId: string, planId: string, findingId: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('quality_texts')
      .where('organizer_id', '=', organizerId)
      .where('plan_id', '=', planId)
      .where('doc_key', '=', `cause:${findingId}`)
      .execute();
    const r = await trx
      .deleteFrom('quality_findings')
      .where('organizer_id', '=', organizerId)
      .where('plan_id', '=', planId)
      .where('id', '=', findingId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  });
}

// ---------------------------------------------------------------------------------------------
// Revisioned texts

export interface QualityTextRow {
  planId: string;
  docKey: string;
  body: string;
  revision: number;
  updatedByName: string | null;
  updatedAt: Date;
}

export async function listQualityTexts(db: Db, organizerId: string, planIds: readonly string[]): Promise<QualityTextRow[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('quality_texts as t')
    .leftJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 't.organizer_id').onRef('u.id', '=', 't.updated_by'))
    .select(['t.plan_id', 't.doc_key', 't.body', 't.revision', 't.updated_at', 'u.name as updated_by_name'])
    .where('t.organizer_id', '=', organizerId)
    .where('t.plan_id', 'in', planIds)
    .execute();
  return rows.map((r) => ({
    planId: r.plan_id,
    docKey: r.doc_key,
    body: r.body,
    revision: r.revision,
    updatedByName: r.updated_by_name,
    updatedAt: r.updated_at,
  }));
}

export type SaveTextResult =
  | { ok: true; revision: number; updatedAt: Date }
  | { ok: false; current: { body: string; revision: number; updatedByName: string | null; updatedAt: Date } };

/**
 * Saves a text only when it is still at the revision the writer started from (0 = never saved).
 * Otherwise nothing changes and the stored text comes back, so the caller can show both.
 */
export async function saveQualityText(
  db: Db,
  organizerId: string,
  input: { planId: string; docKey: string; body: string; baseRevision: number; userId: string; now: Date },
): Promise<SaveTextResult> {
  const { planId, docKey, body, baseRevision, userId, now } = input;
  const written =
    baseRevision === 0
      ? await db
          .insertInto('quality_texts')
          .values({ organizer_id: organizerId, plan_id: planId, doc_key: docKey, body, revision: 1, updated_by: userId, updated_at: now })
          .onConflict((oc) => oc.columns(['organizer_id', 'plan_id', 'doc_key']).doNothing())
          .returning(['revision', 'updated_at'])
          .executeTakeFirst()
      : await db
          .updateTable('quality_texts')
          .set({ body, revision: sql<number>`revision + 1`, updated_by: userId, updated_at: now })
          .where('organizer_id', '=', organizerId)
          .where('plan_id', '=', planId)
          .where('doc_key', '=', docKey)
          .where('revision', '=', baseRevision)
          .returning(['revision', 'updated_at'])
          .executeTakeFirst();
  if (written) return { ok: true, revision: written.revision, updatedAt: written.updated_at };
  const current = (await listQualityTexts(db, organizerId, [planId])).find((t) => t.docKey === docKey);
  return {
    ok: false,
    current: current
      ? { body: current.body, revision: current.revision, updatedByName: current.updatedByName, updatedAt: current.updatedAt }
      : { body: '', revision: 0, updatedByName: null, updatedAt: now },
  };
}

// ---------------------------------------------------------------------------------------------
// Priorities

export interface QualityPriorityRow {
  id: string;
  planId: string;
  title: string;
  reason: string;
  goal: string;
  position: number;
  originPriorityId: string | null;
  organizerPriorityId: string | null;
  indicators: { indicatorKey: string; areaKey: string; targetMean: number | null }[];
}

export async function listQualityPriorities(db: Db, organizerId: string, planIds: readonly string[]): Promise<QualityPriorityRow[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('quality_priorities')
    .select(['id', 'plan_id', 'title', 'reason', 'goal', 'position', 'origin_priority_id', 'organizer_priority_id'])
    .where('organizer_id', '=', organizerId)
    .where('plan_id', 'in', planIds)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => r.id);
  const links =
    ids.length === 0
      ? []
      : await db
          .selectFrom('quality_priority_indicators')
          .select(['priority_id', 'indicator_key', 'area_key', 'target_mean'])
          .where('organizer_id', '=', organizerId)
          .where('priority_id', 'in', ids)
          .orderBy('indicator_key')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    title: r.title,
    reason: r.reason,
    goal: r.goal,
    position: r.position,
    originPriorityId: r.origin_priority_id,
    organizerPriorityId: r.organizer_priority_id,
    indicators: links
      .filter((l) => l.priority_id === r.id)
      .map((l) => ({
        indicatorKey: l.indicator_key,
        areaKey: l.area_key,
        targetMean: l.target_mean === null ? null : Number(l.target_mean),
      })),
  }));
}

export interface QualityPriorityInput {
  title: string;
  reason: string;
  goal: string;
  organizerPriorityId: string | null;
  indicators: { indicatorKey: string; areaKey: string; targetMean: number | null }[];
}

export async function insertQualityPriority(
  db: Db,
  organizerId: string,
  planId: string,
  input: QualityPriorityInput & { originPriorityId?: string | null },
  now: Date,
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const max = await trx
      .selectFrom('quality_priorities')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('organizer_id', '=', organizerId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('quality_priorities')
      .values({
        organizer_id: organizerId,
        plan_id: planId,
        title: input.title,
        reason: input.reason,
        goal: input.goal,
        position: Number(max?.max ?? 0) + 1,
        origin_priority_id: input.originPriorityId ?? null,
        organizer_priority_id: input.organizerPriorityId,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.indicators.length > 0) {
      await trx
        .insertInto('quality_priority_indicators')
        .values(
          input.indicators.map((i) => ({
            organizer_id: organizerId,
            priority_id: row.id,
            indicator_key: i.indicatorKey,
            area_key: i.areaKey,
            target_mean: i.targetMean,
          })),
        )
        .execute();
    }
    return row.id;
  });
}

export async function updateQualityPriority(
  db: Db,
  organizerId: string,
  priorityId: string,
  input: QualityPriorityInput,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('quality_priorities')
      .set({
        title: input.title,
        reason: input.reason,
        goal: input.goal,
        organizer_priority_id: input.organizerPriorityId,
        updated_at: now,
      })
      .where('organizer_id', '=', organizerId)
      .where('id', '=', priorityId)
      .execute();
    await trx
      .deleteFrom('quality_priority_indicators')
      .where('organizer_id', '=', organizerId)
      .where('priority_id', '=', priorityId)
      .execute();
    if (input.indicators.length > 0) {
      await trx
        .insertInto('quality_priority_indicators')
        .values(
          input.indicators.map((i) => ({
            organizer_id: organizerId,
            priority_id: priorityId,
            indicator_key: i.indicatorKey,
            area_key: i.areaKey,
            target_mean: i.targetMean,
          })),
        )
        .execute();
    }
  });
}

export async function deleteQualityPriority(db: Db, organizerId: string, planId: string, priorityId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('quality_texts')
      .where('organizer_id', '=', organizerId)
      .where('plan_id', '=', planId)
      .where('doc_key', '=', `evaluation:${priorityId}`)
      .execute();
    await trx.deleteFrom('quality_priorities').where('organizer_id', '=', organizerId).where('id', '=', priorityId).execute();
  });
}

/** A priority and the plan it belongs to, or null. */
export async function findQualityPriority(
  db: Db,
  organizerId: string,
  priorityId: string,
): Promise<{ id: string; plan: QualityPlanRow } | null> {
  const row = await db
    .selectFrom('quality_priorities as p')
    .innerJoin('quality_plans as pl', (j) => j.onRef('pl.organizer_id', '=', 'p.organizer_id').onRef('pl.id', '=', 'p.plan_id'))
    .select(['p.id', 'pl.id as plan_id', 'pl.round_id', 'pl.school_unit_id'])
    .where('p.organizer_id', '=', organizerId)
    .where('p.id', '=', priorityId)
    .executeTakeFirst();
  return row ? { id: row.id, plan: { id: row.plan_id, roundId: row.round_id, schoolUnitId: row.school_unit_id } } : null;
}

// ---------------------------------------------------------------------------------------------
// Activities

export interface QualityActivityRow {
  id: string;
  priorityId: string;
  title: string;
  responsible: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  resources: string;
  expectedEffect: string;
  followUp: string;
  status: 'planned' | 'ongoing' | 'done' | 'cancelled';
}

export type QualityActivityInput = Omit<QualityActivityRow, 'id' | 'priorityId'>;

export async function listQualityActivities(db: Db, organizerId: string, priorityIds: readonly string[]): Promise<QualityActivityRow[]> {
  if (priorityIds.length === 0) return [];
  const rows = await db
    .selectFrom('quality_activities')
    .select(['id', 'priority_id', 'title', 'responsible', 'starts_on', 'ends_on', 'resources', 'expected_effect', 'follow_up', 'status'])
    .where('organizer_id', '=', organizerId)
    .where('priority_id', 'in', priorityIds)
    .orderBy('starts_on')
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    priorityId: r.priority_id,
    title: r.title,
    responsible: r.responsible,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    resources: r.resources,
    expectedEffect: r.expected_effect,
    followUp: r.follow_up,
    status: r.status,
  }));
}

function activityColumns(input: QualityActivityInput) {
  return {
    title: input.title,
    responsible: input.responsible,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    resources: input.resources,
    expected_effect: input.expectedEffect,
    follow_up: input.followUp,
    status: input.status,
  };
}

export async function insertQualityActivity(db: Db, organizerId: string, priorityId: string, input: QualityActivityInput): Promise<string> {
  const row = await db
    .insertInto('quality_activities')
    .values({ organizer_id: organizerId, priority_id: priorityId, position: 0, ...activityColumns(input) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateQualityActivity(db: Db, organizerId: string, activityId: string, input: QualityActivityInput): Promise<void> {
  await db
    .updateTable('quality_activities')
    .set(activityColumns(input))
    .where('organizer_id', '=', organizerId)
    .where('id', '=', activityId)
    .execute();
}

export async function deleteQualityActivity(db: Db, organizerId: string, activityId: string): Promise<void> {
  await db.deleteFrom('quality_activities').where('organizer_id', '=', organizerId).where('id', '=', activityId).execute();
}

/** An activity and its priority's id, or null. */
export async function findQualityActivity(
  db: Db,
  organizerId: string,
  activityId: string,
): Promise<{ id: string; priorityId: string } | null> {
  const row = await db
    .selectFrom('quality_activities')
    .select(['id', 'priority_id'])
    .where('organizer_id', '=', organizerId)
    .where('id', '=', activityId)
    .executeTakeFirst();
  return row ? { id: row.id, priorityId: row.priority_id } : null;
}

// ---------------------------------------------------------------------------------------------
// Demo data

export interface DemoQualityCycleInput {
  plans: {
    roundKey: string;
    unitKey: string | null;
    analysis: string;
    priorities: {
      key: string;
      title: string;
      reason: string;
      goal: string;
      organizerPriorityKey: string | null;
      indicators: { indicatorKey: string; areaKey: string; targetMean: number | null }[];
      activities: QualityActivityInput[];
    }[];
  }[];
}

/** Writes the demo plans of a newly seeded organizer (the organizer's own plans first, so units can link to them). */
export async function seedDemoQualityCycle(
  db: Db,
  organizerId: string,
  data: DemoQualityCycleInput,
  unitIds: ReadonlyMap<string, string>,
): Promise<void> {
  const rounds = await db.selectFrom('rounds').select(['id', 'key']).where('organizer_id', '=', organizerId).execute();
  const roundIds = new Map(rounds.map((r) => [r.key, r.id]));
  const priorityIds = new Map<string, string>();
  const ordered = [...data.plans].sort((a, b) => Number(a.unitKey !== null) - Number(b.unitKey !== null));
  const now = new Date();
  for (const plan of ordered) {
    const roundId = roundIds.get(plan.roundKey);
    const unitId = plan.unitKey === null ? null : unitIds.get(plan.unitKey);
    if (!roundId || unitId === undefined) continue;
    const { id: planId } = await ensureQualityPlan(db, organizerId, roundId, unitId);
    await db
      .insertInto('quality_texts')
      .values({
        organizer_id: organizerId,
        plan_id: planId,
        doc_key: 'analysis',
        body: plan.analysis,
        revision: 1,
        updated_by: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['organizer_id', 'plan_id', 'doc_key']).doNothing())
      .execute();
    for (const p of plan.priorities) {
      const id = await insertQualityPriority(
        db,
        organizerId,
        planId,
        {
          title: p.title,
          reason: p.reason,
          goal: p.goal,
          organizerPriorityId: p.organizerPriorityKey ? (priorityIds.get(p.organizerPriorityKey) ?? null) : null,
          indicators: p.indicators,
        },
        now,
      );
      priorityIds.set(p.key, id);
      for (const a of p.activities) await insertQualityActivity(db, organizerId, id, a);
    }
  }
}
