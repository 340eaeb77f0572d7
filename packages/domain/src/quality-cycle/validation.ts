/** Rules for priorities and activities in the quality cycle, with the Swedish messages users see. */

/** The guidance: hold few priorities at once. More than this gives a warning (not an error). */
export const PRIORITY_ADVICE_LIMIT = 4;
/** A hard ceiling so that a plan stays a plan. */
export const PRIORITY_MAX = 8;

export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: 'Planerad',
  ongoing: 'Pågår',
  done: 'Genomförd',
  cancelled: 'Inställd',
};

/** A warning when a plan holds more priorities than the guidance advises, else null. */
export function priorityCountWarning(count: number): string | null {
  if (count <= PRIORITY_ADVICE_LIMIT) return null;
  return `Ni har ${count} prioriterade utvecklingsområden. Rådet är att hålla högst ${PRIORITY_ADVICE_LIMIT} åt gången, så att arbetet inte sprids ut för tunt.`;
}

/** Null when the target mean is on the scale (1 … steps), else the message. */
export function targetMeanError(target: number, steps: number): string | null {
  if (!Number.isFinite(target) || target < 1 || target > steps) {
    return `Målnivån måste ligga mellan 1 och ${steps} på skalan.`;
  }
  return null;
}

/** Null when the dates are in order, else the message. */
export function activityDatesError(startsOn: string, endsOn: string): string | null {
  return endsOn < startsOn ? 'Slutdatum kan inte vara före startdatum.' : null;
}
