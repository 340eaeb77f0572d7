import { describe, expect, it } from 'vitest';
import { ORGANIZATION_COLUMNS, type OrganizationSnapshot } from './format.ts';
import { checkOrganizationImport } from './validate-import.ts';

const existing: OrganizationSnapshot = {
  units: [
    { id: 'u-ek', name: 'Ekbackens skola', unitCode: '12345678', schoolForms: ['forskoleklass', 'fritidshem', 'grundskola'], active: true },
    { id: 'u-old', name: 'Gamla skolan', unitCode: '87654321', schoolForms: ['grundskola'], active: false },
    { id: 'u-sol', name: 'Solrosens förskola', unitCode: null, schoolForms: ['forskola'], active: true },
  ],
  teams: [
    { id: 't-46', unitId: 'u-ek', name: 'Arbetslag 4–6', schoolForm: 'grundskola', active: true },
    { id: 't-fri', unitId: 'u-ek', name: 'Fritids', schoolForm: 'fritidshem', active: true },
    { id: 't-old', unitId: 'u-ek', name: 'Gamla laget', schoolForm: 'grundskola', active: false },
  ],
  users: [
    { id: 'p-anna', name: 'Anna Lindqvist', email: 'anna@exempelstad.se', title: 'Lärare', active: true },
    { id: 'p-gone', name: 'Gunnar Slut', email: 'gunnar@exempelstad.se', title: 'Lärare', active: false },
  ],
  roles: [{ userId: 'p-anna', role: 'staff', unitId: 'u-ek', teamId: 't-46' }],
};

type Row = [string, string, string, string, string, string, string, string, string];
const header = [...ORGANIZATION_COLUMNS];
const check = (...rows: Row[]) => checkOrganizationImport([header, ...rows], existing);
const ek = (team: string, teamForm: string, name: string, email: string, title = 'Lärare', role = 'Medarbetare'): Row => [
  'Ekbackens skola',
  '',
  '',
  team,
  teamForm,
  name,
  email,
  title,
  role,
];

