import { assertValidAnonymityThreshold } from './threshold.ts';

/** Shown in place of a suppressed figure (an en dash, U+2013), always together with the explanation. */
export const SUPPRESSED_MARK = '\u2013';

/** Why a group's figures are not shown. See docs/anonymity.md. */
export const GROUP_SUPPRESSION_REASONS = ['no-data', 'below-threshold', 'secondary', 'parent-hidden'] as const;
export type GroupSuppressionReason = (typeof GROUP_SUPPRESSION_REASONS)[number];

/** Every reason a figure may be withheld: the group reasons plus the one that only applies to a change between rounds. */
export const SUPPRESSION_REASONS = [...GROUP_SUPPRESSION_REASONS, 'previous-round-hidden'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Whether a group's (or a change's) figures may be shown, and if not, why. */
export type Visibility = { visible: true; reason: null } | { visible: false; reason: SuppressionReason };

/** A figure as it leaves the server: either the value, or nothing but the reason and a Swedish explanation. */
export type SuppressedValue<T> =
  | { value: T; suppressed: false }
  | { value: null; suppressed: true; reason: SuppressionReason; explanation: string };

/**
 * One Swedish explanation per reason, for the tooltip or footnote next to {@link SUPPRESSED_MARK}.
 * The texts say only that the group is small, never how small.
 */
export function suppressionExplanation(reason: SuppressionReason, threshold: number): string {
  assertValidAnonymityThreshold(threshold);
  switch (reason) {
    case 'no-data':
      return 'Visas inte: det finns inga svar för den här gruppen.';
    case 'below-threshold':
      return `Visas inte: färre än ${threshold} svar. Resultat för så små grupper visas inte för att skydda de svarandes anonymitet.`;
    case 'secondary':
      return `Visas inte: siffran skulle annars gå att räkna fram för en grupp med färre än ${threshold} svar.`;
    case 'parent-hidden':
      return `Visas inte: gruppen ingår i en större grupp som inte visas, och siffran skulle annars göra det möjligt att räkna fram resultatet för en grupp med färre än ${threshold} svar.`;
    case 'previous-round-hidden':
      return 'Visas inte: förändringen kan inte visas eftersom resultatet från föregående omgång inte visas.';
  }
}

/** A figure that may be shown. */
export function shownValue<T>(value: T): SuppressedValue<T> {
  return { value, suppressed: false };
}

/** A withheld figure: no value, only the reason and its explanation. */
export function hiddenValue<T = never>(reason: SuppressionReason, threshold: number): SuppressedValue<T> {
  return { value: null, suppressed: true, reason, explanation: suppressionExplanation(reason, threshold) };
}

/**
 * Applies a visibility decision to a figure. When the group is hidden the value is dropped here,
 * so it cannot reach the response by accident.
 */
export function applyVisibility<T>(value: T, visibility: Visibility, threshold: number): SuppressedValue<T> {
  return visibility.visible ? shownValue(value) : hiddenValue<T>(visibility.reason, threshold);
}

/** Text for a table cell or an export: the formatted value, or {@link SUPPRESSED_MARK}. */
export function formatSuppressedValue<T>(figure: SuppressedValue<T>, format: (value: T) => string): string {
  return figure.suppressed ? SUPPRESSED_MARK : format(figure.value);
}
