import { parsePeriod } from '@kvalitetshjulet/domain';
import { parseIsoDate } from './dates.ts';
import { Random } from './random.ts';
import { ORGANIZER_SPECS } from './structure.ts';
import type { DemoOrganizer, DemoOutcomes } from './types.ts';

/**
 * Demo outcome measures (nyckeltal) for Exempelstad kommun: a catalogue of six measures, values for
 * the last three school years, links to areas and indicators of the grundskola and förskola
 * questionnaires, and one evidence note. Deterministic: values come from the units' strength in
 * structure.ts and a seeded stream.
 *
 * One clear mismatch is built in: the grundskola unit whose rating of "Normer och värden" in the
 * latest closed round stands out most from the other units gets the opposite outcome on the
 * inspectorate's safety index and on attendance (the lowest when it rates itself higher, the highest
 * when it rates itself lower), so the panel and the scatter plot have something to show.
 */

const YEAR_9_SLUGS = ['norrgardsskolan', 'centralskolan'];

const GRUNDSKOLA_AREA = {
  normer: 'grundskola.normer-och-varden',
  kunskaper: 'grundskola.kunskaper',
  bedomning: 'grundskola.bedomning-och-betyg',
};

/** The last three complete school years before `today`, oldest first ("2023/24", "2024/25", "2025/26"). */
export function demoSchoolYears(today: string): [string, string, string] {
  const d = parseIsoDate(today);
  const year = d.getUTCFullYear();
  const lastEnd = d.getUTCMonth() >= 6 ? year : year - 1;
  const label = (end: number) => `${end - 1}/${String(end % 100).padStart(2, '0')}`;
  return [label(lastEnd - 2), label(lastEnd - 1), label(lastEnd)];
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

/** The pooled mean of an area's answers per unit in a round (what the results engine shows). */
function areaMeans(round: DemoOrganizer['rounds'][number], areaKey: string): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of round.responses) {
    for (const [key, value] of Object.entries(r.answers)) {
      if (!key.startsWith(`${areaKey}.`) || typeof value !== 'number') continue;
      const s = sums.get(r.unitKey) ?? { sum: 0, n: 0 };
      s.sum += value;
      s.n++;
      sums.set(r.unitKey, s);
    }
  }
  return new Map([...sums].filter(([, s]) => s.n > 0).map(([k, s]) => [k, s.sum / s.n]));
}

