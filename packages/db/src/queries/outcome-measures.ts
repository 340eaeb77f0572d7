/**
 * Outcome measures: the catalogue, values per unit and period, links to questionnaire areas and
 * indicators, evidence notes and current-state descriptions. Every query filters by organizer.
 * numeric columns come back from pg as strings: converted here, so both drivers give numbers.
 */
import { sql } from 'kysely';
import type { Db } from '../create-database.ts';

function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export type MeasureDirectionValue = 'higher-is-better' | 'lower-is-better';

export interface StoredMeasure {
  id: string;
  name: string;
  definition: string;
  unitOfMeasure: string;
  source: string;
  direction: MeasureDirectionValue;
  scaleMin: number | null;
  scaleMax: number | null;
}

export interface MeasureInput {
  name: string;
  definition: string;
  unitOfMeasure: string;
  source: string;
  direction: MeasureDirectionValue;
  scaleMin: number | null;
  scaleMax: number | null;
}

export async function listOutcomeMeasures(db: Db, organizerId: string): Promise<StoredMeasure[]> {
  const rows = await db
    .selectFrom('outcome_measures')
    .select(['id', 'name', 'definition', 'unit_of_measure', 'source', 'direction', 'scale_min', 'scale_max'])
    .where('organizer_id', '=', organizerId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    definition: r.definition,
    unitOfMeasure: r.unit_of_measure,
    source: r.source,
    direction: r.direction,
    scaleMin: num(r.scale_min),
    scaleMax: num(r.scale_max),
  }));
}

function measureRow(m: MeasureInput) {
  return {
    name: m.name,
    definition: m.definition,
    unit_of_measure: m.unitOfMeasure,
    source: m.source,
    direction: m.direction,
    scale_min: m.scaleMin,
    scale_max: m.scaleMax,
  };
}

