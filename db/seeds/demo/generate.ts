import {
  type AreaDefinition,
  DONT_KNOW,
  type IndicatorDefinition,
  type QuestionnaireDefinition,
  SCHOOL_FORM_LABELS,
  SCHOOL_FORMS,
  type SchoolForm,
} from '@kvalitetshjulet/domain';
import { addDays, addMonths, mondayOnOrAfter, parseIsoDate, type Term, termOf, toIsoDate, weekdaysBetween } from './dates.ts';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, toEmailPart } from './names.ts';
import { buildDemoOutcomes } from './outcomes.ts';
import { withDemoQualityCycle } from './quality-cycle.ts';
import { hashString, Random, stableNormal } from './random.ts';
import { ORGANIZER_SPECS, type OrganizerSpec, type PersonaSpec, STAFF_TITLES, TEAM_SIZES, type UnitSpec } from './structure.ts';
import { pickAreaComment, pickGroupReason } from './texts.ts';
import type {
  DemoAnswer,
  DemoDataset,
  DemoDraft,
  DemoGroupRating,
  DemoOrganizer,
  DemoParticipation,
  DemoResponse,
  DemoRoleAssignment,
  DemoRound,
  DemoUnit,
  DemoUser,
} from './types.ts';

/** The seed used when none is given. */
export const DEFAULT_DEMO_SEED = 20261123;

export interface GenerateDemoDatasetOptions {
  /** ISO date that every date in the data set is derived from, e.g. "2026-11-23". */
  today: string;
  /** Defaults to DEFAULT_DEMO_SEED. */
  seed?: number;
  /** One questionnaire per school form in use; for a form with several versions the highest is used. */
  questionnaires: QuestionnaireDefinition[];
}

/** A fixed, memorable user the demo login offers (independent of the seed). */
export interface DemoPersonaRef {
  /** e.g. "annaLindqvist" */
  id: string;
  organizerKey: string;
  userKey: string;
  name: string;
  email: string;
  title: string;
  /** Order on the demo login within the organizer, from 1. */
  position: number;
}

// ---------------------------------------------------------------------------------------------
// Identities

function emailLocalPart(firstName: string, lastName: string): string {
  return `${toEmailPart(firstName)}.${toEmailPart(lastName)}`;
}

function userKeyFor(organizerKey: string, emailLocal: string): string {
  return `${organizerKey}.${emailLocal.replace(/\./g, '-')}`;
}

/** The personas of both organizers. They come first in their organizer's users list and never get a digit in their e-mail. */
export const DEMO_PERSONAS: readonly DemoPersonaRef[] = ORGANIZER_SPECS.flatMap((spec) =>
  spec.personas.map((persona, index) => {
    const local = emailLocalPart(persona.firstName, persona.lastName);
    return {
      id: persona.id,
      organizerKey: spec.key,
      userKey: userKeyFor(spec.key, local),
      name: `${persona.firstName} ${persona.lastName}`,
      email: `${local}@${spec.emailDomain}`,
      title: persona.title,
      position: index + 1,
    };
  }),
);

const PERSONA_NAMES = new Set(DEMO_PERSONAS.map((p) => p.name));

/** Creates users with unique names, e-mails and keys within one organizer. */
class People {
  readonly users: DemoUser[] = [];
  private readonly names = new Set<string>();
  private readonly emails = new Set<string>();

  constructor(
    private readonly spec: OrganizerSpec,
    private readonly random: Random,
  ) {}

  add(firstName: string, lastName: string, title: string, roles: DemoRoleAssignment[]): DemoUser {
    const base = emailLocalPart(firstName, lastName);
    let local = base;
    for (let n = 2; this.emails.has(local); n++) local = `${base}${n}`;
    this.emails.add(local);
    const name = `${firstName} ${lastName}`;
    this.names.add(name);
    const user: DemoUser = {
      key: userKeyFor(this.spec.key, local),
      name,
      email: `${local}@${this.spec.emailDomain}`,
      title,
      roles,
    };
    this.users.push(user);
    return user;
  }

