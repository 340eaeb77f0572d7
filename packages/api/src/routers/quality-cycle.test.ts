import { createTestDatabase, TEST_TODAY, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedCallerAs, unitIdByName } from '../testing.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

/** A caller acting as `name`, whose queries are checked for organizer_id filters. */
const as = (name?: string) => checkedCallerAs(t.db, name);

const unitId = (name: string) => unitIdByName(t.db, name);

/** The demo's rounds of a school form at Exempelstad, oldest first. */
async function rounds(schoolForm: string) {
  return t.db
    .selectFrom('rounds as r')
    .innerJoin('organizers as o', 'o.id', 'r.organizer_id')
    .select(['r.id', 'r.name', 'r.opens_on', 'r.closes_on', 'r.questionnaire_id'])
    .where('o.key', '=', 'exempelstad')
    .where('r.school_form', '=', schoolForm)
    .orderBy('r.opens_on')
    .execute();
}

async function oldestClosed(schoolForm = 'grundskola') {
  const all = await rounds(schoolForm);
  const closed = all.filter((r) => r.closes_on < TEST_TODAY);
  expect(closed.length).toBeGreaterThanOrEqual(2);
  return { baseline: closed[0] as (typeof all)[number], later: closed[closed.length - 1] as (typeof all)[number], all };
}

async function firstWeakness(roundId: string, schoolUnitId: string) {
  const erik = await as('Erik Johansson');
  const r = await erik.results.findings({ roundId, schoolUnitId });
  const weakness = r.findings.find((f) => f.kind === 'weakness');
  if (!weakness) throw new Error('the demo unit has no weakness');
  return weakness;
}

const code = (code: string) => expect.objectContaining({ code });

