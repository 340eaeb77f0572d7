/** The unit (or the organizer, "huvudman" in the address) and round a quality-cycle page is about. */
export interface Scope {
  roundId: string;
  schoolUnitId: string | null;
}

export const ORGANIZER_SEGMENT = 'huvudman';

export function workspacePath(scope: Scope): string {
  return `/kvalitetsarbete/${scope.roundId}/${scope.schoolUnitId ?? ORGANIZER_SEGMENT}`;
}

export function reportPath(scope: Scope): string {
  return `${workspacePath(scope)}/rapport`;
}

export function scopeFromParams(params: { roundId?: string; unit?: string }): Scope | null {
  if (!params.roundId || !params.unit) return null;
  return { roundId: params.roundId, schoolUnitId: params.unit === ORGANIZER_SEGMENT ? null : params.unit };
}

const timeFormat = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});

/** "14:02" */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** "5 mars 14:02" */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "Hösten 2025 · Grundskola" (the school form only when the round's name does not already say it). */
export function roundLabel(round: { name: string; schoolFormLabel: string }): string {
  return round.name.includes(round.schoolFormLabel) ? round.name : `${round.name} · ${round.schoolFormLabel}`;
}
