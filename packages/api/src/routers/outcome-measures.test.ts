import { recomputeTotals } from '@kvalitetshjulet/db';
import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedCallerAs, latestClosedRound, unitIdByName } from '../testing.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

/** A caller acting as `name`, whose queries are checked for organizer_id filters. */
const as = (name?: string) => checkedCallerAs(t.db, name);

const unitId = (name: string) => unitIdByName(t.db, name);

/** The latest closed round of a school form at an organizer. */
const closedRound = (organizerKey: string, schoolForm: string) => latestClosedRound(t.db, organizerKey, schoolForm);

const csv = (text: string) => ({ fileName: 'nyckeltal.csv', contentBase64: Buffer.from(`\uFEFF${text}`, 'utf-8').toString('base64') });

async function xlsx(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Blad1').addRows(rows);
  return { fileName: 'export.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/** The scatter of Normer och värden ↔ the safety index, as `caller` sees it. */
async function safetyScatter(caller: Awaited<ReturnType<typeof as>>, roundId: string) {
  const all = await caller.outcomeMeasures.scatter({ roundId });
  const pair = all.pairs.find((p) => p.measureName === 'Skolenkäten: trygghet, index' && p.targetTitle === 'Normer och värden');
  if (!pair) throw new Error('Kopplingen saknas i demodata');
  return caller.outcomeMeasures.scatter({ roundId, targetKey: pair.targetKey, measureId: pair.measureId });
}

async function storedValues(measureName: string, unitName: string, period: string): Promise<number[]> {
  const rows = await t.db
    .selectFrom('outcome_values as v')
    .innerJoin('outcome_measures as m', (j) => j.onRef('m.organizer_id', '=', 'v.organizer_id').onRef('m.id', '=', 'v.measure_id'))
    .innerJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'v.organizer_id').onRef('su.id', '=', 'v.school_unit_id'))
    .select('v.value')
    .where('m.name', '=', measureName)
    .where('su.name', '=', unitName)
    .where('v.period', '=', period)
    .execute();
  return rows.map((r) => Number(r.value));
}

describe('demo data', () => {
  it('has a catalogue, values and one clear mismatch the panel and the scatter show', async () => {
    const maria = await as('Maria Svensson');
    const catalogue = await maria.outcomeMeasures.catalogue();
    expect(catalogue.measures.map((m) => m.name)).toContain('Skolenkäten: trygghet, index');
    expect(catalogue.periods).toEqual(['2023/24', '2024/25', '2025/26']);
    const round = await closedRound('exempelstad', 'grundskola');
    const scatter = await maria.outcomeMeasures.scatter({ roundId: round });
    const safety = scatter.pairs.find((p) => p.measureName === 'Skolenkäten: trygghet, index' && p.targetTitle === 'Normer och värden');
    expect(safety).toBeDefined();
    const chosen = await maria.outcomeMeasures.scatter({ roundId: round, targetKey: safety?.targetKey, measureId: safety?.measureId });
    expect(chosen.points.length).toBe(5);
    const flagged = chosen.points.filter((p) => p.mismatch);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.sentence).toMatch(
      /^Sjöviksskolan skattar Normer och värden lägre än kommunens övriga enheter \(\d,\d mot \d,\d\) men har högst värde på Skolenkäten: trygghet, index \(\d,\d mot \d,\d\)\.$/,
    );
    const panel = await maria.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: flagged[0]?.unitId as string });
    const pair = panel.pairs.find((p) => p.measureName === 'Skolenkäten: trygghet, index' && p.targetKind === 'area');
    expect(pair?.judgement).toMatchObject({ kind: 'judged', mismatch: true });
    expect(panel.notes.map((n) => n.title)).toContain('Klagomål om otrygghet på rasterna');
  });
});