describe('access to a unit’s analysis and plan', () => {
  it('lets staff read their unit, the rektor and the organizer level edit, and refuses others', async () => {
    const { baseline } = await oldestClosed();
    const ekbacken = await unitId('Ekbackens skola');
    const scope = { roundId: baseline.id, schoolUnitId: ekbacken };
    const erik = await as('Erik Johansson');
    const saved = await erik.qualityCycle.saveText({ ...scope, target: { kind: 'analysis' }, body: 'Rektorns text', baseRevision: 0 });
    expect(saved.status).toBe('saved');

    const anna = await as('Anna Lindqvist');
    const read = await anna.qualityCycle.workspace(scope);
    expect(read.analysis.body).toBe('Rektorns text');
    expect(read.canEdit).toBe(false);
    await expect(anna.qualityCycle.saveText({ ...scope, target: { kind: 'analysis' }, body: 'x', baseRevision: 1 })).rejects.toThrow(
      'Bara enhetens rektor och huvudmannanivån kan ändra analysen och planen.',
    );
    await expect(
      anna.qualityCycle.savePriority({ ...scope, title: 'x', reason: '', goal: '', indicators: [{ indicatorKey: 'x', targetMean: null }] }),
    ).rejects.toMatchObject(code('FORBIDDEN'));

    const maria = await as('Maria Svensson');
    const byOrganizer = await maria.qualityCycle.saveText({
      ...scope,
      target: { kind: 'analysis' },
      body: 'Huvudmannens tillägg',
      baseRevision: 1,
    });
    expect(byOrganizer.status).toBe('saved');
    expect((await maria.qualityCycle.workspace(scope)).canEdit).toBe(true);

    const karin = await as('Karin Holm');
    await expect(karin.qualityCycle.workspace(scope)).rejects.toMatchObject(code('FORBIDDEN'));
    await expect(karin.qualityCycle.saveText({ ...scope, target: { kind: 'analysis' }, body: 'x', baseRevision: 2 })).rejects.toMatchObject(
      code('FORBIDDEN'),
    );

    // Another organizer's people never find Exempelstad's rounds.
    const per = await as('Per Bäck');
    await expect(per.qualityCycle.workspace(scope)).rejects.toMatchObject(code('NOT_FOUND'));
    const olle = await as('Olle Strand');
    await expect(olle.qualityCycle.workspace(scope)).rejects.toMatchObject(code('NOT_FOUND'));
    expect((await erik.qualityCycle.workspace(scope)).analysis.body).toBe('Huvudmannens tillägg');
  });

  it('lets rektorer read the organizer’s plan and only the organizer level edit it', async () => {
    const { baseline } = await oldestClosed();
    const scope = { roundId: baseline.id };
    const maria = await as('Maria Svensson');
    const indicators = (await maria.qualityCycle.workspace(scope)).indicators;
    const first = indicators[0]?.key as string;
    const created = await maria.qualityCycle.savePriority({
      ...scope,
      title: 'Likvärdig bedömning',
      reason: 'Stor variation mellan enheterna.',
      goal: 'Samsyn om bedömning',
      indicators: [{ indicatorKey: first, targetMean: 3 }],
    });
    const erik = await as('Erik Johansson');
    const read = await erik.qualityCycle.workspace(scope);
    expect(read.scope.kind).toBe('organizer');
    expect(read.priorities.map((p) => p.title)).toEqual(['Likvärdig bedömning']);
    expect(read.canEdit).toBe(false);
    await expect(
      erik.qualityCycle.savePriority({
        ...scope,
        title: 'x',
        reason: '',
        goal: '',
        indicators: [{ indicatorKey: first, targetMean: null }],
      }),
    ).rejects.toThrow('Bara huvudmannanivån kan ändra huvudmannens analys och plan.');
    await expect((await as('Anna Lindqvist')).qualityCycle.workspace(scope)).rejects.toMatchObject(code('FORBIDDEN'));

    // A rektor links the unit's priority to the organizer's; the organizer view shows the link.
    const ekbacken = await unitId('Ekbackens skola');
    await erik.qualityCycle.savePriority({
      roundId: baseline.id,
      schoolUnitId: ekbacken,
      title: 'Bedömning i alla ämnen',
      reason: '',
      goal: '',
      organizerPriorityId: created.priorityId,
      indicators: [{ indicatorKey: first, targetMean: 3.2 }],
    });
    const overview = await maria.qualityCycle.overview({ roundId: baseline.id });
    const linked = overview.organizerPriorities.find((p) => p.id === created.priorityId);
    expect(linked?.linkedUnits).toEqual([{ unitId: ekbacken, unitName: 'Ekbackens skola', priorityTitle: 'Bedömning i alla ämnen' }]);
    const area = overview.areas.find((a) => a.units.some((u) => u.id === ekbacken));
    expect(area).toBeDefined();
    await expect(erik.qualityCycle.overview({ roundId: baseline.id })).rejects.toMatchObject(code('FORBIDDEN'));
  });
});

