import type { SchoolForm } from '@kvalitetshjulet/domain';

/**
 * The fixed shape of the demo organizers: units, teams, personas and the story the
 * numbers tell (which units are stronger, which one falls). Names of ordinary staff,
 * team sizes and all answers are generated from the seed.
 */

export interface TeamSpec {
  slug: string;
  name: string;
  schoolForm: SchoolForm;
  /** Fixed number of staff (personas included); otherwise from TEAM_SIZES and the seed. */
  size?: number;
  /** Titles given to some of the generated staff, e.g. one study counsellor per school. */
  extraTitles?: readonly string[];
}

export interface UnitSpec {
  slug: string;
  name: string;
  /** The unit's level on the 1–4 scale relative to the municipality (+0.4 is clearly stronger). */
  strength: number;
  /** Change per term (half year); otherwise a small improvement from the seed. */
  trendPerTerm?: number;
  /** One area that clearly falls: its effect per period (0 = a year ago, 1 = half a year ago, 2 = now). */
  decline?: { area: RegExp; byPeriod: readonly [number, number, number] };
  teams: readonly TeamSpec[];
}

export type PersonaPlacement =
  | { role: 'staff'; unit: string; team: string; leadsTeam: boolean; notStartedInOpenRound: boolean }
  | { role: 'principal'; units: readonly string[] }
  | { role: 'organizer' }
  | { role: 'admin' };

export interface PersonaSpec {
  /** Identifier in DEMO_PERSONAS, e.g. "annaLindqvist". */
  id: string;
  firstName: string;
  lastName: string;
  title: string;
  placement: PersonaPlacement;
}

export interface OrganizerSpec {
  key: string;
  name: string;
  kind: 'kommun' | 'enskild';
  anonymityThreshold: number;
  staffCanSeeResults: boolean;
  emailDomain: string;
  units: readonly UnitSpec[];
  /** Shown first in the users list, in this order. */
  personas: readonly PersonaSpec[];
  /** Units (by slug) led by a generated rektor, one group per rektor. */
  otherPrincipals: readonly (readonly string[])[];
  /** Rounds are created for these periods: 0 ≈ 13 months ago, 1 ≈ 7 months ago (both closed), 2 = open now. */
  periods: readonly (0 | 1 | 2)[];
  /** Restricts rounds to these school forms; otherwise every form a team works in. */
  roundForms?: readonly SchoolForm[];
}

const BEDOMNING = /bedömning|betyg/i;

