import { describe, expect, it } from 'vitest';
import { type EditedIndicator, keySlug, type PreviousIndicator, versionKeys } from './version-keys.ts';

const C = ['Steg ett', 'Steg två', 'Steg tre', 'Steg fyra'];
const previous: PreviousIndicator[] = [
  { key: 'gr.normer.trygghet', statement: 'Alla elever är trygga.', criteria: C },
  { key: 'gr.normer.krankningar', statement: 'Vi agerar direkt vid kränkningar.', criteria: C },
  { key: 'gr.kunskaper.aterkoppling-v2', statement: 'Eleverna får återkoppling.', criteria: C },
];

function edit(sourceKey: string | null, statement: string, criteria: readonly string[] = C, areaKey = 'gr.normer'): EditedIndicator {
  return { sourceKey, areaKey, statement, criteria };
}

describe('versionKeys', () => {
  const cases: { name: string; edited: EditedIndicator[]; version?: number; reserved?: string[]; expected: string[] }[] = [
    {
      name: 'unchanged indicators keep their keys',
      edited: [edit('gr.normer.trygghet', 'Alla elever är trygga.'), edit('gr.normer.krankningar', 'Vi agerar direkt vid kränkningar.')],
      expected: ['gr.normer.trygghet', 'gr.normer.krankningar'],
    },
    {
      name: 'whitespace-only differences are not changes',
      edited: [edit('gr.normer.trygghet', '  Alla  elever är\ntrygga. ', [' Steg ett', 'Steg  två', 'Steg tre', 'Steg fyra '])],
      expected: ['gr.normer.trygghet'],
    },
    {
      name: 'a changed statement gets a versioned key',
      edited: [edit('gr.normer.trygghet', 'Alla elever och vuxna är trygga.')],
      expected: ['gr.normer.trygghet-v2'],
    },
    {
      name: 'a changed criterion gets a versioned key',
      edited: [edit('gr.normer.trygghet', 'Alla elever är trygga.', ['Steg ett', 'Steg två', 'Steg tre (ändrad)', 'Steg fyra'])],
      expected: ['gr.normer.trygghet-v2'],
    },
    {
      name: 'an earlier version suffix is replaced, not stacked',
      edited: [edit('gr.kunskaper.aterkoppling-v2', 'Eleverna får återkoppling varje vecka.', C, 'gr.kunskaper')],
      version: 3,
      expected: ['gr.kunskaper.aterkoppling-v3'],
    },
    {
      name: 'a changed indicator moved to another area keeps its own key base',
      edited: [edit('gr.normer.trygghet', 'Ändrad text.', C, 'gr.kunskaper')],
      expected: ['gr.normer.trygghet-v2'],
    },
    {
      name: 'a moved but unchanged indicator keeps its key',
      edited: [edit('gr.normer.trygghet', 'Alla elever är trygga.', C, 'gr.kunskaper')],
      expected: ['gr.normer.trygghet'],
    },
    {
      name: 'a new indicator gets the area key and the first words of its statement',
      edited: [edit(null, 'Vi följer upp frånvaro varje månad.')],
      expected: ['gr.normer.vi-foljer-upp-franvaro'],
    },
    {
      name: 'a new key never reuses a key used before (reserved or previous)',
      edited: [edit(null, 'Alla elever är trygga.'), edit(null, 'Vi följer upp frånvaro varje månad.')],
      reserved: ['gr.normer.vi-foljer-upp-franvaro'],
      expected: ['gr.normer.alla-elever-ar-trygga', 'gr.normer.vi-foljer-upp-franvaro-v2'],
    },
    {
      name: 'two new indicators with the same words get distinct keys',
      edited: [edit(null, 'Samma text här'), edit(null, 'Samma text här'), edit(null, 'Samma text här')],
      expected: ['gr.normer.samma-text-har', 'gr.normer.samma-text-har-v2', 'gr.normer.samma-text-har-v2-2'],
    },
    {
      name: 'a source used twice: the second copy counts as new',
      edited: [edit('gr.normer.trygghet', 'Alla elever är trygga.'), edit('gr.normer.trygghet', 'Alla elever är trygga.')],
      expected: ['gr.normer.trygghet', 'gr.normer.alla-elever-ar-trygga'],
    },
    {
      name: 'an unknown source key counts as new',
      edited: [edit('gr.finns-inte', 'Helt ny indikator')],
      expected: ['gr.normer.helt-ny-indikator'],
    },
    {
      name: 'removed indicators simply disappear; the others keep their keys',
      edited: [edit('gr.normer.krankningar', 'Vi agerar direkt vid kränkningar.')],
      expected: ['gr.normer.krankningar'],
    },
    { name: 'an empty questionnaire has no keys', edited: [], expected: [] },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(versionKeys(previous, c.edited, { version: c.version ?? 2, reserved: c.reserved })).toEqual(c.expected);
    });
  }

  it('gives keys that pass the questionnaire key pattern', () => {
    const keys = versionKeys(previous, [edit(null, 'Är det "rätt"? – Ja, 100 %!'), edit(null, '!!!')], { version: 2 });
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/);
    expect(keys).toEqual(['gr.normer.ar-det-ratt-ja', 'gr.normer.indikator']);
  });
});

describe('keySlug', () => {
  const cases: [string, string][] = [
    ['Åtgärder följs upp', 'atgarder-foljs-upp'],
    ['  Många   ord i en lång mening här ', 'manga-ord-i-en'],
    ['', 'indikator'],
    ['Ökad närvaro', 'okad-narvaro'],
  ];
  for (const [text, slug] of cases) it(`${JSON.stringify(text)} → ${slug}`, () => expect(keySlug(text)).toBe(slug));
});
