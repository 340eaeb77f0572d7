import type { DemoDataset, DemoOrganizer } from '@kvalitetshjulet/db-files/seeds/demo';
import type { QuestionnaireDefinition } from '@kvalitetshjulet/domain';
import type { Db } from './create-database.ts';
import { recomputeTotals } from './queries/indicator-totals.ts';
import { seedDemoOutcomes } from './queries/outcome-measures.ts';
import { seedDemoQualityCycle } from './queries/quality-cycle.ts';

/** Loads the standard questionnaires. A version already stored is left as it is. Returns how many were added. */
export async function seedStandardQuestionnaires(db: Db, definitions: QuestionnaireDefinition[]): Promise<number> {
  let added = 0;
  for (const def of definitions) {
    await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('questionnaires')
        .select('id')
        .where('organizer_id', 'is', null)
        .where('key', '=', def.key)
        .where('version', '=', def.version)
        .executeTakeFirst();
      if (existing) return;
      const q = await trx
        .insertInto('questionnaires')
        .values({
          organizer_id: null,
          key: def.key,
          version: def.version,
          school_form: def.schoolForm,
          title: def.title,
          curriculum: def.curriculum,
          introduction: def.introduction,
          scale: JSON.stringify(def.scale),
          scale_steps: def.scale.steps.length,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [areaIndex, area] of def.areas.entries()) {
        const a = await trx
          .insertInto('areas')
          .values({
            questionnaire_id: q.id,
            key: area.key,
            position: areaIndex + 1,
            title: area.title,
            description: area.description,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('indicators')
          .values(
            area.indicators.map((indicator, i) => ({
              questionnaire_id: q.id,
              area_id: a.id,
              key: indicator.key,
              position: i + 1,
              statement: indicator.statement,
              criteria: JSON.stringify(indicator.criteria),
              evidence_hints: JSON.stringify(indicator.evidenceHints),
            })),
          )
          .execute();
      }
      added++;
    });
  }
  return added;
}

/** Writes the demo organizers. An organizer whose key is already stored is skipped, so seeding twice duplicates nothing. */
export async function seedDemo(db: Db, dataset: DemoDataset): Promise<string[]> {
  const seeded: string[] = [];
  for (const organizer of dataset.organizers) {
    const exists = await db.selectFrom('organizers').select('id').where('key', '=', organizer.key).executeTakeFirst();
    if (exists) continue;
    await db.transaction().execute((trx) => seedOrganizer(trx, organizer));
    seeded.push(organizer.key);
  }
  return seeded;
}

const BATCH = 1000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function seedOrganizer(db: Db, o: DemoOrganizer): Promise<void> {
  const { id: organizerId } = await db
    .insertInto('organizers')
    .values({
      key: o.key,
      name: o.name,
      kind: o.kind,
      anonymity_threshold: o.anonymityThreshold,
      staff_can_see_results: o.staffCanSeeResults,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const unitIds = new Map<string, string>();
  const teamIds = new Map<string, string>();
  for (const unit of o.units) {
    const { id } = await db
      .insertInto('school_units')
      .values({ organizer_id: organizerId, key: unit.key, name: unit.name, unit_code: unit.unitCode })
      .returning('id')
      .executeTakeFirstOrThrow();
    unitIds.set(unit.key, id);
    await db
      .insertInto('school_unit_forms')
      .values(unit.schoolForms.map((school_form) => ({ organizer_id: organizerId, school_unit_id: id, school_form })))
      .execute();
    for (const team of unit.teams) {
      const t = await db
        .insertInto('teams')
        .values({ organizer_id: organizerId, school_unit_id: id, key: team.key, name: team.name, school_form: team.schoolForm })
        .returning('id')
        .executeTakeFirstOrThrow();
      teamIds.set(team.key, t.id);
    }
  }
  const need = (map: Map<string, string>, key: string | undefined | null, what: string): string => {
    const id = key ? map.get(key) : undefined;
    if (!id) throw new Error(`Demodata: okänd ${what} ${key}`);
    return id;
  };

  const userIds = new Map<string, string>();
  const users = await db
    .insertInto('users')
    .values(o.users.map((u) => ({ organizer_id: organizerId, key: u.key, name: u.name, email: u.email, title: u.title })))
    .returning(['id', 'key'])
    .execute();
  for (const u of users) userIds.set(u.key, u.id);
  const roleRows = o.users.flatMap((u) =>
    u.roles.map((r) => ({
      organizer_id: organizerId,
      user_id: need(userIds, u.key, 'användare'),
      role: r.role,
      school_unit_id: r.unitKey ? need(unitIds, r.unitKey, 'enhet') : null,
      team_id: r.teamKey ? need(teamIds, r.teamKey, 'arbetslag') : null,
      leads_team: r.leadsTeam ?? false,
    })),
  );
  await insertInBatches(roleRows, (batch) => db.insertInto('role_assignments').values(batch).execute());
  if (o.personaUserKeys.length > 0) {
    await db
      .insertInto('demo_personas')
      .values(o.personaUserKeys.map((key, i) => ({ organizer_id: organizerId, user_id: need(userIds, key, 'användare'), position: i + 1 })))
      .execute();
  }

  for (const round of o.rounds) {
    const questionnaire = await db
      .selectFrom('questionnaires')
      .select(['id'])
      .where('organizer_id', 'is', null)
      .where('key', '=', round.questionnaireKey)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    const indicatorRows = await db
      .selectFrom('indicators')
      .select(['id', 'key'])
      .where('questionnaire_id', '=', questionnaire.id)
      .execute();
    const indicatorIds = new Map(indicatorRows.map((r) => [r.key, r.id]));
    const areaRows = await db.selectFrom('areas').select(['id', 'key']).where('questionnaire_id', '=', questionnaire.id).execute();
    const areaIds = new Map(areaRows.map((r) => [r.key, r.id]));

    const { id: roundId } = await db
      .insertInto('rounds')
      .values({
        organizer_id: organizerId,
        key: round.key,
        name: round.name,
        questionnaire_id: questionnaire.id,
        school_form: round.schoolForm,
        opens_on: round.opensOn,
        closes_on: round.closesOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('round_units')
      .values(round.unitKeys.map((k) => ({ organizer_id: organizerId, round_id: roundId, school_unit_id: need(unitIds, k, 'enhet') })))
      .execute();

    await insertInBatches(round.participations, (batch) =>
      db
        .insertInto('participations')
        .values(
          batch.map((p) => ({
            organizer_id: organizerId,
            round_id: roundId,
            school_unit_id: need(unitIds, p.unitKey, 'enhet'),
            user_id: need(userIds, p.userKey, 'användare'),
            submitted_on: p.submittedOn,
          })),
        )
        .execute(),
    );

    const responseIds = round.responses.map(() => crypto.randomUUID());
    await insertInBatches(
      round.responses.map((r, i) => ({
        organizer_id: organizerId,
        id: responseIds[i] as string,
        round_id: roundId,
        school_unit_id: need(unitIds, r.unitKey, 'enhet'),
        team_id: r.teamKey ? need(teamIds, r.teamKey, 'arbetslag') : null,
        submitted_on: r.submittedOn,
      })),
      (batch) => db.insertInto('responses').values(batch).execute(),
    );
    const answerRows = round.responses.flatMap((r, i) =>
      Object.entries(r.answers).map(([indicatorKey, value]) => ({
        organizer_id: organizerId,
        response_id: responseIds[i] as string,
        indicator_id: need(indicatorIds, indicatorKey, 'indikator'),
        value: value === 'vet-ej' ? null : value,
        dont_know: value === 'vet-ej',
      })),
    );
    await insertInBatches(answerRows, (batch) => db.insertInto('answers').values(batch).execute());
    const commentRows = round.responses.flatMap((r, i) =>
      Object.entries(r.comments).map(([areaKey, body]) => ({
        organizer_id: organizerId,
        response_id: responseIds[i] as string,
        area_id: need(areaIds, areaKey, 'område'),
        body,
      })),
    );
    await insertInBatches(commentRows, (batch) => db.insertInto('area_comments').values(batch).execute());

    await insertInBatches(round.drafts, (batch) =>
      db
        .insertInto('drafts')
        .values(
          batch.map((d) => ({
            organizer_id: organizerId,
            id: crypto.randomUUID(),
            round_id: roundId,
            school_unit_id: need(unitIds, d.unitKey, 'enhet'),
            team_id: d.teamKey ? need(teamIds, d.teamKey, 'arbetslag') : null,
            user_id: need(userIds, d.userKey, 'användare'),
            revision: 1,
            answers: JSON.stringify(d.answers),
            comments: JSON.stringify(d.comments),
          })),
        )
        .execute(),
    );

    await insertInBatches(round.groupRatings, (batch) =>
      db
        .insertInto('group_ratings')
        .values(
          batch.map((g) => ({
            organizer_id: organizerId,
            round_id: roundId,
            team_id: need(teamIds, g.teamKey, 'arbetslag'),
            indicator_id: need(indicatorIds, g.indicatorKey, 'indikator'),
            value: g.value === 'vet-ej' ? null : g.value,
            dont_know: g.value === 'vet-ej',
            reason: g.reason,
            updated_by: need(userIds, g.byUserKey, 'användare'),
          })),
        )
        .execute(),
    );
  }

  // The results engine's totals, built from the answers just written.
  await recomputeTotals(db, organizerId);
  if (o.outcomes) await seedDemoOutcomes(db, organizerId, o.outcomes, unitIds);
  if (o.qualityCycle) await seedDemoQualityCycle(db, organizerId, o.qualityCycle, unitIds);
}
