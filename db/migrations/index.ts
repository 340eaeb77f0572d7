import type { Migration } from 'kysely';
import * as initialSchema from './2026-11-23T2000-initial-schema.ts';
import * as indicatorTotals from './2026-11-23T2100-indicator-totals.ts';
import * as identityProviders from './2026-11-23T2200-identity-providers.ts';
import * as administrationAudit from './2026-11-23T2210-administration-audit.ts';
import * as organizerQuestionnaires from './2026-11-23T2220-organizer-questionnaires.ts';
import * as qualityCycle from './2026-11-23T2300-quality-cycle.ts';
import * as outcomeMeasures from './2026-11-23T2310-outcome-measures.ts';
import * as responseRoundDay from './2026-11-23T2320-response-round-day.ts';
import * as referenceIndexes from './2026-11-24T0100-reference-indexes.ts';
import * as answerReferences from './2026-11-24T0300-answer-references.ts';
import * as responseReferences from './2026-11-24T0400-response-references.ts';

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
  '2026-11-23T2300-quality-cycle': qualityCycle,
  '2026-11-23T2310-outcome-measures': outcomeMeasures,
  '2026-11-23T2320-response-round-day': responseRoundDay,
  '2026-11-24T0100-reference-indexes': referenceIndexes,
  '2026-11-24T0300-answer-references': answerReferences,
  '2026-11-24T0400-response-references': responseReferences,
};