export function buildDemoOutcomes(organizer: DemoOrganizer, options: { today: string; seed: number }): DemoOutcomes | undefined {
  const spec = ORGANIZER_SPECS.find((s) => s.key === organizer.key);
  if (!spec || organizer.key !== 'exempelstad') return undefined;
  const random = Random.derive(options.seed, `outcomes|${organizer.key}`);
  const years = demoSchoolYears(options.today);
  const order = (period: string) => {
    const p = parsePeriod(period);
    if (!p.ok) throw new Error(p.message);
    return p.period.order;
  };
  const strength = new Map(spec.units.map((u) => [`${organizer.key}.${u.slug}`, u.strength]));
  const grundskola = organizer.units.filter((u) => u.schoolForms.includes('grundskola'));
  const forskola = organizer.units.filter((u) => u.schoolForms.includes('forskola'));
  // The units with pupils in year 9 (Norrgårdsskolan 7–9 and Centralskolan F–9).
  const year9 = grundskola.filter((u) => YEAR_9_SLUGS.some((slug) => u.key.endsWith(`.${slug}`)));

  // The unit that rates Normer och värden highest in the latest closed grundskola round.
  const closed = organizer.rounds
    .filter((r) => r.schoolForm === 'grundskola' && r.closesOn < options.today)
    .sort((a, b) => (a.closesOn < b.closesOn ? 1 : -1))[0];
  const means = closed ? areaMeans(closed, GRUNDSKOLA_AREA.normer) : new Map<string, number>();
  // Self-ratings cluster, so the unit that stands out most from the others (largest standardised
  // difference) gets the opposite outcome: lowest safety index if it rates itself higher, highest if lower.
  let mismatchUnit: string | null = null;
  let mismatchSign = 1;
  let bestZ = 0;
  for (const [key, own] of [...means].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const others = [...means].filter(([k]) => k !== key).map(([, m]) => m);
    if (others.length < 3) continue;
    const mean = others.reduce((a, b) => a + b, 0) / others.length;
    const sd = Math.sqrt(others.reduce((a, x) => a + (x - mean) ** 2, 0) / (others.length - 1)) || 1e-6;
    const z = (own - mean) / sd;
    if (Math.abs(z) > Math.abs(bestZ)) {
      bestZ = z;
      mismatchUnit = key;
      mismatchSign = z > 0 ? 1 : -1;
    }
  }

  const measures: DemoOutcomes['measures'] = [
    {
      key: 'godkant-alla-amnen',
      name: 'Andel elever med godkänt i alla ämnen åk 9',
      definition: 'Andelen elever i årskurs 9 som fått lägst betyget E i alla ämnen, av alla elever som fått eller skulle ha fått betyg.',
      unitOfMeasure: '%',
      source: 'Skolverket',
      direction: 'higher-is-better',
      scaleMin: 0,
      scaleMax: 100,
      links: [{ kind: 'area', key: GRUNDSKOLA_AREA.bedomning, schoolForm: 'grundskola' }],
    },
    {
      key: 'meritvarde',
      name: 'Meritvärde åk 9',
      definition: 'Genomsnittligt meritvärde (summan av de 16 eller 17 bästa betygen) för elever i årskurs 9.',
      unitOfMeasure: 'poäng',
      source: 'Skolverket',
      direction: 'higher-is-better',
      scaleMin: 0,
      scaleMax: 340,
      links: [{ kind: 'area', key: GRUNDSKOLA_AREA.bedomning, schoolForm: 'grundskola' }],
    },
    {
      key: 'trygghet-index',
      name: 'Skolenkäten: trygghet, index',
      definition: 'Elevernas svar i Skolinspektionens skolenkät om trygghet, som index 0–10 (årskurs 5 och 9).',
      unitOfMeasure: 'index',
      source: 'Skolinspektionen',
      direction: 'higher-is-better',
      scaleMin: 0,
      scaleMax: 10,
      links: [
        { kind: 'area', key: GRUNDSKOLA_AREA.normer, schoolForm: 'grundskola' },
        { kind: 'indicator', key: `${GRUNDSKOLA_AREA.normer}.trygghet`, schoolForm: 'grundskola' },
      ],
    },
    {
      key: 'stimulans-index',
      name: 'Skolenkäten: stimulans, index',
      definition: 'Elevernas svar i Skolinspektionens skolenkät om stimulans i undervisningen, som index 0–10.',
      unitOfMeasure: 'index',
      source: 'Skolinspektionen',
      direction: 'higher-is-better',
      scaleMin: 0,
      scaleMax: 10,
      links: [{ kind: 'area', key: GRUNDSKOLA_AREA.kunskaper, schoolForm: 'grundskola' }],
    },
    {
      key: 'narvaro',
      name: 'Närvaro, andel',
      definition: 'Andel av den schemalagda undervisningstiden som eleverna var närvarande, hela läsåret.',
      unitOfMeasure: '%',
      source: 'Egen uppföljning',
      direction: 'higher-is-better',
      scaleMin: 0,
      scaleMax: 100,
      links: [{ kind: 'indicator', key: `${GRUNDSKOLA_AREA.normer}.trygghet`, schoolForm: 'grundskola' }],
    },
    {
      key: 'klagomal',
      name: 'Antal klagomål',
      definition: 'Klagomål från elever och vårdnadshavare som registrerats under läsåret.',
      unitOfMeasure: 'antal',
      source: 'Egen uppföljning',
      direction: 'lower-is-better',
      scaleMin: null,
      scaleMax: null,
      links: [{ kind: 'area', key: 'forskola.forskola-och-hem', schoolForm: 'forskola' }],
    },
  ];

  const values: DemoOutcomes['values'] = [];
  const add = (measureKey: string, unitKey: string, period: string, value: number, n: number | null) =>
    values.push({ measureKey, unitKey, period, periodOrder: order(period), value, n });
  for (const unit of grundskola) {
    const s = strength.get(unit.key) ?? 0;
    const pupils = 180 + random.int(0, 260);
    const isMismatch = unit.key === mismatchUnit;
    years.forEach((period, i) => {
      const trend = i * 0.1;
      // The mismatch unit's safety index lies clearly below (or above) every other unit's.
      const ordinary = clamp(7.3 + s * 0.6 + trend + random.normal(0, 0.12), 0, 10);
      const safety = isMismatch ? (mismatchSign > 0 ? 6.4 - i * 0.25 : 8.3 + i * 0.15) : ordinary;
      add('trygghet-index', unit.key, period, round1(safety), Math.round(pupils * 0.35));
      add('stimulans-index', unit.key, period, round1(clamp(6.2 + s * 0.8 + random.normal(0, 0.15), 0, 10)), Math.round(pupils * 0.35));
      const usual = clamp(92.5 + s * 2 + random.normal(0, 0.4), 0, 100);
      const attendance = isMismatch ? (mismatchSign > 0 ? 88.2 - i * 0.6 : 95.6 + i * 0.2) : usual;
      add('narvaro', unit.key, period, round1(attendance), pupils);
    });
  }
  for (const unit of year9) {
    const s = strength.get(unit.key) ?? 0;
    const pupils9 = 60 + random.int(0, 50);
    years.forEach((period, i) => {
      add(
        'godkant-alla-amnen',
        unit.key,
        period,
        round1(clamp(76 + s * 12 - i * (unit.key.endsWith('norrgardsskolan') ? 3 : -1) + random.normal(0, 1.5), 0, 100)),
        pupils9,
      );
      add('meritvarde', unit.key, period, round1(clamp(222 + s * 25 + random.normal(0, 4), 0, 340)), pupils9);
    });
  }
  for (const unit of forskola) {
    const s = strength.get(unit.key) ?? 0;
    years.forEach((period) => {
      add('klagomal', unit.key, period, Math.max(0, Math.round(3 - s * 4 + random.normal(0, 1))), null);
    });
  }

  const notes: DemoOutcomes['notes'] = [];
  if (mismatchUnit && closed) {
    notes.push({
      unitKey: mismatchUnit,
      roundKey: closed.key,
      kind: 'klagomal',
      title: 'Klagomål om otrygghet på rasterna',
      body:
        'Under läsåret kom sju klagomål från vårdnadshavare om otrygghet på skolgården och i korridorerna vid lunch. ' +
        'Flera gällde samma elevgrupp i årskurs 5. Rastvärdsschemat har inte följts fullt ut under våren.',
      areaKeys: [GRUNDSKOLA_AREA.normer],
    });
    notes.push({
      unitKey: mismatchUnit,
      roundKey: closed.key,
      kind: 'observation',
      title: 'Lektionsbesök i årskurs 4–6',
      body: 'Vid sex lektionsbesök var studieron god i fyra. Tydliga lektionsstarter och gemensamma rutiner syntes i de flesta klassrummen.',
      areaKeys: [GRUNDSKOLA_AREA.normer, GRUNDSKOLA_AREA.kunskaper],
    });
  }
  return { measures, values, notes };
}
