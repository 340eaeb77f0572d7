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
  /** Days a draft of a closed round is kept before retention removes it (2026-11-23T2210-administration-audit). */
  draft_retention_days: Generated<number>;
  /** Days an audit entry is kept. */
  audit_retention_days: Generated<number>;
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
  /** A draft is being edited and no round may use it; a published version never changes. */
  status: Generated<'draft' | 'published'>;
  published_at: Generated<Date | null>;
  /** The version a draft was copied from. */
  based_on: string | null;
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
  /** In an organizer's version: the key, in the version it was copied from, of the indicator this one was edited from. */
  source_key: Generated<string | null>;
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
  /** The round's opening day, whatever is written (a trigger sets it): never the day of submission. */
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

/** Sufficient statistics of one group and indicator (see db/migrations/2026-11-23T2100-indicator-totals.ts). */
export interface TotalsFigureColumns {
  n: Generated<number>;
  sum: Generated<number>;
  sum_squares: Generated<number>;
  dont_know: Generated<number>;
  c1: Generated<number>;
  c2: Generated<number>;
  c3: Generated<number>;
  c4: Generated<number>;
  c5: Generated<number>;
  c6: Generated<number>;
  c7: Generated<number>;
  c8: Generated<number>;
  c9: Generated<number>;
  c10: Generated<number>;
}

export interface IndicatorTotalsOrganizerTable extends TotalsFigureColumns {
  organizer_id: string;
  round_id: string;
  indicator_id: string;
}

export interface IndicatorTotalsUnitTable extends TotalsFigureColumns {
  organizer_id: string;
  round_id: string;
  school_unit_id: string;
  indicator_id: string;
}

export interface IndicatorTotalsTeamTable extends TotalsFigureColumns {
  organizer_id: string;
  round_id: string;
  school_unit_id: string;
  team_id: string;
  indicator_id: string;
}

/** A submitted response not yet folded into the totals: parallel arrays, null = "vet ej". */
export interface IndicatorTotalsPendingTable {
  organizer_id: string;
  round_id: string;
  school_unit_id: string;
  id: Generated<string>;
  team_id: string | null;
  indicator_ids: string[];
  answer_values: (number | null)[];
}

export type IdentityProviderKind = 'entra-id' | 'google' | 'oidc';

/** An organizer's OpenID Connect provider. The secret lives in the env variable client_secret_env names. */
export interface IdentityProvidersTable {
  organizer_id: string;
  id: Generated<string>;
  kind: IdentityProviderKind;
  display_name: string;
  issuer: string;
  client_id: string;
  client_secret_env: string;
  allowed_email_domain: string | null;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
}

/** A login in progress at a provider: id is the SHA-256 of the state value. */
export interface OidcLoginStatesTable {
  id: string;
  organizer_id: string;
  provider_id: string;
  code_verifier: string;
  nonce: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

/** Audit log of administrative changes, logins and exports. Never answers or comments. */
export interface AuditLogTable {
  organizer_id: string;
  id: Generated<string>;
  occurred_at: Timestamp;
  /** Null when the system did it. */
  actor_user_id: string | null;
  action: string;
  target: Generated<string>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** The quality cycle (2026-11-23T2300-quality-cycle): a plan per unit (or the organizer, unit null) and round. */
export interface QualityPlansTable {
  organizer_id: string;
  id: Generated<string>;
  round_id: string;
  school_unit_id: string | null;
  created_at: Generated<Date>;
}

export interface QualityFindingsTable {
  organizer_id: string;
  id: Generated<string>;
  plan_id: string;
  kind: 'strength' | 'weakness' | 'disagreement';
  /** '' for a disagreement (no reference). */
  reference: '' | 'own-average' | 'organizer' | 'previous-round';
  indicator_key: string;
  area_key: string;
  snapshot: Json<Record<string, unknown>>;
  taken_by: string | null;
  taken_at: Generated<Date>;
}

export interface QualityTextsTable {
  organizer_id: string;
  id: Generated<string>;
  plan_id: string;
  /** 'analysis' | 'evidence' | 'cause:<quality finding id>' | 'evaluation:<priority id>' */
  doc_key: string;
  body: string;
  revision: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface QualityPrioritiesTable {
  organizer_id: string;
  id: Generated<string>;
  plan_id: string;
  title: string;
  reason: string;
  goal: string;
  position: number;
  origin_priority_id: string | null;
  organizer_priority_id: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface QualityPriorityIndicatorsTable {
  organizer_id: string;
  priority_id: string;
  indicator_key: string;
  area_key: string;
  /** numeric: a string from pg; convert where read. */
  target_mean: ColumnType<string | number | null, number | null, number | null>;
}

export interface QualityActivitiesTable {
  organizer_id: string;
  id: Generated<string>;
  priority_id: string;
  title: string;
  responsible: string;
  starts_on: IsoDate;
  ends_on: IsoDate;
  resources: string;
  expected_effect: string;
  follow_up: string;
  status: 'planned' | 'ongoing' | 'done' | 'cancelled';
  position: number;
  created_at: Generated<Date>;
}

/** Outcome measures (2026-11-23T2310-outcome-measures): the organizer's catalogue of nyckeltal. */
export interface OutcomeMeasuresTable {
  organizer_id: string;
  id: Generated<string>;
  name: string;
  definition: Generated<string>;
  unit_of_measure: Generated<string>;
  source: Generated<string>;
  direction: Generated<'higher-is-better' | 'lower-is-better'>;
  /** numeric: read as string by pg, convert where read. */
  scale_min: ColumnType<string | number | null, number | null | undefined, number | null>;
  scale_max: ColumnType<string | number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
}

export interface OutcomeValuesTable {
  organizer_id: string;
  measure_id: string;
  school_unit_id: string;
  period: string;
  period_order: number;
  value: ColumnType<string | number, number, number>;
  n: number | null;
  updated_at: Generated<Date>;
}

export interface OutcomeLinksTable {
  organizer_id: string;
  measure_id: string;
  target_kind: 'area' | 'indicator';
  target_key: string;
  school_form: string;
}

export interface EvidenceNotesTable {
  organizer_id: string;
  id: Generated<string>;
  school_unit_id: string;
  round_id: string;
  kind: 'observation' | 'intervju' | 'klagomal' | 'ovrigt';
  title: string;
  body: string;
  area_keys: Json<string[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CurrentStateReportsTable {
  organizer_id: string;
  id: Generated<string>;
  round_id: string;
  school_unit_id: string | null;
  parts: Json<unknown[]>;
  revision: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface Database {
  audit_log: AuditLogTable;
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
  identity_providers: IdentityProvidersTable;
  oidc_login_states: OidcLoginStatesTable;
  indicator_totals_organizer: IndicatorTotalsOrganizerTable;
  indicator_totals_unit: IndicatorTotalsUnitTable;
  indicator_totals_team: IndicatorTotalsTeamTable;
  indicator_totals_pending: IndicatorTotalsPendingTable;
  quality_plans: QualityPlansTable;
  quality_findings: QualityFindingsTable;
  quality_texts: QualityTextsTable;
  quality_priorities: QualityPrioritiesTable;
  quality_priority_indicators: QualityPriorityIndicatorsTable;
  quality_activities: QualityActivitiesTable;
  outcome_measures: OutcomeMeasuresTable;
  outcome_values: OutcomeValuesTable;
  outcome_links: OutcomeLinksTable;
  evidence_notes: EvidenceNotesTable;
  current_state_reports: CurrentStateReportsTable;
}
