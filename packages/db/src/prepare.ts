import { generateDemoDataset } from '@kvalitetshjulet/db-files/seeds/demo';
import { loadStandardQuestionnaires } from '@kvalitetshjulet/db-files/seeds/questionnaires';
import type { Db } from './create-database.ts';
import { migrate } from './migrate.ts';
import { seedDemo, seedStandardQuestionnaires } from './seed.ts';

export interface PrepareResult {
  migrationsRun: string[];
  questionnairesAdded: number;
  demoOrganizersAdded: string[];
}

/**
 * Migrates, loads the standard questionnaires and, when asked, the demo organizers
 * (dates relative to `today`). Safe to run on every start: nothing is added twice.
 */
export async function prepareDatabase(db: Db, options: { demo: boolean; today: string }): Promise<PrepareResult> {
  const migrationsRun = await migrate(db);
  const questionnaires = loadStandardQuestionnaires();
  const questionnairesAdded = await seedStandardQuestionnaires(db, questionnaires);
  const demoOrganizersAdded = options.demo ? await seedDemo(db, generateDemoDataset({ today: options.today, questionnaires })) : [];
  return { migrationsRun, questionnairesAdded, demoOrganizersAdded };
}
