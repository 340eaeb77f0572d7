/**
 * The real server as a child process (the same entry point `pnpm start` runs), for the load and
 * fault tests. Node runs src/main.ts through tsx's loader directly (no wrapper process), so a
 * SIGKILL hits the server itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const serverDir = resolve(import.meta.dirname, '../../apps/server');
/** Node's flags as apps/server's start script gives them (a larger young generation: less time in garbage collection). */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** The last lines the server wrote (stdout and stderr), for diagnostics and the log checks. */
  lines(): string[];
  alive(): boolean;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startServer(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  keepLines?: number;
  readyWithinMs?: number;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const keep = options.keepLines ?? 500;
  const lines: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'],
    {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(options.port),
        DATABASE_URL: options.databaseUrl,
        DEMO_LOGIN: 'false',
        SEED_DEMO: 'false',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      exitCode = code;
      done(code);
    }),
  );
  const collect = (chunk: Buffer, rest: { text: string }) => {
    rest.text += chunk.toString('utf8');
    const parts = rest.text.split('\n');
    rest.text = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > keep) lines.shift();
    }
  };
  const out = { text: '' };
  const err = { text: '' };
  child.stdout?.on('data', (c: Buffer) => collect(c, out));
  child.stderr?.on('data', (c: Buffer) => collect(c, err));

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  for (;;) {
    if (exitCode !== undefined) throw new Error(`Servern avslutades (kod ${exitCode}) innan den blev redo:\n${lines.join('\n')}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Servern blev inte redo i tid:\n${lines.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    pid: child.pid ?? -1,
    lines: () => [...lines, ...(out.text ? [out.text] : []), ...(err.text ? [err.text] : [])],
    alive: () => exitCode === undefined,
    exited,
    async kill(signal) {
      if (exitCode !== undefined) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** A port that was free a moment ago on loopback (the OS picks it). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** A scratch-database prefix derived from DATABASE_URL's database name, so parallel runs never share names. */
export function scratchPrefix(url: string, what: string): string {
  const name = new URL(url).pathname.slice(1).replace(/[^a-z0-9_]/gi, '_') || 'kh';
  return `${name.slice(0, 30)}_${what}`;
}