export const EXEMPELSTAD: OrganizerSpec = {
  key: 'exempelstad',
  name: 'Exempelstad kommun',
  kind: 'kommun',
  anonymityThreshold: 5,
  staffCanSeeResults: true,
  emailDomain: 'exempelstad.se',
  periods: [0, 1, 2],
  units: [
    {
      slug: 'solrosens-forskola',
      name: 'Solrosens förskola',
      strength: 0.1,
      teams: [
        { slug: 'blasippan', name: 'Avdelning Blåsippan', schoolForm: 'forskola' },
        { slug: 'vitsippan', name: 'Avdelning Vitsippan', schoolForm: 'forskola' },
        { slug: 'humlan', name: 'Avdelning Humlan', schoolForm: 'forskola' },
      ],
    },
    {
      slug: 'ekorrens-forskola',
      name: 'Ekorrens förskola',
      strength: -0.25,
      teams: [
        { slug: 'kotten', name: 'Avdelning Kotten', schoolForm: 'forskola' },
        { slug: 'mossan', name: 'Avdelning Mossan', schoolForm: 'forskola' },
      ],
    },
    {
      slug: 'larkans-forskola',
      name: 'Lärkans förskola',
      strength: 0.45,
      teams: [
        { slug: 'nyckelpigan', name: 'Avdelning Nyckelpigan', schoolForm: 'forskola' },
        { slug: 'trollslandan', name: 'Avdelning Trollsländan', schoolForm: 'forskola' },
        { slug: 'myran', name: 'Avdelning Myran', schoolForm: 'forskola' },
      ],
    },
    {
      slug: 'ekbackens-skola',
      name: 'Ekbackens skola',
      strength: 0,
      teams: [
        { slug: 'forskoleklass', name: 'Förskoleklass', schoolForm: 'forskoleklass' },
        { slug: 'fritidshemmet', name: 'Fritidshemmet', schoolForm: 'fritidshem' },
        { slug: 'arbetslag-1-3', name: 'Arbetslag 1–3', schoolForm: 'grundskola' },
        { slug: 'arbetslag-4-6', name: 'Arbetslag 4–6', schoolForm: 'grundskola', extraTitles: ['Speciallärare'] },
      ],
    },
    {
      slug: 'tallbackens-skola',
      name: 'Tallbackens skola',
      strength: 0.5,
      teams: [
        { slug: 'forskoleklass', name: 'Förskoleklass', schoolForm: 'forskoleklass' },
        { slug: 'fritidshemmet', name: 'Fritidshemmet', schoolForm: 'fritidshem' },
        { slug: 'arbetslag-1-3', name: 'Arbetslag 1–3', schoolForm: 'grundskola' },
        { slug: 'arbetslag-4-6', name: 'Arbetslag 4–6', schoolForm: 'grundskola', extraTitles: ['Speciallärare'] },
      ],
    },
    {
      slug: 'sjoviksskolan',
      name: 'Sjöviksskolan',
      strength: -0.4,
      trendPerTerm: 0.02,
      teams: [
        { slug: 'forskoleklass', name: 'Förskoleklass', schoolForm: 'forskoleklass' },
        { slug: 'fritidshemmet', name: 'Fritidshemmet', schoolForm: 'fritidshem' },
        { slug: 'arbetslag-1-3', name: 'Arbetslag 1–3', schoolForm: 'grundskola' },
        { slug: 'arbetslag-4-6', name: 'Arbetslag 4–6', schoolForm: 'grundskola' },
      ],
    },
    {
      slug: 'norrgardsskolan',
      name: 'Norrgårdsskolan',
      strength: -0.1,
      trendPerTerm: 0.05,
      decline: { area: BEDOMNING, byPeriod: [0.3, -0.55, -0.4] },
      teams: [
        { slug: 'arbetslag-7', name: 'Arbetslag 7', schoolForm: 'grundskola', extraTitles: ['Studie- och yrkesvägledare'] },
        { slug: 'arbetslag-8', name: 'Arbetslag 8', schoolForm: 'grundskola', extraTitles: ['Speciallärare'] },
        { slug: 'arbetslag-9', name: 'Arbetslag 9', schoolForm: 'grundskola' },
      ],
    },
    {
      slug: 'centralskolan',
      name: 'Centralskolan',
      strength: 0.15,
      teams: [
        { slug: 'eken', name: 'Arbetslag Eken', schoolForm: 'grundskola', extraTitles: ['Studie- och yrkesvägledare'] },
        { slug: 'linden', name: 'Arbetslag Linden', schoolForm: 'grundskola', extraTitles: ['Specialpedagog'] },
        { slug: 'bjorken', name: 'Arbetslag Björken', schoolForm: 'grundskola' },
      ],
    },
    {
      slug: 'kastanjeskolan',
      name: 'Kastanjeskolan',
      strength: 0.3,
      teams: [
        { slug: 'arbetslag-1-6', name: 'Arbetslag 1–6', schoolForm: 'anpassad-grundskola' },
        { slug: 'arbetslag-7-9', name: 'Arbetslag 7–9', schoolForm: 'anpassad-grundskola', size: 4 },
      ],
    },
    {
      slug: 'exempelstads-gymnasium',
      name: 'Exempelstads gymnasium',
      strength: 0.05,
      teams: [
        { slug: 'naturvetenskap', name: 'Programlag Naturvetenskap', schoolForm: 'gymnasieskola' },
        { slug: 'samhallsvetenskap', name: 'Programlag Samhällsvetenskap', schoolForm: 'gymnasieskola' },
        {
          slug: 'ekonomi',
          name: 'Programlag Ekonomi',
          schoolForm: 'gymnasieskola',
          extraTitles: ['Studie- och yrkesvägledare'],
        },
        { slug: 'el-och-energi', name: 'Programlag El och energi', schoolForm: 'gymnasieskola' },
      ],
    },
    {
      slug: 'anpassade-gymnasieskolan',
      name: 'Exempelstads gymnasium, anpassade gymnasieskolan',
      strength: 0.2,
      teams: [
        { slug: 'nationella-program', name: 'Nationella program', schoolForm: 'anpassad-gymnasieskola' },
        { slug: 'individuella-program', name: 'Individuella program', schoolForm: 'anpassad-gymnasieskola', size: 3 },
      ],
    },
    {
      slug: 'larcentrum',
      name: 'Exempelstads lärcentrum',
      strength: -0.15,
      teams: [
        { slug: 'sfi', name: 'Arbetslag sfi', schoolForm: 'komvux' },
        { slug: 'grundlaggande', name: 'Arbetslag grundläggande nivå', schoolForm: 'komvux' },
        {
          slug: 'gymnasial',
          name: 'Arbetslag gymnasial nivå',
          schoolForm: 'komvux',
          extraTitles: ['Studie- och yrkesvägledare'],
        },
      ],
    },
  ],
  personas: [
    {
      id: 'annaLindqvist',
      firstName: 'Anna',
      lastName: 'Lindqvist',
      title: 'Lärare',
      placement: { role: 'staff', unit: 'ekbackens-skola', team: 'arbetslag-4-6', leadsTeam: true, notStartedInOpenRound: true },
    },
    {
      id: 'erikJohansson',
      firstName: 'Erik',
      lastName: 'Johansson',
      title: 'Rektor',
      placement: { role: 'principal', units: ['ekbackens-skola', 'tallbackens-skola'] },
    },
    { id: 'mariaSvensson', firstName: 'Maria', lastName: 'Svensson', title: 'Kvalitetsstrateg', placement: { role: 'organizer' } },
    { id: 'johanBerg', firstName: 'Johan', lastName: 'Berg', title: 'Skolchef', placement: { role: 'organizer' } },
    { id: 'saraNilsson', firstName: 'Sara', lastName: 'Nilsson', title: 'Systemadministratör', placement: { role: 'admin' } },
    {
      id: 'lenaEk',
      firstName: 'Lena',
      lastName: 'Ek',
      title: 'Förskollärare',
      placement: { role: 'staff', unit: 'solrosens-forskola', team: 'blasippan', leadsTeam: false, notStartedInOpenRound: true },
    },
    {
      id: 'karinHolm',
      firstName: 'Karin',
      lastName: 'Holm',
      title: 'Rektor',
      placement: { role: 'principal', units: ['solrosens-forskola', 'ekorrens-forskola'] },
    },
  ],
  otherPrincipals: [
    ['larkans-forskola'],
    ['sjoviksskolan'],
    ['norrgardsskolan'],
    ['centralskolan', 'kastanjeskolan'],
    ['exempelstads-gymnasium', 'anpassade-gymnasieskolan'],
    ['larcentrum'],
  ],
};