  /** A realistic name not used yet in this organizer and not a persona's. */
  randomName(femaleShare: number): [string, string] {
    for (let attempt = 0; ; attempt++) {
      const first = this.random.pick(this.random.chance(femaleShare) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
      const last = this.random.pick(LAST_NAMES);
      const name = `${first} ${last}`;
      if (attempt >= 50 || (!this.names.has(name) && !PERSONA_NAMES.has(name))) return [first, last];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Periods

interface Period {
  index: 0 | 1 | 2;
  opensOn: string;
  closesOn: string;
  open: boolean;
}

/** Two closed rounds about 13 and 7 months ago (Monday to Friday four weeks later) and one open now. */
function buildPeriods(today: string): Record<0 | 1 | 2, Period> {
  const yearAgo = mondayOnOrAfter(addMonths(today, -13));
  const halfYearAgo = mondayOnOrAfter(addMonths(today, -7));
  return {
    0: { index: 0, opensOn: yearAgo, closesOn: addDays(yearAgo, 25), open: false },
    1: { index: 1, opensOn: halfYearAgo, closesOn: addDays(halfYearAgo, 25), open: false },
    2: { index: 2, opensOn: addDays(today, -14), closesOn: addDays(today, 21), open: true },
  };
}

/**
 * The names of the demo's three terms for a seeding day, oldest first, e.g. ['Hösten 2025', 'Våren 2026',
 * 'Hösten 2026']: the last one is the open round. Tests use it so that they do not depend on the date.
 */
export function demoTermNames(today: string): [string, string, string] {
  const periods = buildPeriods(today);
  const name = (period: Period) => {
    const term = termOf(period.opensOn);
    return `${term.label} ${term.year}`;
  };
  return [name(periods[0]), name(periods[1]), name(periods[2])];
}

// ---------------------------------------------------------------------------------------------
// Organizers, units, teams and staff

interface Member {
  userKey: string;
  title: string;
  leadsTeam: boolean;
  persona: boolean;
  notStartedInOpenRound: boolean;
  /** This person's tendency to rate higher or lower than colleagues. */
  leniency: number;
}

interface TeamInfo {
  key: string;
  schoolForm: SchoolForm;
  unit: UnitSpec;
  unitKey: string;
  members: Member[];
}

interface Context {
  seed: number;
  today: string;
  periods: Record<0 | 1 | 2, Period>;
  questionnaires: Map<SchoolForm, QuestionnaireDefinition>;
  unitCodes: Map<string, string>;
}

const NON_TEACHING_TITLES = new Set(['Barnskötare', 'Elevassistent', 'Fritidsledare']);

function rolesForPersona(spec: OrganizerSpec, persona: PersonaSpec): DemoRoleAssignment[] {
  const unitKey = (slug: string): string => {
    if (!spec.units.some((u) => u.slug === slug)) throw new Error(`Demodata: okänd enhet ${slug} för ${persona.id}`);
    return `${spec.key}.${slug}`;
  };
  const placement = persona.placement;
  switch (placement.role) {
    case 'staff': {
      const unit = spec.units.find((u) => u.slug === placement.unit);
      if (!unit?.teams.some((t) => t.slug === placement.team)) {
        throw new Error(`Demodata: okänt arbetslag ${placement.unit}/${placement.team} för ${persona.id}`);
      }
      return [
        {
          role: 'staff',
          unitKey: unitKey(placement.unit),
          teamKey: `${spec.key}.${placement.unit}.${placement.team}`,
          leadsTeam: placement.leadsTeam,
        },
      ];
    }
    case 'principal':
      return placement.units.map((slug) => ({ role: 'principal', unitKey: unitKey(slug) }));
    case 'organizer':
      return [{ role: 'organizer' }];
    case 'admin':
      return [{ role: 'admin' }];
  }
}

function closedRoundSubmitCount(random: Random, size: number): number {
  const min = Math.ceil(size * 0.7);
  const max = Math.floor(size * 0.95);
  return min <= max ? random.int(min, max) : Math.max(1, Math.round(size * 0.8));
}

function buildOrganizer(spec: OrganizerSpec, ctx: Context): DemoOrganizer {
  const people = new People(spec, Random.derive(ctx.seed, `people|${spec.key}`));
  const teams: TeamInfo[] = [];
  const personaMembers = new Map<string, { persona: PersonaSpec; user: DemoUser }[]>();

  for (const persona of spec.personas) {
    const user = people.add(persona.firstName, persona.lastName, persona.title, rolesForPersona(spec, persona));
    const teamKey = user.roles[0]?.teamKey;
    if (teamKey) personaMembers.set(teamKey, [...(personaMembers.get(teamKey) ?? []), { persona, user }]);
  }

  for (const group of spec.otherPrincipals) {
    const [first, last] = people.randomName(0.6);
    people.add(
      first,
      last,
      'Rektor',
      group.map((slug) => ({ role: 'principal', unitKey: `${spec.key}.${slug}` })),
    );
  }

  const units: DemoUnit[] = spec.units.map((unit) => {
    const unitKey = `${spec.key}.${unit.slug}`;
    const unitCode = ctx.unitCodes.get(unitKey);
    if (!unitCode) throw new Error(`Demodata: enhetskod saknas för ${unitKey}`);
    const demoTeams = unit.teams.map((team) => {
      const teamKey = `${unitKey}.${team.slug}`;
      const random = Random.derive(ctx.seed, `team|${teamKey}`);
      const titles = STAFF_TITLES[team.schoolForm];
      const size = team.size ?? random.int(...TEAM_SIZES[team.schoolForm]);
      const personas = personaMembers.get(teamKey) ?? [];
      const generated = Math.max(0, size - personas.length);
      const extra = (team.extraTitles ?? []).slice(0, generated);
      const generatedTitles = [...extra];
      while (generatedTitles.length < generated) generatedTitles.push(random.weighted(titles.mix));
      const personaLeads = personas.filter((p) => p.persona.placement.role === 'staff' && p.persona.placement.leadsTeam).length;
      const leadsWanted = size >= 8 ? 2 : 1;
      // Team leads are generated staff with the lead title (after any extra titles); make one if needed.
      const leadIndexes: number[] = [];
      for (let i = extra.length; i < generatedTitles.length && personaLeads + leadIndexes.length < leadsWanted; i++) {
        if (generatedTitles[i] === titles.lead) leadIndexes.push(i);
      }
      if (personaLeads + leadIndexes.length === 0 && generatedTitles.length > extra.length) {
        const i = generatedTitles.length - 1;
        generatedTitles[i] = titles.lead;
        leadIndexes.push(i);
      }

      const members: Member[] = personas.map(({ persona, user }) => ({
        userKey: user.key,
        title: user.title,
        leadsTeam: user.roles[0]?.leadsTeam ?? false,
        persona: true,
        notStartedInOpenRound: persona.placement.role === 'staff' && persona.placement.notStartedInOpenRound,
        leniency: stableNormal(ctx.seed, `leniency|${user.key}`, 0.3),
      }));
      generatedTitles.forEach((title, i) => {
        const [first, last] = people.randomName(titles.femaleShare);
        const leadsTeam = leadIndexes.includes(i);
        const user = people.add(first, last, title, [{ role: 'staff', unitKey, teamKey, leadsTeam }]);
        members.push({
          userKey: user.key,
          title,
          leadsTeam,
          persona: false,
          notStartedInOpenRound: false,
          leniency: stableNormal(ctx.seed, `leniency|${user.key}`, 0.3),
        });
      });
      teams.push({ key: teamKey, schoolForm: team.schoolForm, unit, unitKey, members });
      return { key: teamKey, name: team.name, schoolForm: team.schoolForm };
    });
    const forms = new Set(unit.teams.map((t) => t.schoolForm));
    return {
      key: unitKey,
      name: unit.name,
      unitCode,
      schoolForms: SCHOOL_FORMS.filter((form) => forms.has(form)),
      teams: demoTeams,
    };
  });

  const formsInUse = SCHOOL_FORMS.filter((form) => teams.some((t) => t.schoolForm === form));
  const roundForms = spec.roundForms ?? formsInUse;
  const rounds: DemoRound[] = [];
  for (const periodIndex of spec.periods) {
    for (const form of roundForms) {
      const questionnaire = ctx.questionnaires.get(form);
      if (!questionnaire) throw new Error(`Demodata: frågeformulär saknas för skolformen ${form}`);
      const formTeams = teams.filter((t) => t.schoolForm === form);
      rounds.push(buildRound(spec, ctx, ctx.periods[periodIndex], questionnaire, formTeams));
    }
  }

  return {
    key: spec.key,
    name: spec.name,
    kind: spec.kind,
    anonymityThreshold: spec.anonymityThreshold,
    staffCanSeeResults: spec.staffCanSeeResults,
    units,
    users: people.users,
    personaUserKeys: DEMO_PERSONAS.filter((p) => p.organizerKey === spec.key)
      .sort((a, b) => a.position - b.position)
      .map((p) => p.userKey),
    rounds,
  };
}

// ---------------------------------------------------------------------------------------------
// Answers

/** Areas rated lower or higher across the whole municipality (matched on the area's title). */
const AREA_TENDENCIES: readonly (readonly [RegExp, number])[] = [
  [/bedömning|betyg/i, -0.45],
  [/inflytande|delaktighet/i, -0.4],
  [/omvärld/i, -0.15],
  [/normer och värden|värdegrund/i, 0.3],
  [/och hem/i, 0.1],
];

const BASE_LEVEL = 2.65;
const NOISE_SD = 0.55;
const COMMENT_PROBABILITY = 0.035;
const UNANSWERED_PROBABILITY = 0.01;

function areaTendency(title: string): number {
  for (const [pattern, effect] of AREA_TENDENCIES) if (pattern.test(title)) return effect;
  return 0;
}

function dontKnowProbability(area: AreaDefinition, member: Member): number {
  let p = 0.018;
  if (/rektor|övergång|samverkan|omvärld/i.test(area.title)) p += 0.035;
  if (NON_TEACHING_TITLES.has(member.title) && /bedömning|betyg|undervisning/i.test(area.title)) p += 0.05;
  return p;
}

/** The area of a questionnaire where a declining unit falls: the one matching its pattern, else the second area. */
function declineAreaKey(unit: UnitSpec, questionnaire: QuestionnaireDefinition): string | undefined {
  if (!unit.decline) return undefined;
  const pattern = unit.decline.area;
  return (questionnaire.areas.find((a) => pattern.test(a.title)) ?? questionnaire.areas[1] ?? questionnaire.areas[0])?.key;
}

/** Expected level (1–4 scale, before person and noise) per indicator for one team in one period. */
function teamLevels(ctx: Context, questionnaire: QuestionnaireDefinition, team: TeamInfo, period: Period): Map<string, number> {
  const { seed } = ctx;
  const unitEffect = team.unit.strength + stableNormal(seed, `unit|${team.unitKey}`, 0.05);
  const teamEffect = stableNormal(seed, `team|${team.key}`, 0.15);
  const perTerm = team.unit.trendPerTerm ?? Random.derive(seed, `trend|${team.unitKey}`).between(0.08, 0.2);
  const declineKey = declineAreaKey(team.unit, questionnaire);
  const levels = new Map<string, number>();
  for (const area of questionnaire.areas) {
    const areaEffect = areaTendency(area.title) + stableNormal(seed, `area|${area.key}`, 0.1);
    const unitAreaEffect = stableNormal(seed, `unit-area|${team.unitKey}|${area.key}`, 0.12);
    const decline = area.key === declineKey ? (team.unit.decline?.byPeriod[period.index] ?? 0) : 0;
    const trend = perTerm * period.index + decline;
    for (const indicator of area.indicators) {
      const indicatorEffect = stableNormal(seed, `indicator|${indicator.key}`, 0.25);
      levels.set(indicator.key, BASE_LEVEL + unitEffect + teamEffect + areaEffect + unitAreaEffect + indicatorEffect + trend);
    }
  }
  return levels;
}

/** Maps a level on the 1–4 scale to the questionnaire's scale (usually the same four steps). */
function toScale(level: number, steps: number): number {
  const value = Math.round(1 + ((level - 1) * (steps - 1)) / 3);
  return Math.min(steps, Math.max(1, value));
}

interface RatingInput {
  questionnaire: QuestionnaireDefinition;
  schoolForm: SchoolForm;
  member: Member;
  levels: Map<string, number>;
  /** indicator key → "low" or "high" for indicators where the team is split. */
  camps: Map<string, 'low' | 'high'>;
  areas: readonly AreaDefinition[];
  /** For drafts: only this many indicators of the last area. */
  lastAreaIndicators?: number;
}

function rate(random: Random, input: RatingInput): { answers: Record<string, DemoAnswer>; comments: Record<string, string> } {
  const steps = input.questionnaire.scale.steps.length;
  const answers: Record<string, DemoAnswer> = {};
  const comments: Record<string, string> = {};
  input.areas.forEach((area, areaIndex) => {
    const isLast = areaIndex === input.areas.length - 1;
    const indicators: readonly IndicatorDefinition[] =
      isLast && input.lastAreaIndicators !== undefined ? area.indicators.slice(0, input.lastAreaIndicators) : area.indicators;
    for (const indicator of indicators) {
      if (random.chance(UNANSWERED_PROBABILITY)) continue;
      const camp = input.camps.get(indicator.key);
      if (camp) {
        answers[indicator.key] = toScale(camp === 'low' ? random.between(1, 2.49) : random.between(2.51, 4), steps);
        continue;
      }
      if (random.chance(dontKnowProbability(area, input.member))) {
        answers[indicator.key] = DONT_KNOW;
        continue;
      }
      const level = (input.levels.get(indicator.key) ?? BASE_LEVEL) + input.member.leniency + random.normal(0, NOISE_SD);
      answers[indicator.key] = toScale(level, steps);
    }
    if (random.chance(COMMENT_PROBABILITY)) comments[area.key] = pickAreaComment(random, area.title, input.schoolForm);
  });
  return { answers, comments };
}

// ---------------------------------------------------------------------------------------------
// Rounds

function roundIdentity(spec: OrganizerSpec, form: SchoolForm, period: Period): { key: string; name: string; term: Term } {
  const term = termOf(period.opensOn);
  return {
    key: `${spec.key}.${term.year}-${term.code}.${form}`,
    name: `${term.label} ${term.year} · ${SCHOOL_FORM_LABELS[form]}`,
    term,
  };
}

/** Order that does not follow generation order: by a hash of the content. */
function sortByContentHash<T>(seed: number, items: T[]): T[] {
  const keyed = items.map((item) => {
    const json = JSON.stringify(item);
    return { item, json, hash: hashString(`${seed}|${json}`) };
  });
  keyed.sort((a, b) => a.hash - b.hash || (a.json < b.json ? -1 : a.json > b.json ? 1 : 0));
  return keyed.map((k) => k.item);
}

function buildRound(
  spec: OrganizerSpec,
  ctx: Context,
  period: Period,
  questionnaire: QuestionnaireDefinition,
  teams: TeamInfo[],
): DemoRound {
  const { seed } = ctx;
  const { key, name } = roundIdentity(spec, questionnaire.schoolForm, period);
  const form = questionnaire.schoolForm;
  const steps = questionnaire.scale.steps.length;
  const lastSubmitDay = period.open ? addDays(ctx.today, -1) : period.closesOn;
  const days = weekdaysBetween(period.opensOn, lastSubmitDay);
  if (days.length === 0) throw new Error(`Demodata: omgången ${key} har inga dagar att svara på`);
  const indicators = questionnaire.areas.flatMap((a) => a.indicators);

  const responses: DemoResponse[] = [];
  const participations: DemoParticipation[] = [];
  const drafts: DemoDraft[] = [];
  const teamResults = new Map<string, { responses: DemoResponse[]; splits: string[] }>();

  for (const team of teams) {
    const random = Random.derive(seed, `round|${key}|${team.key}`);
    const levels = teamLevels(ctx, questionnaire, team, period);
    // The team meets once during the round (arbetslagsträff) and most answer that day; the others
    // catch up on one of the next two weekdays. Few distinct dates also keep responses hard to link.
    const meetingIndex = random.int(0, Math.max(0, days.length - 3));
    const meetingDay = days[meetingIndex] ?? period.opensOn;
    const catchUpDays = days.slice(meetingIndex + 1, meetingIndex + 3);

    let submitters: Member[];
    let drafters: Member[] = [];
    if (period.open) {
      const eligible = random.shuffle(team.members.filter((m) => !m.notStartedInOpenRound));
      const count = Math.round(eligible.length * random.between(0.35, 0.65));
      submitters = eligible.slice(0, count);
      drafters = eligible.slice(count).filter(() => random.chance(0.35));
    } else {
      const count = closedRoundSubmitCount(random, team.members.length);
      const personas = team.members.filter((m) => m.persona);
      const others = random.shuffle(team.members.filter((m) => !m.persona));
      submitters = [...personas, ...others].slice(0, count);
    }

    // Strong disagreement: on one or two indicators some teams split between 1–2 and 3–4.
    const splits: string[] = [];
    if (submitters.length >= 4 && random.chance(0.2)) {
      const count = random.int(1, 2);
      for (const indicator of random.shuffle(indicators).slice(0, count)) splits.push(indicator.key);
    }
    const campsByMember = new Map<string, Map<string, 'low' | 'high'>>();
    for (const indicatorKey of splits) {
      const shuffled = random.shuffle(submitters);
      shuffled.forEach((member, i) => {
        const camps = campsByMember.get(member.userKey) ?? new Map<string, 'low' | 'high'>();
        camps.set(indicatorKey, i < Math.ceil(shuffled.length / 2) ? 'low' : 'high');
        campsByMember.set(member.userKey, camps);
      });
    }

    const teamResponses: DemoResponse[] = [];
    for (const member of submitters) {
      const submittedOn = catchUpDays.length > 0 && random.chance(0.3) ? random.pick(catchUpDays) : meetingDay;
      const memberRandom = Random.derive(seed, `answers|${key}|${member.userKey}`);
      const { answers, comments } = rate(memberRandom, {
        questionnaire,
        schoolForm: form,
        member,
        levels,
        camps: campsByMember.get(member.userKey) ?? new Map(),
        areas: questionnaire.areas,
      });
      participations.push({ userKey: member.userKey, unitKey: team.unitKey, submittedOn });
      teamResponses.push({ unitKey: team.unitKey, teamKey: team.key, submittedOn, answers, comments });
    }
    responses.push(...teamResponses);
    teamResults.set(team.key, { responses: teamResponses, splits });

    for (const member of drafters) {
      const memberRandom = Random.derive(seed, `draft|${key}|${member.userKey}`);
      const areaCount = memberRandom.int(1, Math.max(1, questionnaire.areas.length - 1));
      const areas = questionnaire.areas.slice(0, areaCount);
      const lastArea = areas[areas.length - 1];
      const { answers, comments } = rate(memberRandom, {
        questionnaire,
        schoolForm: form,
        member,
        levels,
        camps: new Map(),
        areas,
        lastAreaIndicators: lastArea ? memberRandom.int(1, lastArea.indicators.length) : undefined,
      });
      drafts.push({ userKey: member.userKey, unitKey: team.unitKey, teamKey: team.key, answers, comments });
    }
  }

  const groupRatings = period.open ? [] : buildGroupRatings(ctx, key, questionnaire, teams, teamResults, steps);

  return {
    key,
    name,
    schoolForm: form,
    questionnaireKey: questionnaire.key,
    unitKeys: [...new Set(teams.map((t) => t.unitKey))],
    opensOn: period.opensOn,
    closesOn: period.closesOn,
    responses: sortByContentHash(seed, responses),
    participations: participations.sort((a, b) => compare(a.userKey, b.userKey) || compare(a.unitKey, b.unitKey)),
    drafts: drafts.sort((a, b) => compare(a.userKey, b.userKey)),
    groupRatings,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Consensus ratings for a few teams: always the teams a persona leads, plus one more. */
function buildGroupRatings(
  ctx: Context,
  roundKey: string,
  questionnaire: QuestionnaireDefinition,
  teams: TeamInfo[],
  teamResults: Map<string, { responses: DemoResponse[]; splits: string[] }>,
  steps: number,
): DemoGroupRating[] {
  const random = Random.derive(ctx.seed, `group-ratings|${roundKey}`);
  const withPersonaLead = teams.filter((t) => t.members.some((m) => m.persona && m.leadsTeam));
  const others = teams.filter((t) => !withPersonaLead.includes(t));
  const chosen = [...withPersonaLead, ...random.shuffle(others).slice(0, 1)];
  const ratings: DemoGroupRating[] = [];
  for (const team of chosen) {
    const result = teamResults.get(team.key);
    const lead = team.members.find((m) => m.leadsTeam);
    if (!result || result.responses.length === 0 || !lead) continue;
    const splitArea = questionnaire.areas.find((a) => a.indicators.some((i) => result.splits.includes(i.key)));
    const area = splitArea ?? random.pick(questionnaire.areas);
    const usedReasons = new Set<string>();
    for (const indicator of area.indicators.slice(0, 5)) {
      const values = result.responses.map((r) => r.answers[indicator.key]).filter((v): v is number => typeof v === 'number');
      if (values.length === 0) continue;
      const value = Math.min(steps, Math.max(1, Math.round(values.reduce((s, v) => s + v, 0) / values.length)));
      const level = 1 + ((value - 1) * 3) / (steps - 1);
      ratings.push({
        teamKey: team.key,
        indicatorKey: indicator.key,
        value,
        reason: pickGroupReason(random, level, team.schoolForm, result.splits.includes(indicator.key), usedReasons),
        byUserKey: lead.userKey,
      });
    }
  }
  return ratings;
}

// ---------------------------------------------------------------------------------------------
// Entry point

function questionnairesByForm(questionnaires: QuestionnaireDefinition[]): Map<SchoolForm, QuestionnaireDefinition> {
  const byForm = new Map<SchoolForm, QuestionnaireDefinition>();
  for (const q of questionnaires) {
    const current = byForm.get(q.schoolForm);
    if (!current || q.version > current.version) byForm.set(q.schoolForm, q);
  }
  return byForm;
}

function assignUnitCodes(seed: number): Map<string, string> {
  const random = Random.derive(seed, 'unit-codes');
  const codes = new Map<string, string>();
  const used = new Set<string>();
  for (const spec of ORGANIZER_SPECS) {
    for (const unit of spec.units) {
      let code: string;
      do code = String(random.int(10_000_000, 99_999_999));
      while (used.has(code));
      used.add(code);
      codes.set(`${spec.key}.${unit.slug}`, code);
    }
  }
  return codes;
}

/**
 * The demo data set: "Exempelstad kommun" (12 units, all eight school forms, three rounds each)
 * and the independent "Stiftelsen Bäckaskolan". Deterministic: the same `today`, `seed` and
 * questionnaires always give the same data set. All dates are derived from `today`.
 */
export function generateDemoDataset(options: GenerateDemoDatasetOptions): DemoDataset {
  const today = toIsoDate(parseIsoDate(options.today));
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const ctx: Context = {
    seed,
    today,
    periods: buildPeriods(today),
    questionnaires: questionnairesByForm(options.questionnaires),
    unitCodes: assignUnitCodes(seed),
  };
  return {
    organizers: ORGANIZER_SPECS.map((spec) => {
      const organizer = buildOrganizer(spec, ctx);
      const outcomes = buildDemoOutcomes(organizer, { today, seed });
      return outcomes ? { ...organizer, outcomes } : organizer;
    }).map((organizer) => withDemoQualityCycle(organizer, { today, questionnaires: options.questionnaires })),
  };
}
