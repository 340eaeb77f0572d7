import { describe, expect, it } from 'vitest';
import { organizationExportRows } from './export-rows.ts';
import type { OrganizationSnapshot } from './format.ts';
import { checkOrganizationImport } from './validate-import.ts';

const snapshot: OrganizationSnapshot = {
  units: [
    { id: 'u-sol', name: 'Solrosens förskola', unitCode: null, schoolForms: ['forskola'], active: true },
    { id: 'u-ek', name: 'Ekbackens skola', unitCode: '12345678', schoolForms: ['grundskola', 'forskoleklass'], active: true },
    { id: 'u-old', name: 'Gamla skolan', unitCode: null, schoolForms: ['grundskola'], active: false },
    { id: 'u-komvux', name: 'Vuxenskolan', unitCode: '22223333', schoolForms: ['komvux'], active: true },
  ],
  teams: [
    { id: 't-46', unitId: 'u-ek', name: 'Arbetslag 4–6', schoolForm: 'grundskola', active: true },
    { id: 't-f', unitId: 'u-ek', name: 'F-klass', schoolForm: 'forskoleklass', active: true },
    { id: 't-blå', unitId: 'u-sol', name: 'Blåsippan', schoolForm: 'forskola', active: true },
    { id: 't-old', unitId: 'u-ek', name: 'Gamla laget', schoolForm: 'grundskola', active: false },
  ],
  users: [
    { id: 'p-anna', name: 'Anna Lindqvist', email: 'anna@ex.se', title: 'Lärare', active: true },
    { id: 'p-erik', name: 'Erik Johansson', email: 'erik@ex.se', title: 'Rektor', active: true },
    { id: 'p-sara', name: 'Sara Nilsson', email: 'sara@ex.se', title: 'Systemförvaltare', active: true },
    { id: 'p-gone', name: 'Gunnar Slut', email: 'gunnar@ex.se', title: 'Lärare', active: false },
  ],
  roles: [
    { userId: 'p-anna', role: 'staff', unitId: 'u-ek', teamId: 't-46' },
    { userId: 'p-erik', role: 'principal', unitId: 'u-ek', teamId: null },
    { userId: 'p-erik', role: 'principal', unitId: 'u-sol', teamId: null },
    { userId: 'p-sara', role: 'admin', unitId: null, teamId: null },
    { userId: 'p-gone', role: 'staff', unitId: 'u-ek', teamId: 't-46' },
  ],
};

describe('organizationExportRows', () => {
  it('writes one row per role, teams and units without people, in Swedish', () => {
    expect(organizationExportRows(snapshot)).toEqual([
      ['Enhet', 'Enhetskod', 'Skolformer', 'Arbetslag', 'Arbetslagets skolform', 'Namn', 'E-post', 'Titel', 'Roll'],
      ['Ekbackens skola', '12345678', 'Förskoleklass, Grundskola', '', '', 'Erik Johansson', 'erik@ex.se', 'Rektor', 'Rektor'],
      [
        'Ekbackens skola',
        '12345678',
        'Förskoleklass, Grundskola',
        'Arbetslag 4–6',
        'Grundskola',
        'Anna Lindqvist',
        'anna@ex.se',
        'Lärare',
        'Medarbetare',
      ],
      ['Ekbackens skola', '12345678', 'Förskoleklass, Grundskola', 'F-klass', 'Förskoleklass', '', '', '', ''],
      ['Solrosens förskola', '', 'Förskola', '', '', 'Erik Johansson', 'erik@ex.se', 'Rektor', 'Rektor'],
      ['Solrosens förskola', '', 'Förskola', 'Blåsippan', 'Förskola', '', '', '', ''],
      ['Vuxenskolan', '22223333', 'Komvux', '', '', '', '', '', ''],
      ['', '', '', '', '', 'Sara Nilsson', 'sara@ex.se', 'Systemförvaltare', 'Administratör'],
    ]);
  });

  it('gives a file that, imported again, changes nothing', () => {
    const result = checkOrganizationImport(organizationExportRows(snapshot), snapshot);
    expect(result.problems).toEqual([]);
    expect(result.plan).toEqual({ newUnits: [], unitChanges: [], newTeams: [], newUsers: [], newRoles: [] });
  });

  it('writes only the header for an empty organisation', () => {
    expect(organizationExportRows({ units: [], teams: [], users: [], roles: [] })).toHaveLength(1);
  });
});
