/**
 * Fixtures of the authorisation matrix, shared with the bad-input test: the unit, team and rounds each
 * role × scenario is about, and the things a row's input needs (new rounds, scratch units and people,
 * questionnaire drafts), made through the procedures themselves.
 */
import type { Db } from '@kvalitetshjulet/db';
import { TEST_TODAY } from '@kvalitetshjulet/db/testing';
import type { SchoolForm } from '@kvalitetshjulet/domain';
import { asEdited, callerAs, type TestCaller } from '../testing.ts';
import type { EditedQuestionnaire } from '../use-cases/questionnaires.ts';
import { type MatrixFixtures, measureInput, type Role, type Scenario, type Target } from './authorization-matrix.ts';
import { loadWorld, type World } from './world.ts';

export interface MatrixSetup {
  world: World;
  fx: MatrixFixtures;
  targetFor(role: Role, scenario: Scenario): Target;
  /** Fixtures made through perRow are shared within one row (procedure path); set it before each row. */
  setRow(path: string): void;
  as(name: string | null): Promise<TestCaller['caller']>;
}

/** Adds an organizer-level administrator to the other demo organizer and builds the fixtures on `db`. */
export async function createMatrixSetup(db: Db): Promise<MatrixSetup> {
  const t = { db };
  let world: World;
  let currentPath = '';
  const rowCache = new Map<string, Promise<unknown>>();
  const targets = new Map<string, Target>();
  /** An organizer-level administrator of the other organizer (the demo one has only a rektor), for its fixtures. */
  const OTHER_EDITOR = 'Bo Bäckström';

  const as = async function as(name: string | null): Promise<TestCaller['caller']> {
    return (await callerAs(t.db, name ?? undefined)).caller;
  };

  const target = function target(organizerKey: Target['organizerKey'], unitName: string, teamName: string): Target {
    const o = world.byKey[organizerKey];
    const unit = o.units.find((u) => u.name === unitName);
    const team = o.teams.find((x) => x.unitId === unit?.id && x.name === teamName);
    if (!unit || !team) throw new Error(`No ${unitName} / ${teamName}`);
    const schoolForm = team.schoolForm as SchoolForm;
    const closed = o.rounds.filter((r) => r.closed && r.schoolForm === schoolForm && r.unitIds.includes(unit.id)).at(-1);
    if (!closed) throw new Error(`No closed round for ${unitName}`);
    return { organizerKey, unitId: unit.id, teamId: team.id, schoolForm, closedRoundId: closed.id };
  };

  const targetFor = function targetFor(role: Role, scenario: Scenario): Target {
    const key = `${role}/${scenario}`;
    const cached = targets.get(key);
    if (cached) return cached;
    const made =
      scenario === 'otherOrganizer'
        ? target('backaskolan', 'Bäckaskolan', 'Arbetslag 1–9')
        : role === 'staff'
          ? scenario === 'ownUnit'
            ? target('exempelstad', 'Solrosens förskola', 'Avdelning Blåsippan')
            : target('exempelstad', 'Ekorrens förskola', 'Avdelning Kotten')
          : role === 'teamLead'
            ? target('exempelstad', scenario === 'ownUnit' ? 'Ekbackens skola' : 'Sjöviksskolan', 'Arbetslag 4–6')
            : target('exempelstad', scenario === 'ownUnit' ? 'Ekbackens skola' : 'Sjöviksskolan', 'Arbetslag 1–3');
    targets.set(key, made);
    return made;
  };

  const editorOf = function editorOf(target: Target) {
    return as(target.organizerKey === 'exempelstad' ? 'Maria Svensson' : OTHER_EDITOR);
  };

  const other = await t.db.selectFrom('organizers').select('id').where('key', '=', 'backaskolan').executeTakeFirstOrThrow();
  const bo = await t.db
    .insertInto('users')
    .values({ organizer_id: other.id, key: 'bo-backstrom', name: OTHER_EDITOR, email: 'bo@backaskolan.example' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('role_assignments')
    .values([
      { organizer_id: other.id, user_id: bo.id, role: 'organizer' },
      { organizer_id: other.id, user_id: bo.id, role: 'admin' },
    ])
    .execute();
  world = await loadWorld(t.db);

  let counter = 0;
  let csv: string | undefined;
  /** Within one row, the fixtures of a target are made once and shared by the roles asking about it. */
  const perRow = <T>(name: string, target: Target, make: () => Promise<T>): Promise<T> => {
    const key = `${currentPath}|${name}|${target.unitId}`;
    const cached = rowCache.get(key) as Promise<T> | undefined;
    if (cached) return cached;
    const made = make();
    rowCache.set(key, made);
    return made;
  };
  const openSolo = async (target: Target) => {
    const opener = await as(target.organizerKey === 'exempelstad' ? 'Maria Svensson' : 'Per Bäck');
    const { id } = await opener.rounds.open({
      name: fx.unique('Matrisomgång'),
      schoolForm: target.schoolForm,
      unitIds: [target.unitId],
      opensOn: TEST_TODAY,
      closesOn: '2026-12-20',
    });
    return id;
  };
  const ownPublished = new Map<string, string>();
  const drafts = new Map<string, { id: string; edited: EditedQuestionnaire }>();
  const standard = async (schoolForm: string) =>
    (
      await t.db
        .selectFrom('questionnaires')
        .select('id')
        .where('organizer_id', 'is', null)
        .where('school_form', '=', schoolForm)
        .where('status', '=', 'published')
        .orderBy('version', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  /** The last new priority per unit: removed before the next, so the plan stays under its limit of priorities. */
  const lastNewPriority = new Map<string, string>();
  const newPriority = async (target: Target) => {
    const editor = await editorOf(target);
    const previous = lastNewPriority.get(target.unitId);
    if (previous) await editor.qualityCycle.deletePriority({ priorityId: previous }).catch(() => undefined);
    const { priorityId } = await editor.qualityCycle.savePriority({
      roundId: target.closedRoundId,
      schoolUnitId: target.unitId,
      title: fx.unique('Matrisprioritering'),
      reason: '',
      goal: '',
      indicators: [{ indicatorKey: await fx.indicatorKey(target.closedRoundId), targetMean: 3 }],
    });
    lastNewPriority.set(target.unitId, priorityId);
    return priorityId;
  };
  const fx: MatrixFixtures = {
    finding: (target) =>
      perRow('finding', target, async () => {
        const editor = await editorOf(target);
        const { findings } = await editor.results.findings({ roundId: target.closedRoundId, schoolUnitId: target.unitId });
        const first = findings[0];
        if (!first) throw new Error(`No finding for ${target.unitId} in ${target.closedRoundId}`);
        return { kind: first.kind, reference: first.reference ?? null, indicatorKey: first.indicatorKey };
      }),
    async takenFinding(target) {
      const editor = await editorOf(target);
      const scope = { roundId: target.closedRoundId, schoolUnitId: target.unitId };
      return (await editor.qualityCycle.takeFinding({ ...scope, ...(await fx.finding(target)) })).findingId;
    },
    priority: (target, options) => (options?.fresh ? newPriority(target) : perRow('priority', target, () => newPriority(target))),
    async activity(target) {
      const editor = await editorOf(target);
      const { activityId } = await editor.qualityCycle.saveActivity({
        priorityId: await fx.priority(target),
        title: fx.unique('Matrisaktivitet'),
        responsible: '',
        startsOn: '2027-01-15',
        endsOn: '2027-02-15',
        resources: '',
        expectedEffect: '',
        followUp: '',
        status: 'planned',
      });
      return activityId;
    },
    async areaKey(roundId) {
      const row = await t.db
        .selectFrom('rounds as r')
        .innerJoin('areas as a', 'a.questionnaire_id', 'r.questionnaire_id')
        .select('a.key')
        .where('r.id', '=', roundId)
        .orderBy('a.position')
        .executeTakeFirstOrThrow();
      return row.key;
    },
    async measure(target) {
      const editor = await editorOf(target);
      return (await editor.outcomeMeasures.saveMeasure(measureInput(fx.unique('Matrismått')))).id;
    },
    async currentStateRevision(target) {
      const editor = await editorOf(target);
      return (await editor.outcomeMeasures.currentState({ roundId: target.closedRoundId, schoolUnitId: target.unitId })).revision;
    },
    async note(target) {
      const editor = await editorOf(target);
      const { id } = await editor.outcomeMeasures.saveNote({
        roundId: target.closedRoundId,
        schoolUnitId: target.unitId,
        kind: 'ovrigt',
        title: fx.unique('Anteckning'),
        body: 'Text',
        areaKeys: [await fx.areaKey(target.closedRoundId)],
      });
      return id;
    },
    outcomeCsv(target) {
      const unit = world.byKey[target.organizerKey].units.find((u) => u.id === target.unitId);
      const csv = `Enhet;Mått;Period;Värde;Måttenhet;Källa\r\n${unit?.name};Närvaro, andel;HT 2026;93,4;%;Egen uppföljning\r\n`;
      return Buffer.from(csv, 'utf-8').toString('base64');
    },
    unique: (prefix) => `${prefix} ${++counter}`,
    slug: (prefix) => `${prefix}${++counter}`,
    soloRound: (target, options) => (options?.fresh ? openSolo(target) : perRow('soloRound', target, () => openSolo(target))),
    async indicatorKey(roundId) {
      const row = await t.db
        .selectFrom('rounds as r')
        .innerJoin('indicators as i', 'i.questionnaire_id', 'r.questionnaire_id')
        .select('i.key')
        .where('r.id', '=', roundId)
        .orderBy('i.position')
        .executeTakeFirstOrThrow();
      return row.key;
    },
    scratchUnit: (target) =>
      perRow('scratchUnit', target, async () => {
        const admin = await as(target.organizerKey === 'exempelstad' ? 'Sara Nilsson' : OTHER_EDITOR);
        return (await admin.administration.createUnit({ name: fx.unique('Tillfällig enhet'), unitCode: '', schoolForms: ['grundskola'] }))
          .id;
      }),
    scratchUser: (target) =>
      perRow('scratchUser', target, async () => {
        const admin = await as(target.organizerKey === 'exempelstad' ? 'Sara Nilsson' : OTHER_EDITOR);
        const user = await admin.administration.createUser({
          name: fx.unique('Tillfällig Person'),
          email: `${fx.slug('tmp')}@exempel.se`,
          title: '',
        });
        return user.id;
      }),
    scratchRole: (target) =>
      perRow('scratchRole', target, async () => {
        const userId = await fx.scratchUser(target);
        const admin = await as(target.organizerKey === 'exempelstad' ? 'Sara Nilsson' : OTHER_EDITOR);
        await admin.administration.addRole({ userId, role: 'staff', unitId: target.unitId, teamId: null });
        return (await t.db.selectFrom('role_assignments').select('id').where('user_id', '=', userId).executeTakeFirstOrThrow()).id;
      }),
    async demoPersona(target) {
      return (
        await t.db
          .selectFrom('demo_personas')
          .select('user_id')
          .where('organizer_id', '=', world.byKey[target.organizerKey].id)
          .orderBy('position')
          .executeTakeFirstOrThrow()
      ).user_id;
    },
    async publishedQuestionnaire(target) {
      if (target.organizerKey === 'exempelstad') return standard(target.schoolForm);
      const cached = ownPublished.get(target.organizerKey);
      if (cached) return cached;
      const draft = await fx.freshDraft(target);
      const editor = await editorOf(target);
      await editor.questionnaires.publish({ id: draft.id, questionnaire: draft.edited });
      ownPublished.set(target.organizerKey, draft.id);
      return draft.id;
    },
    async noDrafts(target) {
      const editor = await editorOf(target);
      const drafts = await t.db
        .selectFrom('questionnaires')
        .select('id')
        .where('organizer_id', '=', world.byKey[target.organizerKey].id)
        .where('status', '=', 'draft')
        .execute();
      for (const d of drafts) await editor.questionnaires.discardDraft({ id: d.id });
    },
    async freshDraft(target) {
      const editor = await editorOf(target);
      const existing = await t.db
        .selectFrom('questionnaires')
        .select('id')
        .where('organizer_id', '=', world.byKey[target.organizerKey].id)
        .where('status', '=', 'draft')
        .where('school_form', '=', target.schoolForm)
        .executeTakeFirst();
      const cached = drafts.get(target.organizerKey);
      if (existing && cached?.id === existing.id) return cached;
      await fx.noDrafts(target);
      const { id } = await editor.questionnaires.startDraft({ fromId: await standard(target.schoolForm) });
      const draft = { id, edited: asEdited(await editor.questionnaires.get({ id })) };
      drafts.set(target.organizerKey, draft);
      return draft;
    },
    async organizationCsv() {
      csv ??= (await (await as('Sara Nilsson')).administration.exportOrganization({ format: 'csv' })).contentBase64;
      return csv;
    },
    async settings() {
      const s = await (await as('Sara Nilsson')).administration.settings();
      return {
        name: s.name,
        anonymityThreshold: s.anonymityThreshold,
        staffCanSeeResults: s.staffCanSeeResults,
        draftRetentionDays: s.draftRetentionDays,
        auditRetentionDays: s.auditRetentionDays,
      };
    },
  };
  return {
    world,
    fx,
    targetFor,
    setRow(path) {
      currentPath = path;
    },
    as,
  };
}