describe('checkOrganizationImport: one row with one problem', () => {
  it.each<[string, Row, string, string]>([
    [
      'an unknown school form',
      ['Nya skolan', '', 'Grundskola, Högstadium', '', '', '', '', '', ''],
      'Skolformer',
      'Okänd skolform ”Högstadium”',
    ],
    ['a bad e-mail', ek('', '', 'Bo Ek', 'bo.exempelstad.se'), 'E-post', 'E-postadressen ”bo.exempelstad.se” är inte giltig'],
    ['a missing name', ek('', '', '', 'bo@exempelstad.se'), 'Namn', 'Namn saknas'],
    ['a missing e-mail', ek('', '', 'Bo Ek', ''), 'E-post', 'E-post saknas'],
    ['a missing unit', ['', '', '', '', '', 'Bo Ek', 'bo@exempelstad.se', 'Lärare', 'Medarbetare'], 'Enhet', 'Enhet saknas'],
    ['a team without unit', ['', '', '', 'Lag 1', 'Grundskola', '', '', '', ''], 'Enhet', 'Enhet saknas för arbetslaget Lag 1'],
    ['an unknown role', ek('', '', 'Bo Ek', 'bo@exempelstad.se', 'Lärare', 'Chef'), 'Roll', 'Okänd roll ”Chef”'],
    ['a bad unit code', ['Nya skolan', '123', 'Grundskola', '', '', '', '', '', ''], 'Enhetskod', 'ska vara skolenhetskoden: åtta siffror'],
    [
      'a rektor in a team',
      ek('Arbetslag 4–6', '', 'Bo Ek', 'bo@exempelstad.se', 'Rektor', 'Rektor'),
      'Arbetslag',
      'En rektor leder enheten',
    ],
    [
      'a team form the unit lacks',
      ek('Lag F', 'Förskola', 'Bo Ek', 'bo@exempelstad.se'),
      'Arbetslagets skolform',
      'har inte skolformen Förskola',
    ],
    [
      'a team form missing where the unit has several',
      ['Ekbackens skola', '', '', 'Lag X', '', '', '', '', ''],
      'Arbetslagets skolform',
      'Ange arbetslagets skolform',
    ],
    ['an e-mail of another person', ek('', '', 'Bo Ek', 'anna@exempelstad.se'), 'E-post', 'används redan av Anna Lindqvist'],
    ['a deactivated person', ek('', '', 'Gunnar Slut', 'gunnar@exempelstad.se'), 'Namn', 'Gunnar Slut är inaktiverad'],
    [
      'a deactivated unit',
      ['Gamla skolan', '', '', '', '', 'Bo Ek', 'bo@exempelstad.se', '', ''],
      'Enhet',
      'Enheten Gamla skolan är inaktiverad',
    ],
    ['a deactivated team', ek('Gamla laget', '', 'Bo Ek', 'bo@exempelstad.se'), 'Arbetslag', 'Arbetslaget Gamla laget är inaktiverat'],
    ['a new unit without school form', ['Nya skolan', '', '', '', '', 'Bo Ek', 'bo@exempelstad.se', '', ''], 'Enhet', 'saknar skolform'],
    [
      'a team that exists with another form',
      ek('Fritids', 'Grundskola', 'Bo Ek', 'bo@exempelstad.se'),
      'Arbetslagets skolform',
      'finns redan med skolformen Fritidshem',
    ],
    [
      'a code of another unit',
      ['Nya skolan', '12345678', 'Grundskola', '', '', '', '', '', ''],
      'Enhetskod',
      'används redan av enheten Ekbackens skola',
    ],
    [
      'a different code for a stored unit',
      ['Ekbackens skola', '11112222', '', '', '', '', '', '', ''],
      'Enhetskod',
      'har enhetskoden 12345678',
    ],
    ['a team form without team', ek('', 'Grundskola', 'Bo Ek', 'bo@exempelstad.se'), 'Arbetslag', 'Arbetslagets namn saknas'],
    [
      'an admin in a team',
      ['', '', '', 'Lag 1', '', 'Bo Ek', 'bo@exempelstad.se', '', 'Administratör'],
      'Enhet',
      'Enhet saknas för arbetslaget',
    ],
  ])('reports %s', (_label, row, column, message) => {
    const result = check(row);
    expect(result.fileProblems).toEqual([]);
    expect(result.problems.length).toBeGreaterThanOrEqual(1);
    expect(result.problems).toContainEqual({ line: 2, column, message: expect.stringContaining(message) });
    expect(result.validLines).toEqual([]);
    expect(result.plan.newUsers).toEqual([]);
    expect(result.plan.newRoles).toEqual([]);
  });
});

