import { z } from 'zod';

/** No group result is shown for fewer respondents than this, unless the organizer sets another value. */
export const ANONYMITY_THRESHOLD_DEFAULT = 5;
/** The lowest threshold an organizer may choose. Never lower. */
export const ANONYMITY_THRESHOLD_MIN = 3;
/** The highest threshold an organizer may choose. */
export const ANONYMITY_THRESHOLD_MAX = 10;

/** True for an integer from {@link ANONYMITY_THRESHOLD_MIN} to {@link ANONYMITY_THRESHOLD_MAX}. */
export function isValidAnonymityThreshold(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= ANONYMITY_THRESHOLD_MIN && value <= ANONYMITY_THRESHOLD_MAX;
}

/**
 * Throws a RangeError unless the threshold is valid. Every suppression function calls this:
 * a wrong threshold is a programming error and must stop the response, never weaken it.
 */
export function assertValidAnonymityThreshold(value: unknown): asserts value is number {
  if (!isValidAnonymityThreshold(value)) {
    throw new RangeError(
      `Anonymity threshold must be an integer from ${ANONYMITY_THRESHOLD_MIN} to ${ANONYMITY_THRESHOLD_MAX}, got ${String(value)}`,
    );
  }
}

/** The organizer's setting, for forms and API input. Messages are shown to users, so they are Swedish. */
export const anonymityThresholdSchema = z
  .number({ error: 'Ange gränsen för anonymitet som ett heltal' })
  .int('Gränsen för anonymitet ska vara ett heltal')
  .min(ANONYMITY_THRESHOLD_MIN, `Gränsen för anonymitet får inte vara lägre än ${ANONYMITY_THRESHOLD_MIN} svar`)
  .max(ANONYMITY_THRESHOLD_MAX, `Gränsen för anonymitet får inte vara högre än ${ANONYMITY_THRESHOLD_MAX} svar`);
