import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type QuestionnaireDefinition,
  questionnaireDefinitionSchema,
  SCHOOL_FORMS,
  type SchoolForm,
  STANDARD_SCALE,
} from '@kvalitetshjulet/domain';
import { describe, expect, it } from 'vitest';
import { loadStandardQuestionnaires } from '../questionnaires/index.ts';
import { DEFAULT_DEMO_SEED, DEMO_PERSONAS, generateDemoDataset } from './generate.ts';
import type { DemoDataset, DemoOrganizer, DemoRound, DemoUser } from './index.ts';

// ---------------------------------------------------------------------------------------------
// Small fake questionnaires, so this test does not depend on the standard ones.

const AREA_TITLES: Record<SchoolForm, string[]> = {
  forskola: [
    'Normer och värden',
    'Omsorg, utveckling och lärande',
    'Barns delaktighet och inflytande',
    'Förskola och hem',
    'Rektorns ansvar',
  ],
  forskoleklass: ['Normer och värden', 'Undervisningen i förskoleklass', 'Elevernas ansvar och inflytande', 'Övergång och samverkan'],
  fritidshem: ['Normer och värden', 'Undervisningen i fritidshemmet', 'Elevernas ansvar och inflytande', 'Skola och hem'],
  grundskola: [
    'Normer och värden',
    'Kunskaper',
    'Elevernas ansvar och inflytande',
    'Skola och hem',
    'Bedömning och betyg',
    'Rektorns ansvar',
  ],
  'anpassad-grundskola': ['Normer och värden', 'Kunskaper', 'Bedömning och betyg', 'Rektorns ansvar'],
  gymnasieskola: [
    'Normer och värden',
    'Kunskaper',
    'Elevernas ansvar och inflytande',
    'Utbildningsval – arbete och samhällsliv',
    'Bedömning och betyg',
  ],
  'anpassad-gymnasieskola': ['Normer och värden', 'Kunskaper', 'Elevernas ansvar och inflytande', 'Bedömning och betyg'],
  komvux: ['Normer och värden', 'Kunskaper', 'Elevernas ansvar och inflytande', 'Bedömning och betyg'],
};

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function fakeQuestionnaire(schoolForm: SchoolForm): QuestionnaireDefinition {
  return questionnaireDefinitionSchema.parse({
    key: schoolForm,
    schoolForm,
    version: 1,
    title: `Testformulär för ${schoolForm}`,
    curriculum: 'Testläroplan',
    introduction: 'Ett litet formulär för tester.',
    scale: STANDARD_SCALE,
    areas: AREA_TITLES[schoolForm].map((title) => {
      const areaKey = `${schoolForm}.${slug(title)}`;
      return {
        key: areaKey,
        title,
        description: `Beskrivning av ${title.toLowerCase()}.`,
        indicators: [1, 2, 3].map((n) => ({
          key: `${areaKey}.indikator-${n}`,
          statement: `Påstående ${n} om ${title.toLowerCase()}`,
          criteria: [1, 2, 3, 4].map((step) => `Kriterium för steg ${step} i ${title.toLowerCase()}, indikator ${n}`),
          evidenceHints: ['Titta på planeringar och dokumentation.'],
        })),
      };
    }),
  });
}

const QUESTIONNAIRES = SCHOOL_FORMS.map(fakeQuestionnaire);
const TODAY = '2026-11-23';
const dataset = generateDemoDataset({ today: TODAY, questionnaires: QUESTIONNAIRES });

// ---------------------------------------------------------------------------------------------
// Helpers

function organizer(data: DemoDataset, key: string): DemoOrganizer {
  const found = data.organizers.find((o) => o.key === key);
  if (!found) throw new Error(`organizer ${key} missing`);
  return found;
}

const exempelstad = organizer(dataset, 'exempelstad');
const backaskolan = organizer(dataset, 'backaskolan');

function userNamed(o: DemoOrganizer, name: string): DemoUser {
  const found = o.users.find((u) => u.name === name);
  if (!found) throw new Error(`user ${name} missing`);
  return found;
}

function openRound(o: DemoOrganizer, form: SchoolForm, today = TODAY): DemoRound {
  const found = o.rounds.find((r) => r.schoolForm === form && r.opensOn <= today && today <= r.closesOn);
  if (!found) throw new Error(`open ${form} round missing`);
  return found;
}

