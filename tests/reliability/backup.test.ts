/**
 * The backup and restore of docs/reliability.md, done exactly as documented: pg_dump in the custom
 * format, pg_restore into an empty database, then every table's row count compared with the source,
 * the schema's migration state checked and the dashboards' totals checked against the raw answers.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { todayIn } from '@kvalitetshjulet/api';
import {
  checkTotals,
  countRowsPerTable,
  createDatabase,
  createScratchDatabase,
  type Db,
  isMigrated,
  listOrganizerIds,
  prepareDatabase,
} from '@kvalitetshjulet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPrefix } from '../load/server-process.ts';
import { findPostgresBinaries } from './throwaway-postgres.ts';

const run = promisify(execFile);
const url = process.env.DATABASE_URL;
const binDir = findPostgresBinaries();
const tool = (name: string) => (binDir && existsSync(join(binDir, name)) ? join(binDir, name) : name);

describe.skipIf(!url)('backup and restore (pg_dump / pg_restore)', () => {
  let source: Awaited<ReturnType<typeof createScratchDatabase>>;
  let target: Awaited<ReturnType<typeof createScratchDatabase>>;
  let sourceDb: Db;
  let targetDb: Db;
  const folder = mkdtempSync(join(tmpdir(), 'kh-backup-'));

  beforeAll(async () => {
    source = await createScratchDatabase(url as string, scratchPrefix(url as string, 'bsrc'));
    target = await createScratchDatabase(url as string, scratchPrefix(url as string, 'bdst'));
    sourceDb = createDatabase({ kind: 'postgres', url: source.url, poolSize: 2 });
    targetDb = createDatabase({ kind: 'postgres', url: target.url, poolSize: 2 });
    // The demo municipality: every kind of data the app stores, including submitted answers and totals.
    await prepareDatabase(sourceDb, { demo: true, today: todayIn(new Date()) });
  }, 240_000);

  afterAll(async () => {
    await sourceDb?.destroy();
    await targetDb?.destroy();
    await source?.drop();
    await target?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('restores into an empty database with the same rows in every table', async () => {
    const file = join(folder, 'kvalitetshjulet.dump');
    await run(tool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${source.url}`]);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await run(tool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--jobs=2', `--dbname=${target.url}`, file]);

    const before = await countRowsPerTable(sourceDb);
    const after = await countRowsPerTable(targetDb);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    for (const table of ['organizers', 'users', 'rounds', 'participations', 'responses', 'answers', 'area_comments']) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    expect(after).toEqual(before);
    expect(await isMigrated(targetDb)).toBe(true);

    for (const id of await listOrganizerIds(targetDb)) expect((await checkTotals(targetDb, id)).ok).toBe(true);
  }, 240_000);
});