describe('validation', () => {
  it('names the field in Swedish', async () => {
    const { baseline, all } = await oldestClosed();
    const ekbacken = await unitId('Ekbackens skola');
    const scope = { roundId: baseline.id, schoolUnitId: ekbacken };
    const erik = await as('Erik Johansson');
    const key = (await erik.qualityCycle.workspace(scope)).indicators[0]?.key as string;
    await expect(
      erik.qualityCycle.savePriority({
        ...scope,
        title: 'Mål',
        reason: '',
        goal: '',
        indicators: [{ indicatorKey: 'grundskola.finns-inte', targetMean: 3 }],
      }),
    ).rejects.toThrow('Okänd indikator: grundskola.finns-inte.');
    await expect(
      erik.qualityCycle.savePriority({
        ...scope,
        title: 'Mål',
        reason: '',
        goal: '',
        indicators: [{ indicatorKey: key, targetMean: 4.5 }],
      }),
    ).rejects.toThrow('Målnivån måste ligga mellan 1 och 4 på skalan.');
    await expect(
      erik.qualityCycle.savePriority({ ...scope, title: '  ', reason: '', goal: '', indicators: [{ indicatorKey: key, targetMean: 3 }] }),
    ).rejects.toThrow('Skriv en rubrik för utvecklingsområdet.');
    await expect(erik.qualityCycle.savePriority({ ...scope, title: 'Mål', reason: '', goal: '', indicators: [] })).rejects.toThrow(
      'Välj minst en indikator som prioriteringen gäller.',
    );
    const { priorityId } = await erik.qualityCycle.savePriority({
      ...scope,
      title: 'Mål',
      reason: '',
      goal: '',
      indicators: [{ indicatorKey: key, targetMean: 3 }],
    });
    const activity = {
      priorityId,
      title: 'Sambedömning',
      responsible: 'Erik',
      resources: '',
      expectedEffect: '',
      followUp: '',
      status: 'planned' as const,
    };
    await expect(erik.qualityCycle.saveActivity({ ...activity, startsOn: '2026-10-01', endsOn: '2026-09-01' })).rejects.toThrow(
      'Slutdatum kan inte vara före startdatum.',
    );
    await expect(erik.qualityCycle.saveActivity({ ...activity, startsOn: '1 oktober', endsOn: '2026-09-01' })).rejects.toThrow(
      'Startdatum måste vara ett datum',
    );

    // Carrying on into a round of another school form is refused.
    const preschool = (await rounds('forskola')).at(-1);
    expect(preschool).toBeDefined();
    await expect(erik.qualityCycle.carryForward({ priorityId, targetRoundId: preschool?.id as string })).rejects.toThrow(
      /gäller förskola, men prioriteringen gäller grundskola/,
    );
    expect(all.length).toBeGreaterThanOrEqual(3);

    // More than four priorities: saved, with the advice as a warning.
    let last: { warning: string | null } = { warning: null };
    for (let i = 2; i <= 5; i++) {
      last = await erik.qualityCycle.savePriority({
        ...scope,
        title: `Mål ${i}`,
        reason: '',
        goal: '',
        indicators: [{ indicatorKey: key, targetMean: null }],
      });
    }
    expect(last.warning).toMatch(/högst 4/);
  });
});

describe('autosave with a revision check', () => {
  it('refuses the second save from the same revision and returns the stored text', async () => {
    const { baseline } = await oldestClosed();
    const scope = { roundId: baseline.id, schoolUnitId: await unitId('Tallbackens skola') };
    const erik = await as('Erik Johansson');
    const maria = await as('Maria Svensson');
    const first = await erik.qualityCycle.saveText({ ...scope, target: { kind: 'evidence' }, body: 'Skolenkäten', baseRevision: 0 });
    expect(first).toMatchObject({ status: 'saved', revision: 1 });
    // Both start from revision 1.
    const a = await erik.qualityCycle.saveText({
      ...scope,
      target: { kind: 'evidence' },
      body: 'Skolenkäten och betygen',
      baseRevision: 1,
    });
    expect(a).toMatchObject({ status: 'saved', revision: 2 });
    const b = await maria.qualityCycle.saveText({
      ...scope,
      target: { kind: 'evidence' },
      body: 'Skolenkäten och elevintervjuer',
      baseRevision: 1,
    });
    expect(b.status).toBe('conflict');
    if (b.status !== 'conflict') throw new Error('expected a conflict');
    expect(b.current).toMatchObject({ body: 'Skolenkäten och betygen', revision: 2, updatedByName: 'Erik Johansson' });
    expect(b.message).toMatch(/^Texten har ändrats av Erik Johansson kl\. \d\d:\d\d/);
    // Nothing was overwritten, and a merged text saves from the stored revision.
    expect((await erik.qualityCycle.workspace(scope)).evidence.body).toBe('Skolenkäten och betygen');
    const merged = await maria.qualityCycle.saveText({
      ...scope,
      target: { kind: 'evidence' },
      body: 'Skolenkäten, betygen och elevintervjuer',
      baseRevision: b.current.revision,
    });
    expect(merged).toMatchObject({ status: 'saved', revision: 3 });
    // Two first saves at once: the second is a conflict, not a silent overwrite.
    const c1 = await erik.qualityCycle.saveText({ ...scope, target: { kind: 'analysis' }, body: 'Ett', baseRevision: 0 });
    const c2 = await maria.qualityCycle.saveText({ ...scope, target: { kind: 'analysis' }, body: 'Två', baseRevision: 0 });
    expect(c1.status).toBe('saved');
    expect(c2).toMatchObject({ status: 'conflict', current: { body: 'Ett' } });
  });
});

