import type { Migration } from 'kysely';
import * as initialSchema from './2026-11-23T2000-initial-schema.ts';
import * as indicatorTotals from './2026-11-23T2100-indicator-totals.ts';
import * as identityProviders from './2026-11-23T2200-identity-providers.ts';
import * as administrationAudit from './2026-11-23T2210-administration-audit.ts';
import * as organizerQuestionnaires from './2026-11-23T2220-organizer-questionnaires.ts';

/**
 * Forward-only migrations in the order they run. Names are timestamp-prefixed;
 * a migration never changes once it has landed: add a new one instead.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T2000-initial-schema': initialSchema,
  '2026-11-23T2100-indicator-totals': indicatorTotals,
  '2026-11-23T2200-identity-providers': identityProviders,
  '2026-11-23T2210-administration-audit': administrationAudit,
  '2026-11-23T2220-organizer-questionnaires': organizerQuestionnaires,
};
