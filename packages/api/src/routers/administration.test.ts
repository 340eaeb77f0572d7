import { createTestDatabase, type TestDatabase } from '@kvalitetshjulet/db/testing';
import { parseCsv } from '@kvalitetshjulet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, TEST_NOW, userIdByName } from '../testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const toBase64 = (text: string) => Buffer.from(text, 'utf-8').toString('base64');
const csvFile = (fileName: string, lines: string[]) => ({ fileName, contentBase64: toBase64(`\uFEFF${lines.join('\r\n')}\r\n`) });
const HEADER = 'Enhet;Enhetskod;Skolformer;Arbetslag;Arbetslagets skolform;Namn;E-post;Titel;Roll';

async function organizerId(name: string): Promise<string> {
  return (await t.db.selectFrom('organizers').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function auditActions(orgId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('audit_log').select('action').where('organizer_id', '=', orgId).orderBy('occurred_at').execute();
  return rows.map((r) => r.action);
}

describe('administration: who may do what', () => {
  it.each([['Anna Lindqvist'], ['Erik Johansson'], ['Per Bäck'], ['Olle Strand']])('refuses %s everything', async (name) => {
    const { caller } = await callerAs(t.db, name);
    await expect(caller.administration.settings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.administration.units()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.administration.users()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.administration.audit({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.administration.exportOrganization({ format: 'csv' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.administration.previewImport(csvFile('a.csv', [HEADER]))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.administration.runRetention()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets the organizer level read settings and units, but change nothing and not read users or the log', async () => {
    const { caller: maria } = await callerAs(t.db, 'Maria Svensson');
    expect(await maria.administration.settings()).toMatchObject({ name: 'Exempelstad kommun', anonymityThreshold: 5 });
    expect((await maria.administration.units()).map((u) => u.name)).toContain('Ekbackens skola');
    await expect(
      maria.administration.saveSettings({
        name: 'X',
        anonymityThreshold: 5,
        staffCanSeeResults: true,
        draftRetentionDays: 90,
        auditRetentionDays: 730,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(maria.administration.users()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(maria.administration.audit({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(maria.administration.createUnit({ name: 'X', unitCode: '', schoolForms: ['forskola'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('keeps an administrator of another organizer to their own organisation', async () => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    await sara.administration.exportOrganization({ format: 'csv' });
    const back = await userIdByName(t.db, 'Per Bäck');
    await t.db.insertInto('role_assignments').values({ organizer_id: back.organizerId, user_id: back.userId, role: 'admin' }).execute();
    const { caller: per } = await callerAs(t.db, 'Per Bäck');
    const units = await per.administration.units();
    expect(units.map((u) => u.name)).toEqual(['Bäckaskolan']);
    const users = await per.administration.users();
    expect(users.map((u) => u.name)).not.toContain('Anna Lindqvist');
    expect((await per.administration.settings()).name).toBe('Stiftelsen Bäckaskolan');

    const exempelstadUnit = (
      await t.db.selectFrom('school_units').select('id').where('name', '=', 'Ekbackens skola').executeTakeFirstOrThrow()
    ).id;
    const anna = await userIdByName(t.db, 'Anna Lindqvist');
    await expect(per.administration.setUnitActive({ unitId: exempelstadUnit, active: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(per.administration.setUserActive({ userId: anna.userId, active: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(per.administration.addRole({ userId: anna.userId, role: 'admin', unitId: null, teamId: null })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const exported = await per.administration.exportOrganization({ format: 'csv' });
    const text = Buffer.from(exported.contentBase64, 'base64').toString('utf-8');
    expect(text).toContain('Bäckaskolan');
    expect(text).not.toContain('Ekbackens skola');
    expect(text).not.toContain('exempelstad');
    const audit = await per.administration.audit({});
    expect(audit.entries.map((e) => [e.action, e.actorName])).toEqual([['export.organization', 'Per Bäck']]);
  });
});

describe('administration: settings', () => {
  const valid = {
    name: 'Exempelstad kommun',
    anonymityThreshold: 6,
    staffCanSeeResults: false,
    draftRetentionDays: 60,
    auditRetentionDays: 365,
  };

  it.each([
    [2, 'Gränsen för anonymitet får inte vara lägre än 3 svar'],
    [11, 'Gränsen för anonymitet får inte vara högre än 10 svar'],
    [4.5, 'Gränsen för anonymitet ska vara ett heltal'],
  ])('refuses the anonymity threshold %s with a Swedish message', async (threshold, message) => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const attempt = sara.administration.saveSettings({ ...valid, anonymityThreshold: threshold });
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(attempt).rejects.toThrow(message);
  });

  it.each([
    [{ draftRetentionDays: 0 }, 'Utkast från stängda omgångar måste sparas i minst 1 dagar'],
    [{ auditRetentionDays: 10 }, 'Loggposter måste sparas i minst 30 dagar'],
    [{ name: '  ' }, 'Ange huvudmannens namn'],
  ])('refuses %j', async (change, message) => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    await expect(sara.administration.saveSettings({ ...valid, ...change })).rejects.toThrow(message);
  });

  it('saves valid settings and logs what changed', async () => {
    const { caller: sara, ctx } = await callerAs(t.db, 'Sara Nilsson');
    const saved = await sara.administration.saveSettings(valid);
    expect(saved).toEqual({ ...valid, kind: 'kommun' });
    const log = await sara.administration.audit({ action: 'settings' });
    expect(log.entries[0]).toMatchObject({
      action: 'settings.update',
      actorName: 'Sara Nilsson',
      details: { anonymityThreshold: { from: 5, to: 6 }, staffCanSeeResults: { from: true, to: false } },
    });
    await sara.administration.saveSettings({ ...valid, anonymityThreshold: 5, staffCanSeeResults: true });
    expect((await sara.administration.settings()).anonymityThreshold).toBe(5);
    expect(ctx.session?.organizerId).toBeDefined();
  });
});

describe('administration: units, teams, users', () => {
  it('creates a unit and a team, refuses a duplicate code and removing a form a team uses', async () => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const { id } = await sara.administration.createUnit({
      name: 'Lärkans skola',
      unitCode: '9988 7766',
      schoolForms: ['grundskola', 'fritidshem'],
    });
    await sara.administration.createTeam({ unitId: id, name: 'Lag 1–3', schoolForm: 'grundskola' });
    const unit = (await sara.administration.units()).find((u) => u.id === id);
    expect(unit).toMatchObject({
      name: 'Lärkans skola',
      unitCode: '99887766',
      active: true,
      teams: [expect.objectContaining({ name: 'Lag 1–3' })],
    });
    await expect(sara.administration.createUnit({ name: 'Annan', unitCode: '99887766', schoolForms: ['forskola'] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Enhetskoden 99887766 används redan av Lärkans skola. Kontrollera koden.',
    });
    await expect(sara.administration.createUnit({ name: 'Annan', unitCode: '123', schoolForms: ['forskola'] })).rejects.toThrow(
      'åtta siffror',
    );
    await expect(
      sara.administration.updateUnit({ unitId: id, name: 'Lärkans skola', unitCode: '', schoolForms: ['fritidshem'] }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Skolformen grundskola används av Lag 1–3'),
    });
    await expect(sara.administration.createTeam({ unitId: id, name: 'Förskolan', schoolForm: 'forskola' })).rejects.toThrow(
      'Lärkans skola har inte skolformen förskola',
    );
    await sara.administration.setUnitActive({ unitId: id, active: false });
    expect((await sara.administration.units()).find((u) => u.id === id)?.active).toBe(false);
  });

  it('creates a person with a role, refuses a used e-mail, and keeps at least one administrator', async () => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const { id } = await sara.administration.createUser({ name: 'Ture Test', email: ' Ture.Test@Exempelstad.se ', title: 'Lärare' });
    const ekbacken = (await sara.administration.units()).find((u) => u.name === 'Ekbackens skola');
    const team = ekbacken?.teams.find((x) => x.name === 'Arbetslag 4–6');
    await sara.administration.addRole({ userId: id, role: 'staff', unitId: ekbacken?.id ?? null, teamId: team?.id ?? null });
    const ture = (await sara.administration.users()).find((u) => u.id === id);
    expect(ture).toMatchObject({
      email: 'ture.test@exempelstad.se',
      roles: [expect.objectContaining({ role: 'staff', teamName: 'Arbetslag 4–6' })],
    });
    await expect(
      sara.administration.addRole({ userId: id, role: 'staff', unitId: ekbacken?.id ?? null, teamId: team?.id ?? null }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(sara.administration.addRole({ userId: id, role: 'principal', unitId: null, teamId: null })).rejects.toThrow(
      'Välj enheten',
    );
    await expect(sara.administration.createUser({ name: 'Annan', email: 'ture.test@exempelstad.se', title: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('används redan av Ture Test'),
    });
    await expect(sara.administration.createUser({ name: 'Annan', email: 'inte-en-adress', title: '' })).rejects.toThrow('namn@exempel.se');

    const saraRow = (await sara.administration.users()).find((u) => u.name === 'Sara Nilsson');
    const adminRole = saraRow?.roles.find((r) => r.role === 'admin');
    await expect(sara.administration.removeRole({ roleId: adminRole?.id ?? '' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Det måste finnas minst en administratör. Ge någon annan rollen först.',
    });
  });

  it('deactivating a person ends their sessions in the same step, and they cannot log in again', async () => {
    const { caller: sara, ctx } = await callerAs(t.db, 'Sara Nilsson');
    const lena = await userIdByName(t.db, 'Lena Ek');
    await callerAs(t.db, 'Lena Ek');
    await callerAs(t.db, 'Lena Ek');
    const sessions = () =>
      t.db.selectFrom('sessions').select('id').where('organizer_id', '=', lena.organizerId).where('user_id', '=', lena.userId).execute();
    expect((await sessions()).length).toBeGreaterThanOrEqual(2);

    const result = await sara.administration.setUserActive({ userId: lena.userId, active: false });
    expect(result.sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(await sessions()).toEqual([]);
    const { caller: anon } = await callerAs(t.db);
    await expect(anon.session.demoLogin({ userId: lena.userId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const log = await sara.administration.audit({ action: 'user.deactivate' });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      action: 'user.deactivate',
      target: expect.stringContaining('Lena Ek'),
      details: { sessionsEnded: result.sessionsEnded },
    });

    await expect(sara.administration.setUserActive({ userId: ctx.session?.userId ?? '', active: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Du kan inte inaktivera dig själv. Be en annan administratör göra det.',
    });
    await sara.administration.setUserActive({ userId: lena.userId, active: true });
    await anon.session.demoLogin({ userId: lena.userId });
  });
});

describe('administration: import and export', () => {
  it('lists every problem of a mixed file, writes nothing until confirmed, then exactly the good rows', async () => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const orgId = await organizerId('Exempelstad kommun');
    const file = csvFile('personal.csv', [
      HEADER,
      'Granskolan;44445555;Förskoleklass, Fritidshem, Grundskola;Lag Gran;Grundskola;Gun Gran;gun.gran@exempelstad.se;Lärare;Medarbetare',
      'Granskolan;;;Lag Gran;;Hans Gran;hans.gran@exempelstad.se;Lärare;Medarbetare',
      'Granskolan;;;;;Iris Gran;iris.gran@exempelstad.se;Rektor;Rektor',
      'Granskolan;;;Lag Gran;;Jon Gran;jon.gran(at)exempelstad.se;Lärare;Medarbetare',
      'Granskolan;;;Lag Gran;;;kim.gran@exempelstad.se;Lärare;Medarbetare',
      'Tallskolan;;Högstadium;;;Lo Tall;lo.tall@exempelstad.se;Lärare;Medarbetare',
      'Granskolan;;;Lag Gran;;Mia Gran;gun.gran@exempelstad.se;Lärare;Medarbetare',
      ';;;;;Nils Utan;nils.utan@exempelstad.se;Lärare;Medarbetare',
    ]);
    const countsBefore = await Promise.all([
      t.db
        .selectFrom('users')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('organizer_id', '=', orgId)
        .executeTakeFirstOrThrow(),
      t.db
        .selectFrom('school_units')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('organizer_id', '=', orgId)
        .executeTakeFirstOrThrow(),
    ]);

    const preview = await sara.administration.previewImport(file);
    expect(preview.fileProblems).toEqual([]);
    expect(preview.rowCount).toBe(8);
    expect(preview.validRowCount).toBe(3);
    expect(preview.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [5, 'E-post', 'E-postadressen ”jon.gran(at)exempelstad.se” är inte giltig. Skriv den som namn@exempel.se.'],
      [6, 'Namn', 'Namn saknas. Skriv personens för- och efternamn.'],
      [7, 'Skolformer', expect.stringContaining('Okänd skolform ”Högstadium”')],
      [8, 'E-post', expect.stringContaining('finns redan på rad 2 för Gun Gran')],
      [9, 'Enhet', expect.stringContaining('Enhet saknas')],
    ]);
    expect(preview).toMatchObject({
      newUnits: ['Granskolan'],
      newTeams: ['Granskolan – Lag Gran'],
      newUsers: ['Gun Gran <gun.gran@exempelstad.se>', 'Hans Gran <hans.gran@exempelstad.se>', 'Iris Gran <iris.gran@exempelstad.se>'],
      newRoleCount: 3,
    });
    const countsAfterPreview = await Promise.all([
      t.db
        .selectFrom('users')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('organizer_id', '=', orgId)
        .executeTakeFirstOrThrow(),
      t.db
        .selectFrom('school_units')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('organizer_id', '=', orgId)
        .executeTakeFirstOrThrow(),
    ]);
    expect(countsAfterPreview).toEqual(countsBefore);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'gun.gran@exempelstad.se').execute()).toEqual([]);

    const applied = await sara.administration.applyImport(file);
    expect(applied.validRowCount).toBe(3);
    const units = await sara.administration.units();
    const gran = units.find((u) => u.name === 'Granskolan');
    expect(gran).toMatchObject({
      unitCode: '44445555',
      schoolForms: expect.arrayContaining(['forskoleklass', 'fritidshem', 'grundskola']),
    });
    expect(gran?.teams).toEqual([expect.objectContaining({ name: 'Lag Gran', schoolForm: 'grundskola', memberCount: 2 })]);
    expect(units.some((u) => u.name === 'Tallskolan')).toBe(false);
    const users = (await sara.administration.users()).filter((u) => u.email.endsWith('@exempelstad.se') && /gran|tall|utan/.test(u.email));
    expect(users.map((u) => [u.name, u.roles.map((r) => r.role)])).toEqual([
      ['Gun Gran', ['staff']],
      ['Hans Gran', ['staff']],
      ['Iris Gran', ['principal']],
    ]);
    const log = await sara.administration.audit({ action: 'import' });
    expect(log.entries[0]).toMatchObject({
      action: 'import.apply',
      target: 'personal.csv',
      details: { rows: 8, writtenRows: 3, skippedRows: 5, newUsers: 3 },
    });

    // The same file again: the good rows are already there, so nothing new.
    const again = await sara.administration.previewImport(file);
    expect(again).toMatchObject({ newUnits: [], newTeams: [], newUsers: [], newRoleCount: 0 });
  });

  it('refuses files it cannot read with a message that says what to do', async () => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    await expect(sara.administration.previewImport({ fileName: 'a.pdf', contentBase64: toBase64('x') })).rejects.toThrow(
      'Välj en .xlsx-fil eller en CSV-fil',
    );
    await expect(sara.administration.previewImport({ fileName: 'a.xlsx', contentBase64: toBase64('inte excel') })).rejects.toThrow(
      'Filen kunde inte läsas som en Excel-fil',
    );
    const noColumns = await sara.administration.previewImport(csvFile('a.csv', ['Namn;E-post', 'A;a@b.se']));
    expect(noColumns.fileProblems).toEqual([expect.stringContaining('saknas i första raden')]);
    await expect(sara.administration.applyImport(csvFile('a.csv', ['Namn;E-post', 'A;a@b.se']))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(sara.administration.previewImport({ fileName: 'stor.csv', contentBase64: 'A'.repeat(1_000_000) })).rejects.toThrow(
      'Filen är för stor',
    );
  });

  it('reads a Windows-1252 CSV as older Swedish Excel saves it', async () => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const latin1 = Buffer.from(
      `${HEADER}\r\nSolrosens förskola;;;;;Åsa Öberg;asa.oberg@exempelstad.se;Förskollärare;Medarbetare\r\n`,
      'latin1',
    );
    const preview = await sara.administration.previewImport({ fileName: 'latin1.csv', contentBase64: latin1.toString('base64') });
    expect(preview.problems).toEqual([]);
    expect(preview.newUsers).toEqual(['Åsa Öberg <asa.oberg@exempelstad.se>']);
  });

  it('exports CSV for Swedish Excel and xlsx that imports again without changes, and logs each export', async () => {
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const csv = await sara.administration.exportOrganization({ format: 'csv' });
    expect(csv.fileName).toBe('organisation-2026-11-23.csv');
    const text = Buffer.from(csv.contentBase64, 'base64').toString('utf-8');
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toContainEqual([
      'Ekbackens skola',
      expect.stringMatching(/^\d{8}$/),
      'Förskoleklass, Fritidshem, Grundskola',
      'Arbetslag 4–6',
      'Grundskola',
      'Anna Lindqvist',
      expect.stringContaining('@'),
      expect.any(String),
      'Medarbetare',
    ]);

    const xlsx = await sara.administration.exportOrganization({ format: 'xlsx' });
    expect(xlsx.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const reimport = await sara.administration.previewImport({ fileName: xlsx.fileName, contentBase64: xlsx.contentBase64 });
    expect(reimport.problems).toEqual([]);
    expect(reimport.rowCount).toBe(rows.length - 1);
    expect(reimport).toMatchObject({ newUnits: [], changedUnits: [], newTeams: [], newUsers: [], newRoleCount: 0 });

    const log = await sara.administration.audit({ action: 'export' });
    expect(log.entries.map((e) => [e.action, e.target, e.actorName])).toEqual(
      expect.arrayContaining([
        ['export.organization', 'organisation-2026-11-23.xlsx', 'Sara Nilsson'],
        ['export.organization', 'organisation-2026-11-23.csv', 'Sara Nilsson'],
      ]),
    );
  });
});

describe('administration: audit log and retention', () => {
  it('logs demo logins for the person’s own organizer, never answers', async () => {
    const { caller: anon } = await callerAs(t.db);
    const anna = await userIdByName(t.db, 'Anna Lindqvist');
    await anon.session.demoLogin({ userId: anna.userId });
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const log = await sara.administration.audit({ action: 'session' });
    expect(log.entries.find((e) => e.actorName === 'Anna Lindqvist')).toMatchObject({
      action: 'session.login',
      target: expect.stringContaining('@'),
      details: { method: 'demo' },
    });
    expect((await auditActions(await organizerId('Stiftelsen Bäckaskolan'))).includes('session.login')).toBe(false);
    const columns = Object.keys(log.entries[0] ?? {}).sort();
    expect(columns).toEqual(['action', 'actorName', 'details', 'id', 'occurredAt', 'target']);
  });

  it('pages through the log, newest first', async () => {
    const orgId = await organizerId('Exempelstad kommun');
    const base = new Date('2026-11-01T08:00:00Z').getTime();
    await t.db
      .insertInto('audit_log')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          organizer_id: orgId,
          action: 'test.paging',
          target: `nr ${i}`,
          occurred_at: new Date(base + i * 1000),
        })),
      )
      .execute();
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    const first = await sara.administration.audit({ action: 'test.paging' });
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]?.target).toBe('nr 59');
    const second = await sara.administration.audit({ action: 'test.paging', after: first.next ?? undefined });
    expect(second.entries.map((e) => e.target)).toEqual(Array.from({ length: 10 }, (_, i) => `nr ${9 - i}`));
    expect(second.next).toBeNull();
  });

  it('removes only drafts of rounds closed longer ago than the setting, and only old log entries', async () => {
    const orgId = await organizerId('Exempelstad kommun');
    const { caller: sara } = await callerAs(t.db, 'Sara Nilsson');
    await sara.administration.saveSettings({
      name: 'Exempelstad kommun',
      anonymityThreshold: 5,
      staffCanSeeResults: true,
      draftRetentionDays: 30,
      auditRetentionDays: 365,
    });
    const anna = await userIdByName(t.db, 'Anna Lindqvist');
    const ekbacken = (await t.db.selectFrom('school_units').select('id').where('name', '=', 'Ekbackens skola').executeTakeFirstOrThrow())
      .id;
    const questionnaireId = (
      await t.db.selectFrom('questionnaires').select('id').where('school_form', '=', 'grundskola').executeTakeFirstOrThrow()
    ).id;
    const makeRound = async (name: string, closesOn: string, closedEarlyOn: string | null) => {
      const { id } = await t.db
        .insertInto('rounds')
        .values({
          organizer_id: orgId,
          name,
          questionnaire_id: questionnaireId,
          school_form: 'grundskola',
          opens_on: '2025-01-01',
          closes_on: closesOn,
          closed_early_on: closedEarlyOn,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('round_units').values({ organizer_id: orgId, round_id: id, school_unit_id: ekbacken }).execute();
      const draftId = crypto.randomUUID();
      await t.db
        .insertInto('drafts')
        .values({
          organizer_id: orgId,
          id: draftId,
          round_id: id,
          school_unit_id: ekbacken,
          user_id: anna.userId,
          revision: 1,
          answers: '{}',
          comments: '{}',
        })
        .execute();
      return draftId;
    };
    const oldClosed = await makeRound('Gammal', '2026-09-30', null); // closed 1 October: 53 days ago
    const closedEarly = await makeRound('Stängd i förtid', '2026-12-31', '2026-10-24'); // exactly 30 days ago
    const recentlyClosed = await makeRound('Nyss stängd', '2026-10-24', null); // closed 25 October: 29 days ago
    const open = await makeRound('Öppen', '2026-12-31', null);

    const day = 24 * 60 * 60 * 1000;
    await t.db
      .insertInto('audit_log')
      .values([
        { organizer_id: orgId, action: 'test.retention', target: 'gammal', occurred_at: new Date(TEST_NOW.getTime() - 366 * day) },
        { organizer_id: orgId, action: 'test.retention', target: 'ny', occurred_at: new Date(TEST_NOW.getTime() - 364 * day) },
      ])
      .execute();
    const backaskolan = await organizerId('Stiftelsen Bäckaskolan');
    await t.db
      .insertInto('audit_log')
      .values({
        organizer_id: backaskolan,
        action: 'test.retention',
        target: 'annan huvudman',
        occurred_at: new Date(TEST_NOW.getTime() - 3000 * day),
      })
      .execute();

    const removed = await sara.administration.runRetention();
    expect(removed.drafts).toBeGreaterThanOrEqual(2);
    expect(removed.auditEntries).toBeGreaterThanOrEqual(1);
    const drafts = await t.db.selectFrom('drafts').select('id').where('id', 'in', [oldClosed, closedEarly, recentlyClosed, open]).execute();
    expect(drafts.map((d) => d.id).sort()).toEqual([recentlyClosed, open].sort());
    const left = await t.db
      .selectFrom('audit_log')
      .select(['organizer_id', 'target'])
      .where('action', '=', 'test.retention')
      .orderBy('target')
      .execute();
    expect(left).toEqual([
      { organizer_id: backaskolan, target: 'annan huvudman' },
      { organizer_id: orgId, target: 'ny' },
    ]);
    const log = await sara.administration.audit({ action: 'retention' });
    expect(log.entries[0]).toMatchObject({ action: 'retention.run', details: { drafts: removed.drafts } });
  });
});