describe('import', () => {
  const mixed = [
    'Enhet;Enhetskod;Mått;Period;Värde;Måttenhet;Källa;n',
    'Ekbackens skola;;Närvaro, andel;HT 2026;93,4;%;Egen uppföljning;212',
    'tallbackens  SKOLA;;Närvaro, andel;HT 2026;91,0;%;Egen uppföljning;',
    'Okänd skola;;Närvaro, andel;HT 2026;90;%;;',
    'Sjöviksskolan;;Närvaro, andel;hösten;88;%;;',
    'Centralskolan;;Närvaro, andel;HT 2026;många;%;;',
    'Norrgårdsskolan;;Närvaro, andel;HT 2026;..;%;;',
    'Ekbackens skola;;Läsförståelse åk 3, andel;HT 2026;81,5;%;Egen uppföljning;40',
  ].join('\r\n');

  it('previews every problem with its row number and writes nothing', async () => {
    const maria = await as('Maria Svensson');
    const preview = await maria.outcomeMeasures.previewImport(csv(mixed));
    expect(preview.layout).toBe('long');
    expect(preview.problems.map((p) => p.row)).toEqual([4, 5, 6]);
    expect(preview.problems[0]?.message).toBe('Enheten "Okänd skola" finns inte hos huvudmannen.');
    expect(preview.problems[1]?.message).toContain('Perioden "hösten" går inte att läsa');
    expect(preview.problems[2]?.message).toContain('"många" är inte ett tal');
    expect(preview.notes).toEqual([{ row: 7, message: expect.stringContaining('sekretessmarkerat') }]);
    expect(preview.newMeasures).toEqual([{ name: 'Läsförståelse åk 3, andel', unitOfMeasure: '%', source: 'Egen uppföljning' }]);
    expect(preview.valueCount).toBe(3);
    expect(await storedValues('Närvaro, andel', 'Ekbackens skola', 'HT 2026')).toEqual([]);
  });

  it('writes the good rows after confirmation, and re-importing updates instead of duplicating', async () => {
    const maria = await as('Maria Svensson');
    const first = await maria.outcomeMeasures.applyImport(csv(mixed));
    expect(first.written).toEqual({ inserted: 3, updated: 0, measuresCreated: 1 });
    expect(await storedValues('Närvaro, andel', 'Ekbackens skola', 'HT 2026')).toEqual([93.4]);
    expect(await storedValues('Närvaro, andel', 'Tallbackens skola', 'HT 2026')).toEqual([91]);
    const again = await maria.outcomeMeasures.previewImport(csv(mixed.replace('93,4', '93,9')));
    expect(again.newMeasures).toEqual([]);
    expect(again.updatedValues).toBe(3);
    const second = await maria.outcomeMeasures.applyImport(csv(mixed.replace('93,4', '93,9')));
    expect(second.written).toEqual({ inserted: 0, updated: 3, measuresCreated: 0 });
    expect(await storedValues('Närvaro, andel', 'Ekbackens skola', 'HT 2026')).toEqual([93.9]);
  });

  it('keeps comparing units in the period most of them have when one unit reports a newer one', async () => {
    const maria = await as('Maria Svensson');
    await maria.outcomeMeasures.applyImport(csv('Enhet;Mått;Period;Värde\nEkbackens skola;Skolenkäten: trygghet, index;VT 2027;5,0'));
    const round = await closedRound('exempelstad', 'grundskola');
    const scatter = await safetyScatter(maria, round);
    expect(scatter.period).toBe('2025/26');
    expect(scatter.points).toHaveLength(5);
    const panel = await maria.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: await unitId('Ekbackens skola') });
    const safety = panel.measures.find((m) => m.name === 'Skolenkäten: trygghet, index');
    expect(safety?.latest).toMatchObject({ period: 'VT 2027', value: 5, organizerValue: 5 });
    await t.db.deleteFrom('outcome_values').where('period', '=', 'VT 2027').execute();
  });

  it('refuses to write a file whose every row has a problem', async () => {
    const maria = await as('Maria Svensson');
    await expect(maria.outcomeMeasures.applyImport(csv('Enhet;Mått;Period;Värde\nOkänd;Närvaro, andel;HT 2026;1'))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Inget värde kan läsas in. Rätta problemen i filen och försök igen.',
    });
  });

  it('maps the columns of a wide national-statistics .xlsx and imports it', async () => {
    const maria = await as('Maria Svensson');
    const codes = await t.db
      .selectFrom('school_units')
      .select(['name', 'unit_code'])
      .where('name', 'in', ['Norrgårdsskolan', 'Centralskolan'])
      .execute();
    const code = (name: string) => codes.find((c) => c.name === name)?.unit_code as string;
    const file = await xlsx([
      ['Slutbetyg årskurs 9, läsåret 2025/26'],
      ['Skolenheter i Exempelstad kommun'],
      ['Kommun', 'Skolenhetskod', 'Skolenhet', 'Meritvärde åk 9', 'Andel (%) med godkänt i alla ämnen', 'Antal elever'],
      ['Exempelstad', code('Norrgårdsskolan'), 'Norrgårdsskolan', '219,5', '..', '88'],
      ['Exempelstad', code('Centralskolan'), 'Centralskolan', '~240', '81,2', '95'],
      ['Exempelstad', '99999999', 'Grannskolan', '230', '80', '70'],
      ['Källa: nationell statistik'],
    ]);
    const first = await maria.outcomeMeasures.previewImport(file);
    expect(first.layout).toBe('wide');
    expect(first.columns.map((c) => c.header)).toEqual(['Meritvärde åk 9', 'Andel (%) med godkänt i alla ämnen', 'Antal elever']);
    expect(first.columns[0]?.suggestedMeasureId).toBe(first.measures.find((m) => m.name === 'Meritvärde åk 9')?.id);
    expect(first.fileProblems).toContain('Välj vilken period (läsår eller termin) filens värden gäller.');
    const passed = first.measures.find((m) => m.name === 'Andel elever med godkänt i alla ämnen åk 9')?.id as string;
    const mapped = {
      ...file,
      period: '2025/2026',
      mapping: [
        { index: 4, mapping: { kind: 'measure' as const, measureId: passed } },
        { index: 5, mapping: { kind: 'ignore' as const } },
      ],
    };
    const preview = await maria.outcomeMeasures.previewImport(mapped);
    expect(preview.fileProblems).toEqual([]);
    expect(preview.problems).toEqual([
      { row: 6, message: 'Enheten "Grannskolan" finns inte hos huvudmannen (och ingen enhet har koden 99999999).' },
    ]);
    expect(preview.notes).toEqual([
      { row: 4, message: expect.stringContaining('Norrgårdsskolan, Andel (%) med godkänt i alla ämnen hoppas över') },
    ]);
    expect(preview.valueCount).toBe(3);
    expect(preview.updatedValues).toBe(3);
    const applied = await maria.outcomeMeasures.applyImport(mapped);
    expect(applied.written).toEqual({ inserted: 0, updated: 3, measuresCreated: 0 });
    expect(await storedValues('Meritvärde åk 9', 'Centralskolan', '2025/26')).toEqual([240]);
    expect(await storedValues('Andel elever med godkänt i alla ämnen åk 9', 'Centralskolan', '2025/26')).toEqual([81.2]);
  });
});