export const BACKASKOLAN: OrganizerSpec = {
  key: 'backaskolan',
  name: 'Stiftelsen Bäckaskolan',
  kind: 'enskild',
  anonymityThreshold: 5,
  staffCanSeeResults: false,
  emailDomain: 'backaskolan.se',
  periods: [1, 2],
  roundForms: ['grundskola'],
  units: [
    {
      slug: 'backaskolan',
      name: 'Bäckaskolan',
      strength: 0.25,
      teams: [
        { slug: 'forskoleklass', name: 'Förskoleklass', schoolForm: 'forskoleklass' },
        { slug: 'fritidshemmet', name: 'Fritidshemmet', schoolForm: 'fritidshem' },
        {
          slug: 'arbetslag-1-9',
          name: 'Arbetslag 1–9',
          schoolForm: 'grundskola',
          size: 9,
          extraTitles: ['Speciallärare', 'Studie- och yrkesvägledare'],
        },
      ],
    },
  ],
  personas: [
    { id: 'perBack', firstName: 'Per', lastName: 'Bäck', title: 'Rektor', placement: { role: 'principal', units: ['backaskolan'] } },
    {
      id: 'olleStrand',
      firstName: 'Olle',
      lastName: 'Strand',
      title: 'Lärare',
      placement: { role: 'staff', unit: 'backaskolan', team: 'arbetslag-1-9', leadsTeam: false, notStartedInOpenRound: true },
    },
  ],
  otherPrincipals: [],
};

export const ORGANIZER_SPECS: readonly OrganizerSpec[] = [EXEMPELSTAD, BACKASKOLAN];

/** Usual number of staff in a team per school form (both inclusive); teams below 5 are set explicitly. */
export const TEAM_SIZES: Record<SchoolForm, readonly [number, number]> = {
  forskola: [5, 8],
  forskoleklass: [5, 6],
  fritidshem: [5, 8],
  grundskola: [5, 9],
  'anpassad-grundskola': [5, 7],
  gymnasieskola: [5, 9],
  'anpassad-gymnasieskola': [5, 7],
  komvux: [5, 9],
};

/** Title mix per school form (weights), and the title a team lead has. */
export const STAFF_TITLES: Record<SchoolForm, { lead: string; mix: readonly (readonly [string, number])[]; femaleShare: number }> = {
  forskola: {
    lead: 'Förskollärare',
    mix: [
      ['Förskollärare', 0.5],
      ['Barnskötare', 0.5],
    ],
    femaleShare: 0.9,
  },
  forskoleklass: {
    lead: 'Lärare',
    mix: [
      ['Lärare', 0.55],
      ['Förskollärare', 0.3],
      ['Elevassistent', 0.15],
    ],
    femaleShare: 0.85,
  },
  fritidshem: {
    lead: 'Lärare i fritidshem',
    mix: [
      ['Lärare i fritidshem', 0.35],
      ['Fritidspedagog', 0.3],
      ['Fritidsledare', 0.25],
      ['Elevassistent', 0.1],
    ],
    femaleShare: 0.6,
  },
  grundskola: {
    lead: 'Lärare',
    mix: [
      ['Lärare', 0.9],
      ['Speciallärare', 0.05],
      ['Elevassistent', 0.05],
    ],
    femaleShare: 0.7,
  },
  'anpassad-grundskola': {
    lead: 'Speciallärare',
    mix: [
      ['Speciallärare', 0.45],
      ['Lärare', 0.25],
      ['Elevassistent', 0.3],
    ],
    femaleShare: 0.75,
  },
  gymnasieskola: {
    lead: 'Lärare',
    mix: [
      ['Lärare', 0.92],
      ['Speciallärare', 0.08],
    ],
    femaleShare: 0.55,
  },
  'anpassad-gymnasieskola': {
    lead: 'Speciallärare',
    mix: [
      ['Speciallärare', 0.5],
      ['Lärare', 0.2],
      ['Elevassistent', 0.3],
    ],
    femaleShare: 0.7,
  },
  komvux: {
    lead: 'Lärare',
    mix: [
      ['Lärare', 0.93],
      ['Speciallärare', 0.07],
    ],
    femaleShare: 0.65,
  },
};