describe('checkOrganizationImport: valid rows', () => {
  it.each<[string, Row[], { units: number; teams: number; users: number; roles: number; changes: number }]>([
    [
      'what is already stored',
      [ek('Arbetslag 4–6', 'Grundskola', 'Anna Lindqvist', 'ANNA@exempelstad.se')],
      { units: 0, teams: 0, users: 0, roles: 0, changes: 0 },
    ],
    [
      'a new person in a stored team',
      [ek('Arbetslag 4–6', '', 'Bo Ek', 'bo@exempelstad.se')],
      { units: 0, teams: 0, users: 1, roles: 1, changes: 0 },
    ],
    [
      'a stored person in a new role',
      [ek('', '', 'Anna Lindqvist', 'anna@exempelstad.se', 'Lärare', 'Rektor')],
      { units: 0, teams: 0, users: 0, roles: 1, changes: 0 },
    ],
    [
      'a new team in a one-form unit, form from the unit',
      [['Solrosens förskola', '', '', 'Avdelning Ny', '', '', '', '', '']],
      { units: 0, teams: 1, users: 0, roles: 0, changes: 0 },
    ],
    [
      'a form and a code added to a stored unit',
      [['Solrosens förskola', '1234 5679', 'Förskola, Förskoleklass', '', '', '', '', '', '']],
      { units: 0, teams: 0, users: 0, roles: 0, changes: 1 },
    ],
    [
      'a new unit with a team and two people',
      [
        [
          'Nya skolan',
          '55556666',
          'Förskoleklass, Fritidshem, Grundskola',
          'Lag A',
          'Grundskola',
          'Bo Ek',
          'bo@exempelstad.se',
          'Lärare',
          'Medarbetare',
        ],
        ['Nya skolan', '', '', 'Lag A', '', 'Cia Ek', 'cia@exempelstad.se', 'Lärare', ''],
        ['nya  skolan', '', '', '', '', 'Cia Ek', 'cia@exempelstad.se', 'Rektor', 'Rektor'],
      ],
      { units: 1, teams: 1, users: 2, roles: 3, changes: 0 },
    ],
    [
      'a rektor of two units',
      [
        ['Ekbackens skola', '', '', '', '', 'Rut Ro', 'rut@exempelstad.se', 'Rektor', 'Rektor'],
        ['Solrosens förskola', '', '', '', '', 'Rut Ro', 'rut@exempelstad.se', 'Rektor', 'Rektor'],
      ],
      { units: 0, teams: 0, users: 1, roles: 2, changes: 0 },
    ],
    [
      'an organizer-level person without unit',
      [['', '', '', '', '', 'Hugo Hu', 'hugo@exempelstad.se', 'Skolchef', 'Huvudman']],
      { units: 0, teams: 0, users: 1, roles: 1, changes: 0 },
    ],
  ])('accepts %s', (_label, rows, counts) => {
    const result = check(...rows);
    expect(result.problems).toEqual([]);
    expect(result.validLines).toHaveLength(rows.length);
    expect({
      units: result.plan.newUnits.length,
      teams: result.plan.newTeams.length,
      users: result.plan.newUsers.length,
      roles: result.plan.newRoles.length,
      changes: result.plan.unitChanges.length,
    }).toEqual(counts);
  });

  it('adds the missing forms and the code of a stored unit', () => {
    const result = check(['Solrosens förskola', '12345679', 'Förskola, Förskoleklass', '', '', '', '', '', '']);
    expect(result.plan.unitChanges).toEqual([
      { unitId: 'u-sol', name: 'Solrosens förskola', addSchoolForms: ['forskoleklass'], setUnitCode: '12345679' },
    ]);
  });

  it('writes a new team and its members with references to each other', () => {
    const result = check(['Solrosens förskola', '', '', 'Avdelning Ny', '', 'Bo Ek', 'Bo@Exempelstad.se', 'Barnskötare', 'medarbetare']);
    expect(result.plan.newTeams).toEqual([
      { ref: 'team-1', unit: { existingId: 'u-sol' }, unitName: 'Solrosens förskola', name: 'Avdelning Ny', schoolForm: 'forskola' },
    ]);
    expect(result.plan.newUsers).toEqual([{ ref: 'user-1', name: 'Bo Ek', email: 'bo@exempelstad.se', title: 'Barnskötare' }]);
    expect(result.plan.newRoles).toEqual([
      { user: { newRef: 'user-1' }, email: 'bo@exempelstad.se', role: 'staff', unit: { existingId: 'u-sol' }, team: { newRef: 'team-1' } },
    ]);
  });
});