describe('who may do what', () => {
  it('lets only the organizer level change the catalogue and import', async () => {
    for (const name of ['Erik Johansson', 'Anna Lindqvist', 'Sara Nilsson', 'Per Bäck']) {
      const caller = await as(name);
      await expect(caller.outcomeMeasures.catalogue()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.outcomeMeasures.previewImport(csv('Enhet;Mått;Period;Värde'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const maria = await as('Maria Svensson');
    const saved = await maria.outcomeMeasures.saveMeasure({
      name: 'Elevhälsans besök, antal',
      definition: 'Besök hos skolsköterska under läsåret.',
      unitOfMeasure: 'antal',
      source: 'Egen uppföljning',
      direction: 'lower-is-better',
      scaleMin: null,
      scaleMax: null,
    });
    await expect(
      maria.outcomeMeasures.saveMeasure({
        name: 'elevhälsans  besök, ANTAL',
        definition: '',
        unitOfMeasure: '',
        source: '',
        direction: 'higher-is-better',
        scaleMin: null,
        scaleMax: null,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await maria.outcomeMeasures.setLinks({
      targetKind: 'indicator',
      targetKey: 'grundskola.rektorns-ansvar.elevhalsa-v2',
      schoolForm: 'grundskola',
      measureIds: [saved.id],
    });
    const catalogue = await maria.outcomeMeasures.catalogue();
    expect(catalogue.links).toContainEqual({
      measureId: saved.id,
      targetKind: 'indicator',
      targetKey: 'grundskola.rektorns-ansvar.elevhalsa',
      schoolForm: 'grundskola',
    });
    // Another organizer's rektor never reaches it.
    const per = await as('Per Bäck');
    await expect(
      per.outcomeMeasures.saveMeasure({
        id: saved.id,
        name: 'x',
        definition: '',
        unitOfMeasure: '',
        source: '',
        direction: 'higher-is-better',
        scaleMin: null,
        scaleMax: null,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows a rektor their own units, staff their own unit, and another organizer nothing', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    const ekbacken = await unitId('Ekbackens skola');
    const sjoviken = await unitId('Sjöviksskolan');
    const erik = await as('Erik Johansson');
    expect((await erik.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: ekbacken })).measures.length).toBeGreaterThan(0);
    await expect(erik.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: sjoviken })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const scatter = await safetyScatter(erik, round);
    expect(scatter.points.map((p) => p.unitName).sort()).toEqual(['Ekbackens skola', 'Tallbackens skola']);
    expect(scatter.scope).toContain('Du ser dina egna enheter');
    expect(scatter.organizer?.outcome).not.toBeNull();

    const anna = await as('Anna Lindqvist');
    const own = await anna.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: ekbacken });
    expect(own.canEdit).toBe(false);
    await expect(anna.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: sjoviken })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(anna.outcomeMeasures.scatter({ roundId: round })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      anna.outcomeMeasures.saveNote({
        roundId: round,
        schoolUnitId: ekbacken,
        kind: 'ovrigt',
        title: 'x',
        body: 'y',
        areaKeys: ['grundskola.kunskaper'],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const per = await as('Per Bäck');
    await expect(per.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: ekbacken })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(per.outcomeMeasures.scatter({ roundId: round })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(per.outcomeMeasures.currentState({ roundId: round, schoolUnitId: ekbacken })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('staff when the organizer does not share results with them', () => {
  it('refuses the panel, the notes and the description', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    const ekbacken = await unitId('Ekbackens skola');
    const organizerId = (await t.db.selectFrom('school_units').select('organizer_id').where('id', '=', ekbacken).executeTakeFirstOrThrow())
      .organizer_id;
    await t.db.updateTable('organizers').set({ staff_can_see_results: false }).where('id', '=', organizerId).execute();
    try {
      const anna = await as('Anna Lindqvist');
      const refused = { code: 'FORBIDDEN', message: expect.stringContaining('Huvudmannen har inte gett medarbetare tillgång') };
      await expect(anna.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: ekbacken })).rejects.toMatchObject(refused);
      await expect(anna.outcomeMeasures.notes({ roundId: round, schoolUnitId: ekbacken })).rejects.toMatchObject(refused);
      await expect(anna.outcomeMeasures.currentState({ roundId: round, schoolUnitId: ekbacken })).rejects.toMatchObject(refused);
    } finally {
      await t.db.updateTable('organizers').set({ staff_can_see_results: true }).where('id', '=', organizerId).execute();
    }
  });
});

describe('evidence notes and the current-state description', () => {
  it('lets the rektor write notes tagged to areas that staff of the unit read', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    const ekbacken = await unitId('Ekbackens skola');
    const erik = await as('Erik Johansson');
    await expect(
      erik.outcomeMeasures.saveNote({
        roundId: round,
        schoolUnitId: ekbacken,
        kind: 'intervju',
        title: 'Elevintervjuer',
        body: 'Text',
        areaKeys: ['forskola.lek'],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Ett av områdena finns inte i omgångens frågeformulär.' });
    const { id } = await erik.outcomeMeasures.saveNote({
      roundId: round,
      schoolUnitId: ekbacken,
      kind: 'intervju',
      title: 'Elevintervjuer i årskurs 5',
      body: 'Eleverna beskriver lugna lektioner men stökiga korridorer.',
      areaKeys: ['grundskola.normer-och-varden'],
    });
    const anna = await as('Anna Lindqvist');
    const panel = await anna.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: ekbacken });
    expect(panel.notes).toContainEqual(
      expect.objectContaining({
        id,
        title: 'Elevintervjuer i årskurs 5',
        kind: 'intervju',
        areaKeys: ['grundskola.normer-och-varden'],
        createdByName: 'Erik Johansson',
      }),
    );
    await expect(anna.outcomeMeasures.deleteNote({ id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('saves a description with a revision check and returns it as structured parts', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    const sjoviken = await unitId('Sjöviksskolan');
    const maria = await as('Maria Svensson');
    const empty = await maria.outcomeMeasures.currentState({ roundId: round, schoolUnitId: sjoviken });
    expect(empty.revision).toBe(0);
    expect(empty.parts).toEqual([]);
    const parts = [
      { kind: 'areas' as const, text: 'Självskattningen är lägre än i kommunen i stort.', selected: [] },
      { kind: 'mismatches' as const, text: 'Personalen är mer självkritisk än eleverna.', selected: [] },
    ];
    const saved = await maria.outcomeMeasures.saveCurrentState({ roundId: round, schoolUnitId: sjoviken, parts, expectedRevision: 0 });
    expect(saved.revision).toBe(1);
    await expect(
      maria.outcomeMeasures.saveCurrentState({ roundId: round, schoolUnitId: sjoviken, parts: [], expectedRevision: 0 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const doc = await maria.outcomeMeasures.currentState({ roundId: round, schoolUnitId: sjoviken });
    expect(doc.revision).toBe(1);
    expect(doc.parts.map((p) => [p.heading, p.text])).toEqual([
      ['Självskattning per område', 'Självskattningen är lägre än i kommunen i stort.'],
      ['Självskattning och utfall', 'Personalen är mer självkritisk än eleverna.'],
    ]);
    expect(doc.parts[0]?.figures.map((f) => f.label)).toContain('Normer och värden');
    expect(doc.parts[1]?.figures).toContainEqual(
      expect.objectContaining({
        label: 'Normer och värden ↔ Skolenkäten: trygghet, index',
        value: 'Avvikelse',
        note: expect.stringMatching(/^Sjöviksskolan skattar/),
      }),
    );
    // Staff of another unit cannot read it; the unit's rektor of another unit cannot write it.
    const erik = await as('Erik Johansson');
    await expect(
      erik.outcomeMeasures.saveCurrentState({ roundId: round, schoolUnitId: sjoviken, parts, expectedRevision: 1 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      (await as('Anna Lindqvist')).outcomeMeasures.currentState({ roundId: round, schoolUnitId: sjoviken }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps an organizer-level description that the organizer level writes and rektorer read', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    const maria = await as('Maria Svensson');
    const parts = [
      { kind: 'outcomes' as const, text: 'Tryggheten ligger högt i kommunen.', selected: [] },
      { kind: 'mismatches' as const, text: 'En enhet avviker.', selected: [] },
    ];
    expect((await maria.outcomeMeasures.saveCurrentState({ roundId: round, parts, expectedRevision: 0 })).revision).toBe(1);
    const erik = await as('Erik Johansson');
    const doc = await erik.outcomeMeasures.currentState({ roundId: round });
    expect(doc.canEdit).toBe(false);
    expect(doc.unit).toBeNull();
    expect(doc.parts[0]?.figures).toContainEqual(
      expect.objectContaining({ label: 'Skolenkäten: trygghet, index (2025/26)', note: expect.stringMatching(/^Median av 5 enheter/) }),
    );
    // The list of mismatches across units is for the organizer level only.
    expect(doc.parts[1]?.figures).toEqual([]);
    const asOrganizer = await maria.outcomeMeasures.currentState({ roundId: round });
    const flagged = asOrganizer.parts[1]?.figures.map((f) => f.label) ?? [];
    expect(flagged).toContain('Sjöviksskolan: Normer och värden ↔ Skolenkäten: trygghet, index');
    expect(flagged.every((label) => label.startsWith('Sjöviksskolan: '))).toBe(true);
    await expect(erik.outcomeMeasures.saveCurrentState({ roundId: round, parts, expectedRevision: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect((await as('Anna Lindqvist')).outcomeMeasures.currentState({ roundId: round })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      maria.outcomeMeasures.saveCurrentState({
        roundId: round,
        parts: [...parts, parts[0] as (typeof parts)[number]],
        expectedRevision: 1,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('anonymity', () => {
  it('never shows or uses a suppressed self-rating', async () => {
    const round = await closedRound('exempelstad', 'grundskola');
    const norrgarden = await unitId('Norrgårdsskolan');
    // Leave Norrgårdsskolan three responses in the round: below the threshold of 5.
    const keep = await t.db
      .selectFrom('responses')
      .select('id')
      .where('round_id', '=', round)
      .where('school_unit_id', '=', norrgarden)
      .orderBy('id')
      .limit(3)
      .execute();
    const drop = t.db
      .selectFrom('responses')
      .select('id')
      .where('round_id', '=', round)
      .where('school_unit_id', '=', norrgarden)
      .where(
        'id',
        'not in',
        keep.map((k) => k.id),
      );
    await t.db.deleteFrom('answers').where('response_id', 'in', drop).execute();
    await t.db.deleteFrom('area_comments').where('response_id', 'in', drop).execute();
    await t.db
      .deleteFrom('responses')
      .where('round_id', '=', round)
      .where('school_unit_id', '=', norrgarden)
      .where(
        'id',
        'not in',
        keep.map((k) => k.id),
      )
      .execute();
    const organizerId = (
      await t.db.selectFrom('school_units').select('organizer_id').where('id', '=', norrgarden).executeTakeFirstOrThrow()
    ).organizer_id;
    await recomputeTotals(t.db, organizerId);

    const maria = await as('Maria Svensson');
    const scatter = await safetyScatter(maria, round);
    expect(scatter.points.map((p) => p.unitName)).not.toContain('Norrgårdsskolan');
    // Norrgårdsskolan is below the threshold; other units may be hidden with it (secondary suppression).
    const hidden = 5 - scatter.points.length;
    expect(hidden).toBeGreaterThanOrEqual(1);
    expect(scatter.left).toContain(
      `${hidden} ${hidden === 1 ? 'enhet' : 'enheter'} visas inte: självskattningen saknas eller visas inte för att skydda de svarandes anonymitet (färre än 5 svar, eller så skulle en mindre grupp gå att räkna fram).`,
    );
    for (const p of scatter.points) expect(p.mismatch).toBe(false);
    const panel = await maria.outcomeMeasures.unitPanel({ roundId: round, schoolUnitId: norrgarden });
    for (const pair of panel.pairs) {
      expect(pair.selfRating).toBeNull();
      expect(pair.selfRatingN).toBeNull();
      expect(pair.selfRatingSuppressed).toContain('färre än 5 svar');
      expect(pair.judgement).toMatchObject({ kind: 'no-judgement', reason: expect.stringContaining('självskattning visas inte') });
    }
    expect(JSON.stringify(panel)).not.toMatch(/"selfRating":\d/);
  });
});