describe('from a weakness to the follow-up', () => {
  it('snapshots the finding, and follows the priority up against a hand-computed mean', async () => {
    const { baseline, later } = await oldestClosed();
    const ekbacken = await unitId('Ekbackens skola');
    const scope = { roundId: baseline.id, schoolUnitId: ekbacken };
    const erik = await as('Erik Johansson');
    const weakness = await firstWeakness(baseline.id, ekbacken);
    const taken = await erik.qualityCycle.takeFinding({
      ...scope,
      kind: weakness.kind,
      reference: weakness.reference,
      indicatorKey: weakness.indicatorKey,
    });
    expect(taken.created).toBe(true);
    const again = await erik.qualityCycle.takeFinding({
      ...scope,
      kind: weakness.kind,
      reference: weakness.reference,
      indicatorKey: weakness.indicatorKey,
    });
    expect(again).toEqual({ findingId: taken.findingId, created: false });
    const ws = await erik.qualityCycle.workspace(scope);
    const snap = ws.findings.find((f) => f.id === taken.findingId)?.snapshot;
    expect(snap).toMatchObject({ reason: weakness.reason, value: weakness.value, n: weakness.n, roundName: baseline.name });
    expect(snap?.statement.length).toBeGreaterThan(10);
    const cause = await erik.qualityCycle.saveText({
      ...scope,
      target: { kind: 'cause', findingId: taken.findingId },
      body: '- orsak',
      baseRevision: 0,
    });
    expect(cause.status).toBe('saved');

    const { priorityId } = await erik.qualityCycle.savePriority({
      ...scope,
      title: 'Återkoppling',
      reason: 'Svagheten i resultaten',
      goal: 'Eleverna vet vad som bedöms',
      indicators: [{ indicatorKey: weakness.indicatorKey, targetMean: 2.5 }],
    });
    const after = await erik.qualityCycle.workspace(scope);
    expect(after.followUp.laterRound?.id).toBe(later.id);
    const follow = after.priorities.find((p) => p.id === priorityId)?.followUp?.[0];
    expect(follow).toBeDefined();

    // Hand-computed from the raw answers of the later round.
    const values = (
      await t.db
        .selectFrom('answers as a')
        .innerJoin('responses as r', (j) => j.onRef('r.organizer_id', '=', 'a.organizer_id').onRef('r.id', '=', 'a.response_id'))
        .innerJoin('indicators as i', 'i.id', 'a.indicator_id')
        .select('a.value')
        .where('r.round_id', '=', later.id)
        .where('r.school_unit_id', '=', ekbacken)
        .where('i.questionnaire_id', '=', later.questionnaire_id)
        .where('i.key', '=', weakness.indicatorKey)
        .where('a.dont_know', '=', false)
        .where('a.value', 'is not', null)
        .execute()
    ).map((r) => Number(r.value));
    expect(values.length).toBeGreaterThanOrEqual(5);
    const n = values.length;
    const m = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
    const result = follow?.result;
    if (!result || result.later.suppressed) throw new Error('expected shown figures');
    expect(result.later.value.n).toBe(n);
    expect(result.later.value.mean).toBeCloseTo(m, 9);
    const interval = result.later.value.meanInterval;
    const half = ((interval?.upper ?? 0) - (interval?.lower ?? 0)) / 2;
    expect(((interval?.upper ?? 0) + (interval?.lower ?? 0)) / 2).toBeCloseTo(m, 9);
    // t(0.975, n − 1) lies between 1.96 and 2.78 for n ≥ 5.
    expect(half / (sd / Math.sqrt(n))).toBeGreaterThan(1.96);
    expect(half / (sd / Math.sqrt(n))).toBeLessThan(2.78);
    expect(result.status).toBe(m >= 2.5 ? 'reached' : 'not-reached');
    if (!result.baseline.suppressed && result.baseline.value.mean !== null) {
      expect(result.change).toBeCloseTo(m - result.baseline.value.mean, 9);
    }
  });

  it('carries a priority on into the next round with a link to its origin, once', async () => {
    const { baseline, all } = await oldestClosed();
    const next = all[1];
    const scope = { roundId: baseline.id, schoolUnitId: await unitId('Tallbackens skola') };
    const erik = await as('Erik Johansson');
    const key = (await erik.qualityCycle.workspace(scope)).indicators[2]?.key as string;
    const { priorityId } = await erik.qualityCycle.savePriority({
      ...scope,
      title: 'Elevernas inflytande',
      reason: 'r',
      goal: 'g',
      indicators: [{ indicatorKey: key, targetMean: 3 }],
    });
    await erik.qualityCycle.saveActivity({
      priorityId,
      title: 'Klassråd varje månad',
      responsible: 'Mentorerna',
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
      resources: '',
      expectedEffect: '',
      followUp: '',
      status: 'ongoing',
    });
    const carried = await erik.qualityCycle.carryForward({ priorityId });
    expect(carried.roundId).toBe(next?.id);
    const nextWs = await erik.qualityCycle.workspace({ ...scope, roundId: carried.roundId });
    const copy = nextWs.priorities.find((p) => p.id === carried.priorityId);
    expect(copy).toMatchObject({ title: 'Elevernas inflytande', origin: { priorityId, roundName: baseline.name } });
    expect(copy?.indicators.map((i) => [i.indicatorKey, i.targetMean])).toEqual([[key, 3]]);
    const source = (await erik.qualityCycle.workspace(scope)).priorities.find((p) => p.id === priorityId);
    expect(source?.carriedTo?.roundId).toBe(carried.roundId);
    await expect(erik.qualityCycle.carryForward({ priorityId })).rejects.toMatchObject(code('CONFLICT'));
  });
});