function closedRounds(o: DemoOrganizer, form: SchoolForm): DemoRound[] {
  return o.rounds.filter((r) => r.schoolForm === form && r.closesOn < TODAY).sort((a, b) => a.opensOn.localeCompare(b.opensOn));
}

/** Staff per team key. */
function staffByTeam(o: DemoOrganizer): Map<string, DemoUser[]> {
  const map = new Map<string, DemoUser[]>();
  for (const user of o.users) {
    for (const role of user.roles) {
      if (role.role === 'staff' && role.teamKey) map.set(role.teamKey, [...(map.get(role.teamKey) ?? []), user]);
    }
  }
  return map;
}

function count<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(key(item), (map.get(key(item)) ?? 0) + 1);
  return map;
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

const allRounds = dataset.organizers.flatMap((o) => o.rounds.map((round) => [o.key, round] as const));

// ---------------------------------------------------------------------------------------------

describe('generateDemoDataset', () => {
  it('is deterministic: the same input gives a deep-equal data set', () => {
    expect(generateDemoDataset({ today: TODAY, seed: DEFAULT_DEMO_SEED, questionnaires: QUESTIONNAIRES })).toEqual(dataset);
  });

  it('gives different answers for a different seed', () => {
    const other = generateDemoDataset({ today: TODAY, seed: 7, questionnaires: QUESTIONNAIRES });
    const answers = (d: DemoDataset) => d.organizers.flatMap((o) => o.rounds.flatMap((r) => r.responses.map((x) => x.answers)));
    expect(answers(other)).not.toEqual(answers(dataset));
  });

  it('is fast (< 1 s)', () => {
    const start = performance.now();
    generateDemoDataset({ today: TODAY, seed: 99, questionnaires: QUESTIONNAIRES });
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('rejects an invalid date and a missing questionnaire', () => {
    expect(() => generateDemoDataset({ today: '2026-02-30', questionnaires: QUESTIONNAIRES })).toThrow(/Ogiltigt datum/);
    expect(() => generateDemoDataset({ today: TODAY, questionnaires: QUESTIONNAIRES.filter((q) => q.schoolForm !== 'komvux') })).toThrow(
      /komvux/,
    );
  });

  it('has the two organizers with their settings', () => {
    expect(dataset.organizers.map((o) => [o.key, o.name, o.kind, o.anonymityThreshold, o.staffCanSeeResults])).toEqual([
      ['exempelstad', 'Exempelstad kommun', 'kommun', 5, true],
      ['backaskolan', 'Stiftelsen Bäckaskolan', 'enskild', 5, false],
    ]);
  });

  it('has 12 units in Exempelstad with unique 8-digit codes and 2–4 teams each', () => {
    expect(exempelstad.units).toHaveLength(12);
    const codes = dataset.organizers.flatMap((o) => o.units.map((u) => u.unitCode));
    expect(new Set(codes).size).toBe(codes.length);
    for (const unit of dataset.organizers.flatMap((o) => o.units)) {
      expect(unit.unitCode, unit.name).toMatch(/^\d{8}$/);
      expect(unit.teams.length, unit.name).toBeGreaterThanOrEqual(2);
      expect(unit.teams.length, unit.name).toBeLessThanOrEqual(4);
      expect([...new Set(unit.teams.map((t) => t.schoolForm))].sort(), unit.name).toEqual([...unit.schoolForms].sort());
    }
    const forms = (name: string) => exempelstad.units.find((u) => u.name === name)?.schoolForms;
    expect(forms('Ekbackens skola')).toEqual(['forskoleklass', 'fritidshem', 'grundskola']);
    expect(forms('Solrosens förskola')).toEqual(['forskola']);
    expect(forms('Exempelstads lärcentrum')).toEqual(['komvux']);
    expect(backaskolan.units.map((u) => [u.name, u.schoolForms, u.teams.length])).toEqual([
      ['Bäckaskolan', ['forskoleklass', 'fritidshem', 'grundskola'], 3],
    ]);
  });

  it('has 4–9 staff per team, and exactly one or two teams with fewer than 5', () => {
    const teams = dataset.organizers.flatMap((o) => {
      const staff = staffByTeam(o);
      return o.units.flatMap((u) => u.teams.map((t) => ({ key: t.key, size: staff.get(t.key)?.length ?? 0 })));
    });
    for (const team of teams) {
      expect(team.size, team.key).toBeGreaterThanOrEqual(3);
      expect(team.size, team.key).toBeLessThanOrEqual(9);
    }
    const small = teams.filter((t) => t.size < 5);
    expect(small.length).toBeGreaterThanOrEqual(1);
    expect(small.length).toBeLessThanOrEqual(2);
  });

  it.each(dataset.organizers.map((o) => [o.key, o] as const))('%s: every team has one or two team leads', (_key, o) => {
    const leads = new Map<string, number>();
    for (const user of o.users) {
      for (const role of user.roles)
        if (role.role === 'staff' && role.leadsTeam && role.teamKey) leads.set(role.teamKey, (leads.get(role.teamKey) ?? 0) + 1);
    }
    for (const team of o.units.flatMap((u) => u.teams)) {
      expect(leads.get(team.key) ?? 0, team.key).toBeGreaterThanOrEqual(1);
      expect(leads.get(team.key) ?? 0, team.key).toBeLessThanOrEqual(2);
    }
  });

  it.each(dataset.organizers.map((o) => [o.key, o] as const))('%s: every unit has a rektor', (_key, o) => {
    const led = new Set(o.users.flatMap((u) => u.roles.filter((r) => r.role === 'principal').map((r) => r.unitKey)));
    for (const unit of o.units) expect(led.has(unit.key), unit.name).toBe(true);
  });

  it('has unique keys and e-mails, with ASCII addresses in the organizer domain', () => {
    for (const o of dataset.organizers) {
      const domain = o.key === 'exempelstad' ? 'exempelstad.se' : 'backaskolan.se';
      const emails = o.users.map((u) => u.email);
      expect(new Set(emails).size).toBe(emails.length);
      for (const email of emails) expect(email).toMatch(new RegExp(`^[a-z-]+\\.[a-z-]+\\d*@${domain.replace('.', '\\.')}$`));
    }
    const keys = dataset.organizers.flatMap((o) => [
      ...o.units.map((u) => u.key),
      ...o.units.flatMap((u) => u.teams.map((t) => t.key)),
      ...o.users.map((u) => u.key),
      ...o.rounds.map((r) => r.key),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/);
  });

  it('shares no keys, e-mails or unit codes between the two organizers', () => {
    const identifiers = (o: DemoOrganizer) =>
      new Set([
        ...o.units.flatMap((u) => [u.key, u.unitCode, ...u.teams.map((t) => t.key)]),
        ...o.users.flatMap((u) => [u.key, u.email]),
        ...o.rounds.map((r) => r.key),
      ]);
    const first = identifiers(exempelstad);
    expect([...identifiers(backaskolan)].filter((id) => first.has(id))).toEqual([]);
  });

  it('lists the personas first, with their titles and roles', () => {
    expect(exempelstad.users.slice(0, 7).map((u) => [u.name, u.title])).toEqual([
      ['Anna Lindqvist', 'Lärare'],
      ['Erik Johansson', 'Rektor'],
      ['Maria Svensson', 'Kvalitetsstrateg'],
      ['Johan Berg', 'Skolchef'],
      ['Sara Nilsson', 'Systemadministratör'],
      ['Lena Ek', 'Förskollärare'],
      ['Karin Holm', 'Rektor'],
    ]);
    expect(backaskolan.users.slice(0, 2).map((u) => [u.name, u.title])).toEqual([
      ['Per Bäck', 'Rektor'],
      ['Olle Strand', 'Lärare'],
    ]);
    expect(userNamed(exempelstad, 'Anna Lindqvist').roles).toEqual([
      { role: 'staff', unitKey: 'exempelstad.ekbackens-skola', teamKey: 'exempelstad.ekbackens-skola.arbetslag-4-6', leadsTeam: true },
    ]);
    expect(userNamed(exempelstad, 'Erik Johansson').roles).toEqual([
      { role: 'principal', unitKey: 'exempelstad.ekbackens-skola' },
      { role: 'principal', unitKey: 'exempelstad.tallbackens-skola' },
    ]);
    expect(userNamed(exempelstad, 'Maria Svensson').roles).toEqual([{ role: 'organizer' }]);
    expect(userNamed(exempelstad, 'Johan Berg').roles).toEqual([{ role: 'organizer' }]);
    expect(userNamed(exempelstad, 'Sara Nilsson').roles).toEqual([{ role: 'admin' }]);
    expect(userNamed(exempelstad, 'Lena Ek').roles[0]).toMatchObject({ role: 'staff', unitKey: 'exempelstad.solrosens-forskola' });
    expect(userNamed(exempelstad, 'Karin Holm').roles.map((r) => r.unitKey)).toEqual([
      'exempelstad.solrosens-forskola',
      'exempelstad.ekorrens-forskola',
    ]);
    expect(userNamed(exempelstad, 'Anna Lindqvist').email).toBe('anna.lindqvist@exempelstad.se');
    expect(userNamed(backaskolan, 'Olle Strand').roles[0]).toMatchObject({ role: 'staff', unitKey: 'backaskolan.backaskolan' });
    for (const persona of DEMO_PERSONAS) {
      const user = organizer(dataset, persona.organizerKey).users[persona.position - 1];
      expect(user && [user.key, user.name, user.email, user.title]).toEqual([persona.userKey, persona.name, persona.email, persona.title]);
    }
  });

  it('has 6–8 rektorer in Exempelstad', () => {
    const rektorer = exempelstad.users.filter((u) => u.roles.some((r) => r.role === 'principal'));
    expect(rektorer.length).toBeGreaterThanOrEqual(6);
    expect(rektorer.length).toBeLessThanOrEqual(8);
    for (const r of rektorer) expect(r.title).toBe('Rektor');
  });

  it.each([...SCHOOL_FORMS])('Exempelstad: %s has two closed rounds before today and one open round containing today', (form) => {
    const rounds = exempelstad.rounds.filter((r) => r.schoolForm === form);
    expect(rounds).toHaveLength(3);
    expect(closedRounds(exempelstad, form)).toHaveLength(2);
    const open = openRound(exempelstad, form);
    expect(open.opensOn).toBe('2026-11-09');
    expect(open.closesOn).toBe('2026-12-14');
    for (const round of rounds) {
      expect(round.questionnaireKey).toBe(form);
      const expectedUnits = exempelstad.units.filter((u) => u.teams.some((t) => t.schoolForm === form)).map((u) => u.key);
      expect(round.unitKeys).toEqual(expectedUnits);
    }
  });

  it('names the rounds after the term derived from the dates', () => {
    expect(exempelstad.rounds.filter((r) => r.schoolForm === 'grundskola').map((r) => r.name)).toEqual([
      'Hösten 2025 · Grundskola',
      'Våren 2026 · Grundskola',
      'Hösten 2026 · Grundskola',
    ]);
    const spring = generateDemoDataset({ today: '2027-03-10', questionnaires: QUESTIONNAIRES });
    expect(
      organizer(spring, 'exempelstad')
        .rounds.filter((r) => r.schoolForm === 'forskola')
        .map((r) => r.name),
    ).toEqual(['Våren 2026 · Förskola', 'Hösten 2026 · Förskola', 'Våren 2027 · Förskola']);
  });

  it.each([['2026-11-23'], ['2027-01-05'], ['2027-06-30'], ['2028-02-29']])('derives every date from today (%s)', (today) => {
    const data = generateDemoDataset({ today, questionnaires: QUESTIONNAIRES });
    for (const o of data.organizers) {
      const names = o.rounds.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
      for (const round of o.rounds) {
        const open = round.opensOn <= today && today <= round.closesOn;
        if (!open) expect(round.closesOn < today, round.key).toBe(true);
        for (const p of round.participations) {
          expect(p.submittedOn >= round.opensOn && p.submittedOn <= round.closesOn, round.key).toBe(true);
          if (open) expect(p.submittedOn < today, round.key).toBe(true);
        }
      }
      expect(o.rounds.filter((r) => r.opensOn <= today && today <= r.closesOn)).toHaveLength(o.key === 'exempelstad' ? 8 : 1);
    }
  });

  it('Bäckaskolan has one closed and one open grundskola round', () => {
    expect(backaskolan.rounds.map((r) => [r.schoolForm, r.closesOn < TODAY ? 'closed' : 'open'])).toEqual([
      ['grundskola', 'closed'],
      ['grundskola', 'open'],
    ]);
  });

  it.each(allRounds)('%s %s: responses per unit equal participations per unit, with the same dates', (_key, round) => {
    expect(count(round.responses, (r) => r.unitKey)).toEqual(count(round.participations, (p) => p.unitKey));
    const dates = (items: { unitKey: string; submittedOn: string }[]) => items.map((i) => `${i.unitKey} ${i.submittedOn}`).sort();
    expect(dates(round.responses)).toEqual(dates(round.participations));
    for (const unitKey of round.unitKeys)
      expect(
        round.participations.some((p) => p.unitKey === unitKey),
        unitKey,
      ).toBe(true);
  });

  it.each(allRounds)('%s %s: only staff of the unit working in the round’s school form take part', (orgKey, round) => {
    const o = organizer(dataset, orgKey);
    const teamForm = new Map(o.units.flatMap((u) => u.teams.map((t) => [t.key, t.schoolForm] as const)));
    const staffRole = (userKey: string, unitKey: string) =>
      o.users
        .find((u) => u.key === userKey)
        ?.roles.find((r) => r.role === 'staff' && r.unitKey === unitKey && r.teamKey && teamForm.get(r.teamKey) === round.schoolForm);
    for (const p of round.participations) expect(staffRole(p.userKey, p.unitKey), p.userKey).toBeDefined();
    for (const d of round.drafts) expect(staffRole(d.userKey, d.unitKey)?.teamKey, d.userKey).toBe(d.teamKey);
    for (const r of round.responses) expect(r.teamKey && teamForm.get(r.teamKey)).toBe(round.schoolForm);
    const participants = round.participations.map((p) => p.userKey);
    expect(new Set(participants).size).toBe(participants.length);
    for (const d of round.drafts) expect(participants).not.toContain(d.userKey);
  });

  it.each(allRounds)('%s %s: answers are 1–4 or "vet-ej" for the questionnaire’s indicators', (_key, round) => {
    const q = QUESTIONNAIRES.find((x) => x.key === round.questionnaireKey);
    const indicatorKeys = new Set(q?.areas.flatMap((a) => a.indicators.map((i) => i.key)));
    const areaKeys = new Set(q?.areas.map((a) => a.key));
    for (const item of [...round.responses, ...round.drafts]) {
      for (const [key, value] of Object.entries(item.answers)) {
        expect(indicatorKeys.has(key), key).toBe(true);
        expect(value === 'vet-ej' || (Number.isInteger(value) && value >= 1 && value <= 4), `${key}=${value}`).toBe(true);
      }
      for (const [key, text] of Object.entries(item.comments)) {
        expect(areaKeys.has(key), key).toBe(true);
        expect(text.trim().length).toBeGreaterThan(10);
      }
    }
    for (const response of round.responses) expect(Object.keys(response.answers).length).toBeGreaterThan(indicatorKeys.size * 0.8);
  });

  it('orders responses independently of participations', () => {
    for (const [, round] of allRounds) {
      const participants = round.participations.map((p) => p.userKey);
      expect(participants).toEqual([...participants].sort());
    }
    const [round] = closedRounds(exempelstad, 'grundskola');
    if (!round) throw new Error('closed grundskola round missing');
    const sequence = (items: { unitKey: string; submittedOn: string }[]) => items.map((i) => `${i.unitKey} ${i.submittedOn}`);
    expect(sequence(round.responses)).not.toEqual(sequence(round.participations));
    const teams = round.responses.map((r) => r.teamKey ?? '');
    expect(teams).not.toEqual([...teams].sort());
  });

  it('has 70–95 % participation per team in closed rounds', () => {
    for (const o of dataset.organizers) {
      const staff = staffByTeam(o);
      for (const round of o.rounds.filter((r) => r.closesOn < TODAY)) {
        for (const [teamKey, n] of count(round.responses, (r) => r.teamKey ?? '')) {
          const size = staff.get(teamKey)?.length ?? 0;
          if (size >= 4) {
            expect(n / size, `${round.key} ${teamKey}`).toBeGreaterThanOrEqual(0.7);
            expect(n / size, `${round.key} ${teamKey}`).toBeLessThanOrEqual(0.95);
          }
        }
      }
    }
  });

  it('open rounds: about half submitted, some drafts with partial answers', () => {
    const open = dataset.organizers.flatMap((o) => o.rounds.filter((r) => r.opensOn <= TODAY && TODAY <= r.closesOn));
    const staffCount = open.reduce((sum, round) => {
      const o = dataset.organizers.find((x) => x.rounds.includes(round));
      const teams = new Set(o?.units.flatMap((u) => u.teams.filter((t) => t.schoolForm === round.schoolForm).map((t) => t.key)));
      return sum + (o?.users.filter((u) => u.roles.some((r) => r.role === 'staff' && r.teamKey && teams.has(r.teamKey))).length ?? 0);
    }, 0);
    const submitted = open.reduce((s, r) => s + r.participations.length, 0);
    const drafts = open.flatMap((r) => r.drafts);
    expect(submitted / staffCount).toBeGreaterThan(0.35);
    expect(submitted / staffCount).toBeLessThan(0.65);
    expect(drafts.length).toBeGreaterThan(5);
    for (const draft of drafts) {
      const q = QUESTIONNAIRES.find((x) => x.schoolForm === open.find((r) => r.drafts.includes(draft))?.schoolForm);
      const total = q?.areas.reduce((s, a) => s + a.indicators.length, 0) ?? 0;
      expect(Object.keys(draft.answers).length).toBeLessThan(total);
    }
    expect(open.every((r) => r.groupRatings.length === 0)).toBe(true);
  });

  it('Anna Lindqvist has neither a participation nor a draft in the open grundskola round; Lena Ek has not submitted the open förskola round', () => {
    const anna = userNamed(exempelstad, 'Anna Lindqvist').key;
    const grundskola = openRound(exempelstad, 'grundskola');
    expect(grundskola.participations.some((p) => p.userKey === anna)).toBe(false);
    expect(grundskola.drafts.some((d) => d.userKey === anna)).toBe(false);
    const lena = userNamed(exempelstad, 'Lena Ek').key;
    const forskola = openRound(exempelstad, 'forskola');
    expect(forskola.participations.some((p) => p.userKey === lena)).toBe(false);
    expect(forskola.drafts.some((d) => d.userKey === lena)).toBe(false);
    // Both answered the closed rounds.
    for (const round of closedRounds(exempelstad, 'grundskola')) expect(round.participations.some((p) => p.userKey === anna)).toBe(true);
    for (const round of closedRounds(exempelstad, 'forskola')) expect(round.participations.some((p) => p.userKey === lena)).toBe(true);
  });

  it('has realistic values: about 3 % "vet-ej", a spread over all steps, weaker and stronger units', () => {
    const answers = allRounds.flatMap(([, r]) => r.responses.flatMap((x) => Object.values(x.answers)));
    const dontKnow = answers.filter((a) => a === 'vet-ej').length / answers.length;
    expect(dontKnow).toBeGreaterThan(0.015);
    expect(dontKnow).toBeLessThan(0.05);
    const numbers = answers.filter((a): a is number => typeof a === 'number');
    for (const step of [1, 2, 3, 4])
      expect(numbers.filter((v) => v === step).length / numbers.length, `step ${step}`).toBeGreaterThan(0.03);
    expect(mean(numbers)).toBeGreaterThan(2.3);
    expect(mean(numbers)).toBeLessThan(3.1);
    const unitMeans = exempelstad.units.map((u) =>
      mean(
        exempelstad.rounds.flatMap((r) =>
          r.responses
            .filter((x) => x.unitKey === u.key)
            .flatMap((x) => Object.values(x.answers).filter((a): a is number => typeof a === 'number')),
        ),
      ),
    );
    expect(Math.max(...unitMeans) - Math.min(...unitMeans)).toBeGreaterThan(0.5);
  });

  it('has weaker areas across the municipality (Bedömning och betyg below Normer och värden)', () => {
    const areaMean = (title: string) =>
      mean(
        exempelstad.rounds
          .filter((r) => r.schoolForm === 'grundskola')
          .flatMap((r) => r.responses)
          .flatMap((x) => Object.entries(x.answers))
          .filter(([key, v]) => key.startsWith(`grundskola.${slug(title)}.`) && typeof v === 'number')
          .map(([, v]) => v as number),
      );
    expect(areaMean('Normer och värden') - areaMean('Bedömning och betyg')).toBeGreaterThan(0.4);
  });

  it('has a measurable trend: some unit’s area mean changes by at least 0.3 between the closed rounds, and most units improve', () => {
    let largest = 0;
    let improving = 0;
    let pairs = 0;
    for (const form of SCHOOL_FORMS) {
      const [first, second] = closedRounds(exempelstad, form);
      const q = QUESTIONNAIRES.find((x) => x.schoolForm === form);
      if (!first || !second || !q) continue;
      const values = (round: DemoRound, unitKey: string, prefix: string) =>
        round.responses
          .filter((r) => r.unitKey === unitKey)
          .flatMap((r) => Object.entries(r.answers))
          .filter(([key, v]) => key.startsWith(prefix) && typeof v === 'number')
          .map(([, v]) => v as number);
      for (const unitKey of first.unitKeys) {
        pairs++;
        if (mean(values(second, unitKey, '')) > mean(values(first, unitKey, ''))) improving++;
        for (const area of q.areas) {
          const change = mean(values(second, unitKey, `${area.key}.`)) - mean(values(first, unitKey, `${area.key}.`));
          largest = Math.max(largest, Math.abs(change));
        }
      }
    }
    expect(largest).toBeGreaterThanOrEqual(0.3);
    expect(improving / pairs).toBeGreaterThan(0.5);
  });

  it('has teams with strong disagreement on some indicator (answers split between 1–2 and 3–4)', () => {
    let splits = 0;
    for (const [, round] of allRounds) {
      const byTeam = new Map<string, typeof round.responses>();
      for (const r of round.responses) byTeam.set(r.teamKey ?? '', [...(byTeam.get(r.teamKey ?? '') ?? []), r]);
      for (const responses of byTeam.values()) {
        const keys = new Set(responses.flatMap((r) => Object.keys(r.answers)));
        for (const key of keys) {
          const values = responses.map((r) => r.answers[key]).filter((v): v is number => typeof v === 'number');
          const low = values.filter((v) => v <= 2).length;
          const high = values.filter((v) => v >= 3).length;
          const sd = Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));
          if (values.length >= 4 && Math.min(low, high) / values.length >= 0.4 && sd >= 1) splits++;
        }
      }
    }
    expect(splits).toBeGreaterThan(3);
  });

  it('has a few Swedish area comments', () => {
    const comments = allRounds.flatMap(([, r]) => r.responses.flatMap((x) => Object.values(x.comments)));
    expect(comments.length).toBeGreaterThan(20);
    expect(new Set(comments).size).toBeGreaterThan(15);
    for (const c of comments) expect(c).toMatch(/^[A-ZÅÄÖ].*[.!]$/);
  });

  it('has group ratings in closed rounds by a team lead, with a reason, including Anna Lindqvist’s team', () => {
    const anna = userNamed(exempelstad, 'Anna Lindqvist');
    for (const o of dataset.organizers) {
      const leads = new Set(o.users.flatMap((u) => u.roles.filter((r) => r.leadsTeam).map((r) => `${u.key} ${r.teamKey}`)));
      for (const round of o.rounds.filter((r) => r.closesOn < TODAY)) {
        expect(round.groupRatings.length, round.key).toBeGreaterThan(0);
        for (const g of round.groupRatings) {
          expect(leads.has(`${g.byUserKey} ${g.teamKey}`), g.byUserKey).toBe(true);
          expect(g.value === 'vet-ej' || (g.value >= 1 && g.value <= 4)).toBe(true);
          expect(g.reason.length).toBeGreaterThan(30);
          expect(g.indicatorKey.startsWith(`${round.questionnaireKey}.`)).toBe(true);
        }
        const teams = new Set(round.groupRatings.map((g) => g.teamKey));
        expect(teams.size, round.key).toBeLessThanOrEqual(2);
      }
    }
    for (const round of closedRounds(exempelstad, 'grundskola')) {
      expect(round.groupRatings.some((g) => g.byUserKey === anna.key)).toBe(true);
    }
  });

  const standardDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'questionnaires');
  const standardAvailable = SCHOOL_FORMS.every((form) => existsSync(join(standardDir, `${form}.json`)));

  it.skipIf(!standardAvailable)('works with the standard questionnaires', () => {
    const questionnaires = loadStandardQuestionnaires();
    const start = performance.now();
    const data = generateDemoDataset({ today: TODAY, questionnaires });
    expect(performance.now() - start).toBeLessThan(1000);
    const ex = organizer(data, 'exempelstad');
    expect(ex.rounds).toHaveLength(24);
    for (const round of ex.rounds) {
      const q = questionnaires.find((x) => x.key === round.questionnaireKey);
      const keys = new Set(q?.areas.flatMap((a) => a.indicators.map((i) => i.key)));
      for (const r of round.responses) for (const key of Object.keys(r.answers)) expect(keys.has(key), key).toBe(true);
    }
  });
});
