import type { Migration } from 'kysely';
import * as initialSchema from './2026-11-23T2000-initial-schema.ts';

/**
 * Forward-only migrations in the order they run. Names are timestamp-prefixed;
 * a migration never changes once it has landed: add a new one instead.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T2000-initial-schema': initialSchema,
};