export async function insertOutcomeMeasure(db: Db, organizerId: string, m: MeasureInput): Promise<string> {
  const row = await db
    .insertInto('outcome_measures')
    .values({ organizer_id: organizerId, ...measureRow(m) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOutcomeMeasure(db: Db, organizerId: string, id: string, m: MeasureInput): Promise<boolean> {
  const r = await db
    .updateTable('outcome_measures')
    .set(measureRow(m))
    .where('organizer_id', '=', organizerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteOutcomeMeasure(db: Db, organizerId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('outcome_measures').where('organizer_id', '=', organizerId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The organizer's units as the import matches them (inactive ones too: old figures may concern them). */
export async function listOutcomeUnits(
  db: Db,
  organizerId: string,
): Promise<{ id: string; name: string; unitCode: string | null; active: boolean }[]> {
  const rows = await db
    .selectFrom('school_units')
    .select(['id', 'name', 'unit_code', 'active'])
    .where('organizer_id', '=', organizerId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, unitCode: r.unit_code, active: r.active }));
}

export interface OutcomeValueRow {
  measureId: string;
  schoolUnitId: string;
  period: string;
  periodOrder: number;
  value: number;
  n: number | null;
}

export interface ImportWrite {
  newMeasures: { name: string; unitOfMeasure: string; source: string }[];
  lines: {
    schoolUnitId: string;
    measure: { id: string } | { newName: string };
    period: string;
    periodOrder: number;
    value: number;
    n: number | null;
  }[];
}

/**
 * Writes an import in one transaction: creates the new measures, then inserts or updates one value
 * per (measure, unit, period), so importing the same file again updates and never duplicates.
 * Returns how many values were new and how many replaced an earlier value.
 */
export async function applyOutcomeImport(
  db: Db,
  organizerId: string,
  write: ImportWrite,
): Promise<{ inserted: number; updated: number; measuresCreated: number }> {
  return inTransaction(db, async (trx) => {
    const ids = new Map<string, string>();
    for (const m of write.newMeasures) {
      const id = await insertOutcomeMeasure(trx, organizerId, {
        name: m.name,
        definition: '',
        unitOfMeasure: m.unitOfMeasure,
        source: m.source,
        direction: 'higher-is-better',
        scaleMin: null,
        scaleMax: null,
      });
      ids.set(m.name.toLocaleLowerCase('sv-SE'), id);
    }
    const rows = write.lines.map((l) => ({
      organizer_id: organizerId,
      measure_id: 'id' in l.measure ? l.measure.id : (ids.get(l.measure.newName.toLocaleLowerCase('sv-SE')) as string),
      school_unit_id: l.schoolUnitId,
      period: l.period,
      period_order: l.periodOrder,
      value: l.value,
      n: l.n,
    }));
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const result = await trx
        .insertInto('outcome_values')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['organizer_id', 'measure_id', 'school_unit_id', 'period']).doUpdateSet({
            value: (eb) => eb.ref('excluded.value'),
            n: (eb) => eb.ref('excluded.n'),
            period_order: (eb) => eb.ref('excluded.period_order'),
            updated_at: sql<Date>`now()`,
          }),
        )
        // xmax = 0 only for a freshly inserted row: tells inserts from updates.
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      for (const r of result) {
        if (r.inserted) inserted++;
        else updated++;
      }
    }
    return { inserted, updated, measuresCreated: write.newMeasures.length };
  });
}

/** Values of the organizer, optionally of some units only, oldest period first. */
export async function listOutcomeValues(
  db: Db,
  organizerId: string,
  filter: { schoolUnitIds?: readonly string[] } = {},
): Promise<OutcomeValueRow[]> {
  let q = db
    .selectFrom('outcome_values')
    .select(['measure_id', 'school_unit_id', 'period', 'period_order', 'value', 'n'])
    .where('organizer_id', '=', organizerId);
  if (filter.schoolUnitIds) {
    if (filter.schoolUnitIds.length === 0) return [];
    q = q.where('school_unit_id', 'in', [...filter.schoolUnitIds]);
  }
  const rows = await q.orderBy('period_order').orderBy('measure_id').orderBy('school_unit_id').execute();
  return rows.map((r) => ({
    measureId: r.measure_id,
    schoolUnitId: r.school_unit_id,
    period: r.period,
    periodOrder: r.period_order,
    value: Number(r.value),
    n: r.n,
  }));
}

export async function countOutcomeValues(db: Db, organizerId: string): Promise<number> {
  const r = await db
    .selectFrom('outcome_values')
    .select((eb) => eb.fn.countAll<string>().as('c'))
    .where('organizer_id', '=', organizerId)
    .executeTakeFirstOrThrow();
  return Number(r.c);
}

export interface OutcomeLink {
  measureId: string;
  targetKind: 'area' | 'indicator';
  targetKey: string;
  schoolForm: string;
}

export async function listOutcomeLinks(db: Db, organizerId: string): Promise<OutcomeLink[]> {
  const rows = await db
    .selectFrom('outcome_links')
    .select(['measure_id', 'target_kind', 'target_key', 'school_form'])
    .where('organizer_id', '=', organizerId)
    .orderBy('school_form')
    .orderBy('target_key')
    .orderBy('measure_id')
    .execute();
  return rows.map((r) => ({ measureId: r.measure_id, targetKind: r.target_kind, targetKey: r.target_key, schoolForm: r.school_form }));
}

/** Replaces the measures linked to one area or indicator, in one transaction. */
export async function replaceOutcomeLinks(
  db: Db,
  organizerId: string,
  target: { targetKind: 'area' | 'indicator'; targetKey: string; schoolForm: string },
  measureIds: readonly string[],
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('outcome_links')
      .where('organizer_id', '=', organizerId)
      .where('target_kind', '=', target.targetKind)
      .where('target_key', '=', target.targetKey)
      .execute();
    if (measureIds.length === 0) return;
    await trx
      .insertInto('outcome_links')
      .values(
        [...new Set(measureIds)].map((measure_id) => ({
          organizer_id: organizerId,
          measure_id,
          target_kind: target.targetKind,
          target_key: target.targetKey,
          school_form: target.schoolForm,
        })),
      )
      .execute();
  });
}

// ---------------------------------------------------------------------------------------------
// Evidence notes

export type EvidenceNoteKind = 'observation' | 'intervju' | 'klagomal' | 'ovrigt';

