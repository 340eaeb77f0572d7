/**
 * A PostgreSQL cluster of our own for the fault tests, so that stopping and starting the database
 * never touches the shared server other tests use. initdb into a temporary folder, pg_ctl on a
 * free loopback port, trust authentication for the local user "postgres". PostgreSQL refuses to run
 * as root: then the folder is handed to the "postgres" system user and the tools run as that user.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The folder with initdb, pg_ctl, pg_dump and pg_restore: PG_BIN_DIR when set, otherwise the newest
 * version in the Debian/Ubuntu package layout (a pg_dump must not be older than the server it
 * dumps). Null when none is installed.
 */
export function findPostgresBinaries(): string | null {
  const candidates = [process.env.PG_BIN_DIR];
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  } catch {
    // not that layout: only PG_BIN_DIR
  }
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

export interface ThrowawayPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Stops the server: "fast" ends sessions cleanly, "immediate" is a crash (recovery on next start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startThrowawayPostgres(binDir: string, port: number): Promise<ThrowawayPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'kh-pg-'));
  const data = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  let uid = -1;
  let gid = -1;
  if (asRoot) {
    uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(root, uid, gid);
    chmodSync(root, 0o700);
  }
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(binDir, name), ...args]) : run(join(binDir, name), args);
  await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c max_connections=50`;
  const start = async () => {
    await tool('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
  };
  await start();
  let destroyed = false;
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async (mode) => {
      await tool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    start,
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await tool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
