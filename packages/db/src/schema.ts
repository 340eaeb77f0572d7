import type { ColumnType, Generated } from 'kysely';

/** ISO date 'YYYY-MM-DD'. Both drivers are set up to return dates as these strings. */
export type IsoDate = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type RoleName = 'staff' | 'principal' | 'organizer' | 'admin';

export interface OrganizersTable {
  id: Generated<string>;
  key: string;
  name: string;
  kind: 'kommun' | 'enskild';
  anonymity_threshold: Generated<number>;
  staff_can_see_results: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SchoolUnitsTable {
  organizer_id: string;
  id: Generated<string>;
  key: string;
  name: string;
  unit_code: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SchoolUnitFormsTable {
  organizer_id: string;
  school_unit_id: string;
  school_form: string;
}

export interface TeamsTable {
  organizer_id: string;
  id: Generated<string>;
  school_unit_id: string;
  key: string;
  name: string;
  school_form: string;
  active: Generated<boolean>;
}

export interface UsersTable {
  organizer_id: string;
  id: Generated<string>;
  key: string;
  name: string;
  email: string;
  title: Generated<string>;
  active: Generated<boolean>;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: Generated<Date>;
}

export interface RoleAssignmentsTable {
  organizer_id: string;
  id: Generated<string>;
  user_id: string;
  role: RoleName;
  school_unit_id: string | null;
  team_id: string | null;
  leads_team: Generated<boolean>;
}

export interface StoredScale {
  steps: { value: number; label: string }[];
  unknownLabel: string;
}

export interface QuestionnairesTable {
  id: Generated<string>;
  organizer_id: string | null;
  key: string;
  version: number;
  school_form: string;
  title: string;
  curriculum: string;
  introduction: string;
  scale: Json<StoredScale>;
  scale_steps: number;
  created_at: Generated<Date>;
}

export interface AreasTable {
  id: Generated<string>;
  questionnaire_id: string;
  key: string;
  position: number;
  title: string;
  description: string;
}

export interface IndicatorsTable {
  id: Generated<string>;
  questionnaire_id: string;
  area_id: string;
  key: string;
  position: number;
  statement: string;
  criteria: Json<string[]>;
  evidence_hints: Json<string[]>;
}

export interface RoundsTable {
  organizer_id: string;
  id: Generated<string>;
  key: string | null;
  name: string;
  questionnaire_id: string;
  school_form: string;
  opens_on: IsoDate;
  closes_on: IsoDate;
  closed_early_on: IsoDate | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RoundUnitsTable {
  organizer_id: string;
  round_id: string;
  school_unit_id: string;
}

export interface ParticipationsTable {
  organizer_id: string;
  round_id: string;
  school_unit_id: string;
  user_id: string;
  submitted_on: IsoDate;
}

export type DraftAnswerValue = number | 'vet-ej';

export interface DraftsTable {
  organizer_id: string;
  id: string;
  round_id: string;
  school_unit_id: string;
  team_id: string | null;
  user_id: string;
  revision: number;
  answers: Json<Record<string, DraftAnswerValue>>;
  comments: Json<Record<string, string>>;
  updated_at: Timestamp;
}

export interface ResponsesTable {
  organizer_id: string;
  id: Generated<string>;
  round_id: string;
  school_unit_id: string;
  team_id: string | null;
  submitted_on: IsoDate;
}

export interface AnswersTable {
  organizer_id: string;
  response_id: string;
  indicator_id: string;
  value: number | null;
  dont_know: Generated<boolean>;
}

export interface AreaCommentsTable {
  organizer_id: string;
  response_id: string;
  area_id: string;
  body: string;
}

export interface GroupRatingsTable {
  organizer_id: string;
  round_id: string;
  team_id: string;
  indicator_id: string;
  value: number | null;
  dont_know: Generated<boolean>;
  reason: string;
  updated_by: string;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  organizer_id: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface DemoPersonasTable {
  organizer_id: string;
  user_id: string;
  position: number;
}

export interface Database {
  demo_personas: DemoPersonasTable;
  organizers: OrganizersTable;
  school_units: SchoolUnitsTable;
  school_unit_forms: SchoolUnitFormsTable;
  teams: TeamsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  questionnaires: QuestionnairesTable;
  areas: AreasTable;
  indicators: IndicatorsTable;
  rounds: RoundsTable;
  round_units: RoundUnitsTable;
  participations: ParticipationsTable;
  drafts: DraftsTable;
  responses: ResponsesTable;
  answers: AnswersTable;
  area_comments: AreaCommentsTable;
  group_ratings: GroupRatingsTable;
  sessions: SessionsTable;
}