describe('checkOrganizationImport: rows checked against each other', () => {
  it('reports a duplicate e-mail on the later row and keeps the first', () => {
    const result = check(ek('', '', 'Bo Ek', 'bo@exempelstad.se'), ek('', '', 'Bo Berg', 'bo@exempelstad.se'));
    expect(result.problems).toEqual([{ line: 3, column: 'E-post', message: expect.stringContaining('finns redan på rad 2 för Bo Ek') }]);
    expect(result.validLines).toEqual([2]);
    expect(result.plan.newUsers.map((u) => u.name)).toEqual(['Bo Ek']);
  });

  it('reports a repeated row', () => {
    const result = check(ek('', '', 'Bo Ek', 'bo@exempelstad.se'), ek('', '', 'Bo Ek', 'bo@exempelstad.se'));
    expect(result.problems).toEqual([{ line: 3, column: 'Roll', message: expect.stringContaining('Rad 2 har redan samma person') }]);
  });

  it('reports two codes for one unit and one code for two new units', () => {
    expect(
      check(['Nya skolan', '55556666', 'Grundskola', '', '', '', '', '', ''], ['Nya skolan', '55556667', '', '', '', '', '', '', ''])
        .problems,
    ).toEqual([{ line: 3, column: 'Enhetskod', message: expect.stringContaining('har enhetskoden 55556666 på rad 2') }]);
    expect(
      check(
        ['Nya skolan', '55556666', 'Grundskola', '', '', '', '', '', ''],
        ['Andra skolan', '55556666', 'Förskola', '', '', '', '', '', ''],
      ).problems,
    ).toEqual([{ line: 3, column: 'Enhetskod', message: expect.stringContaining('används också för enheten Nya skolan') }]);
  });

  it('gives a row a problem of its own when the row that defined its unit was wrong', () => {
    const result = check(
      ['Nya skolan', '', 'Grundskolan', '', '', '', '', '', ''],
      ['Nya skolan', '', '', '', '', 'Bo Ek', 'bo@exempelstad.se', 'Lärare', 'Medarbetare'],
    );
    expect(result.problems).toEqual([
      { line: 2, column: 'Skolformer', message: expect.stringContaining('Okänd skolform ”Grundskolan”') },
      { line: 3, column: 'Enhet', message: expect.stringContaining('Den nya enheten Nya skolan saknar skolform') },
    ]);
    expect(result.plan).toEqual({ newUnits: [], unitChanges: [], newTeams: [], newUsers: [], newRoles: [] });
  });

  it('lists every problem of a mixed file and plans exactly the good rows', () => {
    const result = check(
      ['Nya skolan', '55556666', 'Förskoleklass, Grundskola', 'Lag A', 'Grundskola', 'Bo Ek', 'bo@exempelstad.se', 'Lärare', 'Medarbetare'],
      ['Nya skolan', '', '', 'Lag A', '', 'Cia Ek', 'cia(at)exempelstad.se', 'Lärare', 'Medarbetare'],
      ['Nya skolan', '', '', '', '', '', 'dan@exempelstad.se', 'Lärare', 'Medarbetare'],
      ['Okänd', '', 'Gymnasium', '', '', 'Eva Ek', 'eva@exempelstad.se', '', ''],
      ['Nya skolan', '', '', 'Lag A', '', 'Fia Ek', 'bo@exempelstad.se', 'Lärare', 'Medarbetare'],
      ['Nya skolan', '', '', '', '', 'Gun Ek', 'gun@exempelstad.se', 'Rektor', 'Rektor'],
    );
    expect(result.rowCount).toBe(6);
    expect(result.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'E-post'],
      [4, 'Namn'],
      [5, 'Skolformer'],
      [6, 'E-post'],
    ]);
    expect(result.validLines).toEqual([2, 7]);
    expect(result.plan.newUnits).toEqual([
      { ref: 'unit-1', name: 'Nya skolan', unitCode: '55556666', schoolForms: ['forskoleklass', 'grundskola'] },
    ]);
    expect(result.plan.newUsers.map((u) => u.email)).toEqual(['bo@exempelstad.se', 'gun@exempelstad.se']);
    expect(result.plan.newRoles.map((r) => r.role)).toEqual(['staff', 'principal']);
  });
});

describe('checkOrganizationImport: the file as a whole', () => {
  it.each<[string, string[][], string]>([
    ['an empty file', [], 'Filen är tom'],
    ['a header only', [header], 'Filen har bara rubrikraden'],
    [
      'missing columns',
      [
        ['Enhet', 'Namn'],
        ['X', 'Y'],
      ],
      'Kolumnerna Enhetskod, Skolformer, Arbetslag, Arbetslagets skolform, E-post, Titel, Roll saknas',
    ],
    ['one missing column', [header.filter((c) => c !== 'Roll'), ['X']], 'Kolumnen Roll saknas'],
  ])('reports %s', (_label, table, message) => {
    const result = checkOrganizationImport(table, existing);
    expect(result.fileProblems).toEqual([expect.stringContaining(message)]);
    expect(result.plan.newUnits).toEqual([]);
  });

  it('accepts headers in any order and case, and ignores extra columns', () => {
    const result = checkOrganizationImport(
      [
        ['roll', 'E-POST', 'Namn', 'Titel', 'Anteckning', 'Arbetslagets skolform', 'Arbetslag', 'Skolformer', 'Enhetskod', 'Enhet'],
        ['Rektor', 'rut@exempelstad.se', 'Rut Ro', 'Rektor', 'x', '', '', '', '', 'Ekbackens skola'],
      ],
      existing,
    );
    expect(result.problems).toEqual([]);
    expect(result.plan.newRoles).toEqual([
      { user: { newRef: 'user-1' }, email: 'rut@exempelstad.se', role: 'principal', unit: { existingId: 'u-ek' }, team: null },
    ]);
  });
});