export interface StoredEvidenceNote {
  id: string;
  schoolUnitId: string;
  roundId: string;
  kind: EvidenceNoteKind;
  title: string;
  body: string;
  areaKeys: string[];
  createdByName: string | null;
  updatedAt: Date;
}

export async function listEvidenceNotes(
  db: Db,
  organizerId: string,
  filter: { roundId: string; schoolUnitIds: readonly string[] },
): Promise<StoredEvidenceNote[]> {
  if (filter.schoolUnitIds.length === 0) return [];
  const rows = await db
    .selectFrom('evidence_notes as n')
    .leftJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'n.organizer_id').onRef('u.id', '=', 'n.created_by'))
    .select(['n.id', 'n.school_unit_id', 'n.round_id', 'n.kind', 'n.title', 'n.body', 'n.area_keys', 'n.updated_at', 'u.name as author'])
    .where('n.organizer_id', '=', organizerId)
    .where('n.round_id', '=', filter.roundId)
    .where('n.school_unit_id', 'in', [...filter.schoolUnitIds])
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    schoolUnitId: r.school_unit_id,
    roundId: r.round_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    areaKeys: r.area_keys,
    createdByName: r.author,
    updatedAt: r.updated_at,
  }));
}

export async function getEvidenceNote(db: Db, organizerId: string, id: string): Promise<{ schoolUnitId: string; roundId: string } | null> {
  const r = await db
    .selectFrom('evidence_notes')
    .select(['school_unit_id', 'round_id'])
    .where('organizer_id', '=', organizerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { schoolUnitId: r.school_unit_id, roundId: r.round_id } : null;
}

export interface EvidenceNoteInput {
  kind: EvidenceNoteKind;
  title: string;
  body: string;
  areaKeys: string[];
}

export async function insertEvidenceNote(
  db: Db,
  organizerId: string,
  note: EvidenceNoteInput & { schoolUnitId: string; roundId: string; createdBy: string },
): Promise<string> {
  const r = await db
    .insertInto('evidence_notes')
    .values({
      organizer_id: organizerId,
      school_unit_id: note.schoolUnitId,
      round_id: note.roundId,
      kind: note.kind,
      title: note.title,
      body: note.body,
      area_keys: JSON.stringify(note.areaKeys),
      created_by: note.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateEvidenceNote(db: Db, organizerId: string, id: string, note: EvidenceNoteInput): Promise<void> {
  await db
    .updateTable('evidence_notes')
    .set({ kind: note.kind, title: note.title, body: note.body, area_keys: JSON.stringify(note.areaKeys), updated_at: sql<Date>`now()` })
    .where('organizer_id', '=', organizerId)
    .where('id', '=', id)
    .execute();
}

export async function deleteEvidenceNote(db: Db, organizerId: string, id: string): Promise<void> {
  await db.deleteFrom('evidence_notes').where('organizer_id', '=', organizerId).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Current-state descriptions

export interface StoredCurrentState {
  id: string;
  parts: unknown[];
  revision: number;
  updatedAt: Date;
  updatedByName: string | null;
}

function scopeFilter(schoolUnitId: string | null) {
  return schoolUnitId === null ? sql<boolean>`cs.school_unit_id is null` : sql<boolean>`cs.school_unit_id = ${schoolUnitId}`;
}

export async function getCurrentState(
  db: Db,
  organizerId: string,
  roundId: string,
  schoolUnitId: string | null,
): Promise<StoredCurrentState | null> {
  const r = await db
    .selectFrom('current_state_reports as cs')
    .leftJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'cs.organizer_id').onRef('u.id', '=', 'cs.updated_by'))
    .select(['cs.id', 'cs.parts', 'cs.revision', 'cs.updated_at', 'u.name as author'])
    .where('cs.organizer_id', '=', organizerId)
    .where('cs.round_id', '=', roundId)
    .where(scopeFilter(schoolUnitId))
    .executeTakeFirst();
  return r ? { id: r.id, parts: r.parts, revision: r.revision, updatedAt: r.updated_at, updatedByName: r.author } : null;
}

/**
 * Saves the parts when the stored revision is `expectedRevision` (0: nothing stored yet) and
 * returns the new revision, or null when someone saved in between (nothing is written then).
 */
export async function saveCurrentState(
  db: Db,
  organizerId: string,
  input: { roundId: string; schoolUnitId: string | null; parts: unknown[]; expectedRevision: number; userId: string },
): Promise<number | null> {
  const parts = JSON.stringify(input.parts);
  if (input.expectedRevision === 0) {
    const r = await db
      .insertInto('current_state_reports')
      .values({ organizer_id: organizerId, round_id: input.roundId, school_unit_id: input.schoolUnitId, parts, updated_by: input.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('revision')
      .executeTakeFirst();
    return r ? r.revision : null;
  }
  const r = await db
    .updateTable('current_state_reports as cs')
    .set({ parts, revision: input.expectedRevision + 1, updated_by: input.userId, updated_at: sql<Date>`now()` })
    .where('cs.organizer_id', '=', organizerId)
    .where('cs.round_id', '=', input.roundId)
    .where(scopeFilter(input.schoolUnitId))
    .where('cs.revision', '=', input.expectedRevision)
    .returning('cs.revision')
    .executeTakeFirst();
  return r ? r.revision : null;
}

/** The newest questionnaire per school form among the organizer's rounds: what links are chosen from. */
export async function listRoundQuestionnaires(db: Db, organizerId: string): Promise<{ schoolForm: string; questionnaireId: string }[]> {
  const rows = await db
    .selectFrom('rounds as r')
    .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
    .select(['r.school_form', 'q.id', 'q.version', 'r.opens_on'])
    .where('r.organizer_id', '=', organizerId)
    .orderBy('r.school_form')
    .orderBy('r.opens_on', 'desc')
    .orderBy('q.version', 'desc')
    .execute();
  const byForm = new Map<string, string>();
  for (const r of rows) if (!byForm.has(r.school_form)) byForm.set(r.school_form, r.id);
  return [...byForm].map(([schoolForm, questionnaireId]) => ({ schoolForm, questionnaireId }));
}

/** The demo organizer's outcome data (db/seeds/demo/outcomes.ts), written inside its seeding transaction. */
export async function seedDemoOutcomes(
  db: Db,
  organizerId: string,
  outcomes: {
    measures: (MeasureInput & { key: string; links: { kind: 'area' | 'indicator'; key: string; schoolForm: string }[] })[];
    values: { measureKey: string; unitKey: string; period: string; periodOrder: number; value: number; n: number | null }[];
    notes: { unitKey: string; roundKey: string; kind: EvidenceNoteKind; title: string; body: string; areaKeys: string[] }[];
  },
  unitIds: ReadonlyMap<string, string>,
): Promise<void> {
  const measureIds = new Map<string, string>();
  for (const m of outcomes.measures) {
    const id = await insertOutcomeMeasure(db, organizerId, m);
    measureIds.set(m.key, id);
    for (const l of m.links) {
      await db
        .insertInto('outcome_links')
        .values({ organizer_id: organizerId, measure_id: id, target_kind: l.kind, target_key: l.key, school_form: l.schoolForm })
        .execute();
    }
  }
  const need = (map: ReadonlyMap<string, string>, key: string, what: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`Demodata: okänd ${what} ${key}`);
    return id;
  };
  if (outcomes.values.length > 0) {
    await db
      .insertInto('outcome_values')
      .values(
        outcomes.values.map((v) => ({
          organizer_id: organizerId,
          measure_id: need(measureIds, v.measureKey, 'mått'),
          school_unit_id: need(unitIds, v.unitKey, 'enhet'),
          period: v.period,
          period_order: v.periodOrder,
          value: v.value,
          n: v.n,
        })),
      )
      .execute();
  }
  for (const n of outcomes.notes) {
    const round = await db
      .selectFrom('rounds')
      .select('id')
      .where('organizer_id', '=', organizerId)
      .where('key', '=', n.roundKey)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('evidence_notes')
      .values({
        organizer_id: organizerId,
        school_unit_id: need(unitIds, n.unitKey, 'enhet'),
        round_id: round.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        area_keys: JSON.stringify(n.areaKeys),
        created_by: null,
      })
      .execute();
  }
}
