/**
 * The authorisation matrix: for every procedure, what each role gets for its own unit, another unit
 * of the same organizer, and another organizer. One row per procedure path; the test fails for a
 * procedure without a row. A row is a few lines: an input builder and the expected outcome per role.
 *
 * Outcomes: 'ok' (the call succeeds), 'FORBIDDEN', 'UNAUTHORIZED', 'NOT_FOUND' (denied), or a
 * business error code (the person may ask, but the request itself is refused for another reason).
 */
import { DONT_KNOW, type SchoolForm } from '@kvalitetshjulet/domain';
import type { EditedQuestionnaire } from '../use-cases/questionnaires.ts';

export const ROLES = ['staff', 'teamLead', 'principal', 'organizer', 'admin', 'none'] as const;
export type Role = (typeof ROLES)[number];
export const SCENARIOS = ['ownUnit', 'otherUnit', 'otherOrganizer'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The demo person who plays each role (no session for 'none'). */
export const ROLE_PERSONA: Record<Role, string | null> = {
  staff: 'Lena Ek', // medarbetare, Solrosens förskola, no team lead
  teamLead: 'Anna Lindqvist', // medarbetare and arbetslagsledare, Ekbackens skola
  principal: 'Erik Johansson', // rektor, Ekbackens and Tallbackens skola
  organizer: 'Maria Svensson', // huvudmannanivå
  admin: 'Sara Nilsson', // administratör
  none: null,
};

export type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT' | 'PRECONDITION_FAILED';
/** One outcome for all three scenarios, or one each: [own unit, other unit, other organizer]. */
export type RoleExpectation = Outcome | readonly [Outcome, Outcome, Outcome];

/** The unit, team and rounds a scenario is about (for the role asking). */
export interface Target {
  organizerKey: 'exempelstad' | 'backaskolan';
  unitId: string;
  teamId: string;
  schoolForm: SchoolForm;
  /** The latest closed demo round of the school form that includes the unit. */
  closedRoundId: string;
}

/** Things a row's input may need; each call makes new ones where a call changes state. */
export interface MatrixFixtures {
  /** A new open round for the target unit only (opened by the organizer level of the target's organizer). */
  soloRound(target: Target, options?: { fresh: boolean }): Promise<string>;
  indicatorKey(roundId: string): Promise<string>;
  /** A new unit, user, role assignment of the target's organizer (made through the administration). */
  scratchUnit(target: Target): Promise<string>;
  scratchUser(target: Target): Promise<string>;
  scratchRole(target: Target): Promise<string>;
  /** A demo persona of the target's organizer. */
  demoPersona(target: Target): Promise<string>;
  /** A published questionnaire the target's organizer may copy; a fresh own draft of it (none left before). */
  publishedQuestionnaire(target: Target): Promise<string>;
  freshDraft(target: Target): Promise<{ id: string; edited: EditedQuestionnaire }>;
  /** Clears the target organizer's own drafts, so a new one can be started. */
  noDrafts(target: Target): Promise<void>;
  organizationCsv(): Promise<string>;
  settings(): Promise<{
    name: string;
    anonymityThreshold: number;
    staffCanSeeResults: boolean;
    draftRetentionDays: number;
    auditRetentionDays: number;
  }>;
  /** A strength, weakness or samtalsfråga of the target unit's closed round (as takeFinding names it). */
  finding(target: Target): Promise<{
    kind: 'strength' | 'weakness' | 'disagreement';
    reference: 'own-average' | 'organizer' | 'previous-round' | null;
    indicatorKey: string;
  }>;
  /** A finding taken into the target unit's analysis (a new one each call). */
  takenFinding(target: Target): Promise<string>;
  /** A priority in the target unit's plan for its closed round: shared within a row, or new each call. */
  priority(target: Target, options?: { fresh: boolean }): Promise<string>;
  /** A new activity of the row's priority. */
  activity(target: Target): Promise<string>;
  /** The first area key of a round's questionnaire. */
  areaKey(roundId: string): Promise<string>;
  /** A new outcome measure in the target organizer's catalogue. */
  measure(target: Target): Promise<string>;
  /** The stored revision of the target unit's current-state description in its closed round. */
  currentStateRevision(target: Target): Promise<number>;
  /** A new evidence note on the target unit's closed round. */
  note(target: Target): Promise<string>;
  /** A one-row outcome file (CSV, base64) for a unit of the target organizer. */
  outcomeCsv(target: Target): string;
  unique(prefix: string): string;
  /** Like unique, without spaces (for e-mail addresses). */
  slug(prefix: string): string;
}

export interface MatrixRow {
  /** false: the input does not name a unit or organizer's data; only the own-unit cell is run. */
  scoped: boolean;
  input(target: Target, fx: MatrixFixtures): unknown | Promise<unknown>;
  expect: Record<Role, RoleExpectation>;
}

const F = 'FORBIDDEN';
const U = 'UNAUTHORIZED';
const NF = 'NOT_FOUND';

/** Roles allowed to see/lead a unit: rektor own only, organizer level all units of the organizer. */
const leadsUnit = { principal: ['ok', F, NF], organizer: ['ok', 'ok', NF] } as const;
const onlyAdmin = { staff: F, teamLead: F, principal: F, organizer: F, admin: 'ok', none: U } as const;
const adminScoped = { ...onlyAdmin, admin: ['ok', 'ok', NF] } as const;
const editors = { staff: F, teamLead: F, principal: F, organizer: 'ok', admin: 'ok', none: U } as const;
const everyoneLoggedIn = { staff: 'ok', teamLead: 'ok', principal: 'ok', organizer: 'ok', admin: 'ok', none: U } as const;
const everyone = { ...everyoneLoggedIn, none: 'ok' } as const;
/** Results of one unit: staff their own unit (the demo organizer lets staff see results), rektor, organizer level. */
const unitResults = { staff: ['ok', F, NF], teamLead: ['ok', F, NF], ...leadsUnit, admin: F, none: U } as const;
const acrossUnits = { staff: F, teamLead: F, ...leadsUnit, admin: F, none: U } as const;
/** Answering: staff of the unit only. Another organizer's round is not theirs either (FORBIDDEN, never found). */
const answering = { staff: ['ok', F, F], teamLead: ['ok', F, F], principal: F, organizer: F, admin: F, none: U } as const;
/** Gemensam skattning: the team's lead, the unit's rektor, the organizer level. */
const consensus = { staff: [F, F, NF], teamLead: ['ok', F, NF], ...leadsUnit, admin: [F, F, NF], none: U } as const;

/** Kvalitetsarbetet: staff read their own unit's plan; its rektor and the organizer level edit it. */
const planReaders = { staff: ['ok', F, NF], teamLead: ['ok', F, NF], ...leadsUnit, admin: F, none: U } as const;
const planEditors = { staff: [F, F, NF], teamLead: [F, F, NF], ...leadsUnit, admin: F, none: U } as const;

/** The organizer level's own catalogue of outcome measures and its imports. */
const organizerOnly = { staff: F, teamLead: F, principal: F, organizer: 'ok', admin: F, none: U } as const;
const organizerScoped = { ...organizerOnly, organizer: ['ok', 'ok', NF] } as const;
/** Evidence notes and the current-state description: the unit's rektor and the organizer level write. */
const unitWriters = { staff: F, teamLead: F, principal: ['ok', F, F], organizer: ['ok', 'ok', NF], admin: F, none: U } as const;
/** Reading a unit's outcome panel, notes and description: as its results (another organizer's unit is never theirs). */
const unitReaders = {
  staff: ['ok', F, F],
  teamLead: ['ok', F, F],
  principal: ['ok', F, F],
  organizer: ['ok', 'ok', NF],
  admin: F,
  none: U,
} as const;
/** A valid new outcome measure. */
export const measureInput = (name: string) => ({
  name,
  definition: '',
  unitOfMeasure: '%',
  source: 'Egen uppföljning',
  direction: 'higher-is-better' as const,
  scaleMin: null,
  scaleMax: null,
});

const today = '2026-11-23';

export const AUTHORIZATION_MATRIX: Record<string, MatrixRow> = {
  'administration.settings': { scoped: false, input: () => undefined, expect: { ...editors } },
  'administration.saveSettings': { scoped: false, input: (_t, fx) => fx.settings(), expect: onlyAdmin },
  'administration.units': { scoped: false, input: () => undefined, expect: editors },
  'administration.createUnit': {
    scoped: false,
    input: (_t, fx) => ({ name: fx.unique('Ny enhet'), unitCode: '', schoolForms: ['grundskola'] }),
    expect: onlyAdmin,
  },
  'administration.updateUnit': {
    scoped: true,
    input: async (t, fx) => ({ unitId: await fx.scratchUnit(t), name: fx.unique('Ändrad enhet'), unitCode: '', schoolForms: ['forskola'] }),
    expect: adminScoped,
  },
  'administration.setUnitActive': {
    scoped: true,
    input: async (t, fx) => ({ unitId: await fx.scratchUnit(t), active: false }),
    expect: adminScoped,
  },
  'administration.createTeam': {
    scoped: true,
    input: (t, fx) => ({ unitId: t.unitId, name: fx.unique('Nytt arbetslag'), schoolForm: t.schoolForm }),
    expect: adminScoped,
  },
  'administration.setTeamActive': { scoped: true, input: (t) => ({ teamId: t.teamId, active: true }), expect: adminScoped },
  'administration.users': { scoped: false, input: () => undefined, expect: onlyAdmin },
  'administration.createUser': {
    scoped: false,
    input: (_t, fx) => ({ name: 'Ny Person', email: `${fx.slug('ny')}@exempelstad.se`, title: 'Lärare' }),
    expect: onlyAdmin,
  },
  'administration.updateUser': {
    scoped: true,
    input: async (t, fx) => ({
      userId: await fx.scratchUser(t),
      name: 'Ändrad Person',
      email: `${fx.slug('andrad')}@exempel.se`,
      title: '',
    }),
    expect: adminScoped,
  },
  'administration.setUserActive': {
    scoped: true,
    input: async (t, fx) => ({ userId: await fx.scratchUser(t), active: false }),
    expect: adminScoped,
  },
  'administration.addRole': {
    scoped: true,
    input: async (t, fx) => ({ userId: await fx.scratchUser(t), role: 'staff', unitId: t.unitId, teamId: null }),
    expect: adminScoped,
  },
  'administration.removeRole': { scoped: true, input: async (t, fx) => ({ roleId: await fx.scratchRole(t) }), expect: adminScoped },
  'administration.previewImport': {
    scoped: false,
    input: async (_t, fx) => ({ fileName: 'organisation.csv', contentBase64: await fx.organizationCsv() }),
    expect: onlyAdmin,
  },
  'administration.applyImport': {
    scoped: false,
    input: async (_t, fx) => ({ fileName: 'organisation.csv', contentBase64: await fx.organizationCsv() }),
    expect: onlyAdmin,
  },
  'administration.exportOrganization': { scoped: false, input: () => ({ format: 'csv' }), expect: onlyAdmin },
  'administration.audit': { scoped: false, input: () => ({}), expect: onlyAdmin },
  'administration.runRetention': { scoped: false, input: () => undefined, expect: onlyAdmin },

  'consensus.teams': { scoped: false, input: () => undefined, expect: everyoneLoggedIn },
  'consensus.view': {
    scoped: true,
    input: async (t, fx) => ({ roundId: await fx.soloRound(t), teamId: t.teamId }),
    expect: consensus,
  },
  'consensus.save': {
    scoped: true,
    input: async (t, fx) => {
      const roundId = await fx.soloRound(t);
      return { roundId, teamId: t.teamId, indicatorKey: await fx.indicatorKey(roundId), value: 3, reason: 'Vi är överens om steg 3.' };
    },
    expect: consensus,
  },

  'identity.loginProviders': { scoped: false, input: () => undefined, expect: everyone },

  'organizerOverview.overview': {
    scoped: true,
    input: (t) => ({ schoolForm: t.schoolForm, roundId: t.closedRoundId }),
    // A rektor's overview covers their own units of whatever round of the organizer is chosen.
    expect: { ...acrossUnits, principal: ['ok', 'ok', NF] },
  },

  'outcomeMeasures.catalogue': { scoped: false, input: () => undefined, expect: organizerOnly },
  'outcomeMeasures.saveMeasure': { scoped: false, input: (_t, fx) => measureInput(fx.unique('Matrismått')), expect: organizerOnly },
  'outcomeMeasures.deleteMeasure': { scoped: true, input: async (t, fx) => ({ id: await fx.measure(t) }), expect: organizerScoped },
  'outcomeMeasures.setLinks': {
    scoped: true,
    input: async (t, fx) => ({
      targetKind: 'area',
      targetKey: await fx.areaKey(t.closedRoundId),
      schoolForm: t.schoolForm,
      measureIds: [await fx.measure(t)],
    }),
    expect: organizerScoped,
  },
  'outcomeMeasures.previewImport': {
    scoped: false,
    input: (t, fx) => ({ fileName: 'nyckeltal.csv', contentBase64: fx.outcomeCsv(t) }),
    expect: organizerOnly,
  },
  'outcomeMeasures.applyImport': {
    scoped: false,
    input: (t, fx) => ({ fileName: 'nyckeltal.csv', contentBase64: fx.outcomeCsv(t) }),
    expect: organizerOnly,
  },
  'outcomeMeasures.unitPanel': { scoped: true, input: (t) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId }), expect: unitReaders },
  'outcomeMeasures.scatter': {
    scoped: true,
    input: (t) => ({ roundId: t.closedRoundId }),
    // A rektor's scatter shows the own units in any round of the organizer; another organizer's round is not found.
    expect: { ...acrossUnits, principal: ['ok', 'ok', NF] },
  },
  'outcomeMeasures.notes': { scoped: true, input: (t) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId }), expect: unitReaders },
  'outcomeMeasures.saveNote': {
    scoped: true,
    input: async (t, fx) => ({
      roundId: t.closedRoundId,
      schoolUnitId: t.unitId,
      kind: 'observation',
      title: fx.unique('Lektionsbesök'),
      body: 'Eleverna arbetade lugnt.',
      areaKeys: [await fx.areaKey(t.closedRoundId)],
    }),
    expect: unitWriters,
  },
  'outcomeMeasures.deleteNote': {
    scoped: true,
    input: async (t, fx) => ({ id: await fx.note(t) }),
    // By id: another organizer's note is not found.
    expect: { ...unitWriters, principal: ['ok', F, NF] },
  },
  'outcomeMeasures.currentState': {
    scoped: true,
    input: (t) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId }),
    expect: unitReaders,
  },
  'outcomeMeasures.saveCurrentState': {
    scoped: true,
    input: async (t, fx) => ({
      roundId: t.closedRoundId,
      schoolUnitId: t.unitId,
      parts: [{ kind: 'areas', text: 'Resultaten i korthet.', selected: [] }],
      expectedRevision: await fx.currentStateRevision(t),
    }),
    expect: unitWriters,
  },

  'qualityCycle.places': {
    scoped: false,
    input: () => undefined,
    expect: { staff: 'ok', teamLead: 'ok', principal: 'ok', organizer: 'ok', admin: F, none: U },
  },
  'qualityCycle.workspace': {
    scoped: true,
    input: (t) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId }),
    expect: planReaders,
  },
  'qualityCycle.takeFinding': {
    scoped: true,
    input: async (t, fx) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId, ...(await fx.finding(t)) }),
    expect: planEditors,
  },
  'qualityCycle.removeFinding': {
    scoped: true,
    input: async (t, fx) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId, findingId: await fx.takenFinding(t) }),
    expect: planEditors,
  },
  'qualityCycle.saveText': {
    scoped: true,
    input: (t) => ({
      roundId: t.closedRoundId,
      schoolUnitId: t.unitId,
      target: { kind: 'evidence' },
      body: 'Skolenkäten och betygen.',
      baseRevision: 0,
    }),
    expect: planEditors,
  },
  'qualityCycle.savePriority': {
    scoped: true,
    input: async (t, fx) => ({
      roundId: t.closedRoundId,
      schoolUnitId: t.unitId,
      title: fx.unique('Prioritering'),
      reason: '',
      goal: '',
      indicators: [{ indicatorKey: await fx.indicatorKey(t.closedRoundId), targetMean: 3 }],
    }),
    expect: planEditors,
  },
  'qualityCycle.deletePriority': {
    scoped: true,
    input: async (t, fx) => ({ priorityId: await fx.priority(t, { fresh: true }) }),
    expect: planEditors,
  },
  'qualityCycle.carryForward': {
    scoped: true,
    input: async (t, fx) => ({ priorityId: await fx.priority(t, { fresh: true }) }),
    expect: planEditors,
  },
  'qualityCycle.saveActivity': {
    scoped: true,
    input: async (t, fx) => ({
      priorityId: await fx.priority(t),
      title: fx.unique('Aktivitet'),
      responsible: 'Arbetslagsledarna',
      startsOn: '2027-01-15',
      endsOn: '2027-05-31',
      resources: '',
      expectedEffect: '',
      followUp: '',
      status: 'planned',
    }),
    expect: planEditors,
  },
  'qualityCycle.deleteActivity': {
    scoped: true,
    input: async (t, fx) => ({ activityId: await fx.activity(t) }),
    expect: planEditors,
  },
  'qualityCycle.overview': {
    scoped: true,
    input: (t) => ({ roundId: t.closedRoundId }),
    expect: { staff: [F, F, F], teamLead: [F, F, F], principal: [F, F, F], organizer: ['ok', 'ok', NF], admin: F, none: U },
  },

  'questionnaires.list': { scoped: false, input: () => undefined, expect: editors },
  'questionnaires.get': {
    scoped: true,
    input: async (t, fx) => ({ id: (await fx.freshDraft(t)).id }),
    expect: { ...editors, organizer: ['ok', 'ok', NF], admin: ['ok', 'ok', NF] },
  },
  'questionnaires.startDraft': {
    scoped: true,
    input: async (t, fx) => {
      const fromId = await fx.publishedQuestionnaire(t);
      await fx.noDrafts(t);
      return { fromId };
    },
    expect: { ...editors, organizer: ['ok', 'ok', NF], admin: ['ok', 'ok', NF] },
  },
  'questionnaires.saveDraft': {
    scoped: true,
    input: async (t, fx) => {
      const draft = await fx.freshDraft(t);
      return { id: draft.id, questionnaire: draft.edited };
    },
    expect: { ...editors, organizer: ['ok', 'ok', NF], admin: ['ok', 'ok', NF] },
  },
  'questionnaires.publish': {
    scoped: true,
    input: async (t, fx) => {
      const draft = await fx.freshDraft(t);
      return { id: draft.id, questionnaire: { ...draft.edited, title: fx.unique(draft.edited.title) } };
    },
    expect: { ...editors, organizer: ['ok', 'ok', NF], admin: ['ok', 'ok', NF] },
  },
  'questionnaires.discardDraft': {
    scoped: true,
    input: async (t, fx) => ({ id: (await fx.freshDraft(t)).id }),
    expect: { ...editors, organizer: ['ok', 'ok', NF], admin: ['ok', 'ok', NF] },
  },

  'results.unit': { scoped: true, input: (t) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId }), expect: unitResults },
  'results.team': { scoped: true, input: (t) => ({ roundId: t.closedRoundId, teamId: t.teamId }), expect: unitResults },
  'results.organizer': {
    scoped: true,
    input: (t) => ({ schoolForm: t.schoolForm, roundId: t.closedRoundId }),
    // The organizer's own total is for every rektor of the organizer (the reference their units are compared with).
    expect: { ...acrossUnits, principal: ['ok', 'ok', NF] },
  },
  'results.compare': { scoped: true, input: (t) => ({ roundId: t.closedRoundId, schoolUnitIds: [t.unitId] }), expect: acrossUnits },
  'results.trend': { scoped: true, input: (t) => ({ schoolForm: t.schoolForm, schoolUnitId: t.unitId }), expect: unitResults },
  'results.findings': { scoped: true, input: (t) => ({ roundId: t.closedRoundId, schoolUnitId: t.unitId }), expect: unitResults },

  'resultsNavigation.options': { scoped: false, input: () => undefined, expect: everyoneLoggedIn },

  'rounds.overview': { scoped: false, input: () => undefined, expect: { ...acrossUnits, principal: 'ok', organizer: 'ok' } },
  'rounds.teams': { scoped: true, input: async (t, fx) => ({ roundId: await fx.soloRound(t) }), expect: acrossUnits },
  'rounds.open': {
    scoped: true,
    input: (t, fx) => ({
      name: fx.unique('Extra omgång'),
      schoolForm: t.schoolForm,
      unitIds: [t.unitId],
      opensOn: today,
      closesOn: '2026-12-20',
    }),
    // Another organizer's unit is not among the rektor's units (FORBIDDEN) and not among the organizer's (BAD_REQUEST: no such unit of the school form).
    expect: { ...acrossUnits, principal: ['ok', F, F], organizer: ['ok', 'ok', 'BAD_REQUEST'] },
  },
  'rounds.close': { scoped: true, input: async (t, fx) => ({ roundId: await fx.soloRound(t, { fresh: true }) }), expect: acrossUnits },
  'rounds.cycle': { scoped: false, input: () => ({ kind: 'school-year' }), expect: { ...acrossUnits, principal: 'ok', organizer: 'ok' } },
  'rounds.prefill': {
    scoped: true,
    input: async (t, fx) => ({ fromRoundId: await fx.soloRound(t), shift: 'one-year' }),
    expect: acrossUnits,
  },
  'rounds.reminders': { scoped: false, input: () => undefined, expect: { ...onlyAdmin, staff: 'ok', teamLead: 'ok', admin: F } },

  'session.me': { scoped: false, input: () => undefined, expect: everyone },
  'session.demoPersonas': { scoped: false, input: () => undefined, expect: everyone },
  // The demo login is a public door to every demo persona, of every organizer, by design (off in production).
  'session.demoLogin': { scoped: true, input: async (t, fx) => ({ userId: await fx.demoPersona(t) }), expect: everyone },
  'session.logout': { scoped: false, input: () => undefined, expect: everyoneLoggedIn },

  'start.staff': { scoped: false, input: () => undefined, expect: { ...onlyAdmin, staff: 'ok', teamLead: 'ok', admin: F } },
  'start.principal': { scoped: false, input: () => undefined, expect: { ...acrossUnits, principal: 'ok', organizer: 'ok' } },
  'start.organizer': { scoped: false, input: () => undefined, expect: { ...onlyAdmin, organizer: 'ok', admin: F } },
  'start.admin': { scoped: false, input: () => undefined, expect: onlyAdmin },

  'survey.open': { scoped: true, input: async (t, fx) => ({ roundId: await fx.soloRound(t), schoolUnitId: t.unitId }), expect: answering },
  'survey.saveDraft': {
    scoped: true,
    input: async (t, fx) => ({
      roundId: await fx.soloRound(t),
      schoolUnitId: t.unitId,
      draftId: crypto.randomUUID(),
      answers: {},
      comments: {},
      revision: 1,
    }),
    expect: answering,
  },
  'survey.submit': {
    scoped: true,
    input: async (t, fx) => {
      const roundId = await fx.soloRound(t);
      return {
        roundId,
        schoolUnitId: t.unitId,
        draftId: crypto.randomUUID(),
        answers: { [await fx.indicatorKey(roundId)]: DONT_KNOW },
        comments: {},
      };
    },
    expect: answering,
  },
};
