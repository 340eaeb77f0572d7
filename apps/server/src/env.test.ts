import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

describe('parseEnv', () => {
  it('defaults to port 3000, the embedded database in .data and the demo login on', () => {
    const env = parseEnv({});
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBeUndefined();
    expect(env.dataDir).toMatch(/\.data$/);
    expect(env.demoLogin).toBe(true);
    expect(env.seedDemo).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is given, without demo login unless asked', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(env.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(env.demoLogin).toBe(false);
    expect(env.seedDemo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: ska vara ett portnummer/],
    [{ PORT: '70000' }, /PORT: ska vara 1–65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: ska börja med postgres/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ DEMO_LOGIN: 'kanske' }, /DEMO_LOGIN: ska vara true eller false/],
    [{ DATABASE_URL: 'postgres://h/db', SERVER_PROCESSES: '0' }, /SERVER_PROCESSES: ska vara 1–64/],
    [{ DATABASE_URL: 'postgres://h/db', SERVER_PROCESSES: 'två' }, /SERVER_PROCESSES: ska vara ett heltal/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE: ska vara 1–100/],
    [{ DATABASE_POOL_SIZE: '2.5' }, /DATABASE_POOL_SIZE: ska vara ett heltal/],
    [{ DATABASE_POOL_SIZE: 'tio' }, /DATABASE_POOL_SIZE: ska vara ett heltal/],
    [{ SERVER_PROCESSES: '2' }, /SERVER_PROCESSES: flera serverprocesser kräver PostgreSQL/],
  ])('stops with a message naming the bad variable: %o', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });

  it('refuses the demo login in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DEMO_LOGIN: 'true' })).toThrow(/DEMO_LOGIN: demoinloggningen får inte slås på/);
    expect(parseEnv({ NODE_ENV: 'production' }).demoLogin).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' }).demoLogin).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' }).secureCookies).toBe(true);
  });

  it('runs one server process unless SERVER_PROCESSES asks for more (on PostgreSQL)', () => {
    expect(parseEnv({}).serverProcesses).toBe(1);
    expect(parseEnv({ DATABASE_URL: 'postgres://h/db', SERVER_PROCESSES: '4' }).serverProcesses).toBe(4);
  });

  it('keeps DATABASE_POOL_SIZE connections to PostgreSQL per server process, 10 unless set', () => {
    expect(parseEnv({}).poolSize).toBe(10);
    expect(parseEnv({ DATABASE_URL: 'postgres://h/db', DATABASE_POOL_SIZE: '4' }).poolSize).toBe(4);
  });

  it('prepares repeated statements unless DATABASE_PREPARED_STATEMENTS=false (for a pooler that cannot keep them)', () => {
    expect(parseEnv({}).preparedStatements).toBe(true);
    expect(parseEnv({ DATABASE_PREPARED_STATEMENTS: 'false' }).preparedStatements).toBe(false);
    expect(() => parseEnv({ DATABASE_PREPARED_STATEMENTS: 'nej' })).toThrow(/DATABASE_PREPARED_STATEMENTS: ska vara true eller false/);
  });
});