describe('the organizer view', () => {
  it('shows the demo units’ priorities side by side, the areas most prioritised and weaknesses without a priority', async () => {
    const { later } = await oldestClosed();
    const maria = await as('Maria Svensson');
    const o = await maria.qualityCycle.overview({ roundId: later.id });
    expect(o.areas[0]).toMatchObject({ title: 'Bedömning och betyg' });
    expect(o.areas[0]?.units.map((u) => u.name).sort()).toEqual(['Norrgårdsskolan', 'Sjöviksskolan']);
    const organizerPriority = o.organizerPriorities.find((p) => p.title === 'Likvärdig bedömning och betygssättning');
    expect(organizerPriority?.linkedUnits.map((l) => l.unitName).sort()).toEqual(['Norrgårdsskolan', 'Sjöviksskolan']);
    expect(o.units.find((u) => u.name === 'Centralskolan')?.priorities.map((p) => p.title)).toEqual([
      'Anpassad undervisning för alla elever',
    ]);
    // A weakness is listed only when the unit has no priority in its area.
    for (const gap of o.uncovered) {
      const unit = o.units.find((u) => u.id === gap.unitId);
      const ws = await maria.qualityCycle.workspace({ roundId: later.id, schoolUnitId: gap.unitId });
      const areaKey = ws.indicators.find((i) => i.key === gap.indicatorKey)?.areaKey;
      expect(unit?.priorities.some((p) => p.areaKeys.includes(areaKey as string))).toBe(false);
    }
    expect(o.uncovered.some((g) => g.unitName === 'Ekbackens skola')).toBe(true);
    // The demo plans are readable by the unit's rektor, with the link to the organizer's priority.
    const norrgard = await unitId('Norrgårdsskolan');
    const ws = await maria.qualityCycle.workspace({ roundId: later.id, schoolUnitId: norrgard });
    expect(ws.priorities[0]?.organizerPriority?.title).toBe('Likvärdig bedömning och betygssättning');
    expect(ws.priorities[0]?.activities).toHaveLength(2);
  });
});
