/**
 * Set-up shared by the load and fault tests: a scratch database with the schema, a questionnaire
 * of `areas` × `perArea` indicators, and an organizer whose staff are already logged in (sessions
 * created in the database, as a login would; the HTTP path of every save and submit is the real one).
 */
import { SESSION_ABSOLUTE_MS, todayIn } from '@kvalitetshjulet/api';
import {
  createBenchQuestionnaire,
  createDatabase,
  createLoadStaffProfile,
  type Db,
  getQuestionnaire,
  type LoadStaffProfile,
  prepareDatabase,
} from '@kvalitetshjulet/db';
import type { StaffMember } from './driver.ts';

export interface LoadSetup {
  db: Db;
  profile: LoadStaffProfile;
  indicatorKeys: string[];
  areaKeys: string[];
  indicatorIds: Map<string, string>;
  /** Staff for paced journeys, interleaved over the units. */
  paced: StaffMember[];
  /** Every staff member of the whole school that starts at once. */
  wholeSchool: StaffMember[];
}

export async function setUpLoad(
  url: string,
  o: { pacedStaff: number; units: number; wholeSchool: number; areas: number; perArea: number; key?: string },
): Promise<LoadSetup> {
  const db = createDatabase({ kind: 'postgres', url, poolSize: 2 });
  const now = new Date();
  const today = todayIn(now);
  await prepareDatabase(db, { demo: false, today });
  const questionnaireId = await createBenchQuestionnaire(db, { areas: o.areas, perArea: o.perArea });
  const questionnaire = await getQuestionnaire(db, questionnaireId);
  if (!questionnaire) throw new Error('Frågeformuläret för lasttestet saknas.');
  const perUnit = Math.ceil(o.pacedStaff / o.units);
  const closes = new Date(now.getTime() + 14 * 86_400_000);
  const opens = new Date(now.getTime() - 2 * 86_400_000);
  const profile = await createLoadStaffProfile(db, {
    key: o.key ?? 'last',
    questionnaireId,
    // The whole school is unit 1; the paced staff are spread over the others.
    staffPerUnit: [o.wholeSchool, ...Array.from({ length: o.units }, () => perUnit)],
    teamsPerUnit: 4,
    opensOn: todayIn(opens),
    closesOn: todayIn(closes),
    tokenPrefix: crypto.randomUUID(),
    now,
    sessionExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  });
  const wholeSchoolUnit = profile.units[0]?.id;
  const wholeSchool = profile.staff.filter((s) => s.schoolUnitId === wholeSchoolUnit);
  const others = profile.staff.filter((s) => s.schoolUnitId !== wholeSchoolUnit);
  // Interleave: the n-th person of every unit, then the (n+1)-th, so that every unit is busy at once.
  const byUnit = new Map<string, StaffMember[]>();
  for (const s of others) {
    const list = byUnit.get(s.schoolUnitId) ?? [];
    list.push(s);
    byUnit.set(s.schoolUnitId, list);
  }
  const paced: StaffMember[] = [];
  for (let i = 0; i < perUnit; i++) for (const list of byUnit.values()) if (list[i]) paced.push(list[i] as StaffMember);
  const areas = questionnaire.definition.areas;
  return {
    db,
    profile,
    indicatorKeys: areas.flatMap((a) => a.indicators.map((i) => i.key)),
    areaKeys: areas.map((a) => a.key),
    indicatorIds: questionnaire.indicatorIds,
    paced,
    wholeSchool,
  };
}
