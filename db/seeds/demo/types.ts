import type { SchoolForm } from '@kvalitetshjulet/domain';

/**
 * The demo data set as plain data. The generator (generate.ts) is deterministic:
 * the same `today` and `seed` always give the same data set. Writing it to the
 * database is packages/db's job (seed.ts).
 */
export interface DemoDataset {
  organizers: DemoOrganizer[];
}

export type DemoRole = 'staff' | 'principal' | 'organizer' | 'admin';

export interface DemoOrganizer {
  /** Stable key, e.g. "exempelstad". */
  key: string;
  name: string;
  kind: 'kommun' | 'enskild';
  anonymityThreshold: number;
  staffCanSeeResults: boolean;
  units: DemoUnit[];
  users: DemoUser[];
  /** The users the demo login offers, in order. */
  personaUserKeys: string[];
  rounds: DemoRound[];
  /** Outcome measures beside the self-ratings (only where the demo has them). */
  outcomes?: DemoOutcomes;
  /** Analysis, priorities and activities (db/seeds/demo/quality-cycle.ts; only where the demo has them). */
  qualityCycle?: import('./quality-cycle.ts').DemoQualityCycle;
}

export interface DemoUnit {
  key: string;
  name: string;
  /** Skolenhetskod-like code, 8 digits. */
  unitCode: string;
  schoolForms: SchoolForm[];
  teams: DemoTeam[];
}

export interface DemoTeam {
  key: string;
  name: string;
  /** The school form this team works in; it answers that form's questionnaire. */
  schoolForm: SchoolForm;
}

export interface DemoRoleAssignment {
  role: DemoRole;
  /** Required for staff and principal. */
  unitKey?: string;
  /** For staff: the team they belong to. */
  teamKey?: string;
  /** Staff who may lead the team's consensus rating (arbetslagsledare). */
  leadsTeam?: boolean;
}

export interface DemoUser {
  key: string;
  name: string;
  email: string;
  /** Job title shown on the demo login, e.g. "Lärare", "Förskollärare", "Rektor". */
  title: string;
  roles: DemoRoleAssignment[];
}

export type DemoAnswer = number | 'vet-ej';

export interface DemoResponse {
  unitKey: string;
  teamKey: string | null;
  /** ISO date, no time. */
  submittedOn: string;
  /** indicator key → value on the scale or "vet-ej"; missing keys are unanswered. */
  answers: Record<string, DemoAnswer>;
  /** area key → comment text. */
  comments: Record<string, string>;
}

export interface DemoParticipation {
  userKey: string;
  unitKey: string;
  submittedOn: string;
}

export interface DemoDraft {
  userKey: string;
  unitKey: string;
  teamKey: string | null;
  answers: Record<string, DemoAnswer>;
  comments: Record<string, string>;
}

export interface DemoGroupRating {
  teamKey: string;
  indicatorKey: string;
  value: DemoAnswer;
  reason: string;
  byUserKey: string;
}

export interface DemoRound {
  key: string;
  /** e.g. "Hösten 2026 · Grundskola" */
  name: string;
  schoolForm: SchoolForm;
  /** The questionnaire key (equals the school form for the standard questionnaires). */
  questionnaireKey: string;
  unitKeys: string[];
  opensOn: string;
  closesOn: string;
  /** Responses are NOT linkable to participations: they are generated and stored apart. */
  responses: DemoResponse[];
  participations: DemoParticipation[];
  drafts: DemoDraft[];
  groupRatings: DemoGroupRating[];
}

/** Outcome measures of an organizer (db/seeds/demo/outcomes.ts): catalogue, values, links, evidence notes. */
export interface DemoOutcomes {
  measures: {
    key: string;
    name: string;
    definition: string;
    unitOfMeasure: string;
    source: string;
    direction: 'higher-is-better' | 'lower-is-better';
    scaleMin: number | null;
    scaleMax: number | null;
    links: { kind: 'area' | 'indicator'; key: string; schoolForm: SchoolForm }[];
  }[];
  values: { measureKey: string; unitKey: string; period: string; periodOrder: number; value: number; n: number | null }[];
  notes: {
    unitKey: string;
    roundKey: string;
    kind: 'observation' | 'intervju' | 'klagomal' | 'ovrigt';
    title: string;
    body: string;
    areaKeys: string[];
  }[];
}
