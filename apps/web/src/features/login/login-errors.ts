/** What the login page says when the server sent the browser back with ?fel=<reason> (see apps/server auth-routes). */
export const LOGIN_ERRORS: Record<string, string> = {
  expired:
    'Inloggningen tog för lång tid eller startades i en annan flik eller webbläsare. Försök igen och logga in i samma flik inom tio minuter.',
  denied: 'Inloggningen avbröts hos din organisations inloggningstjänst. Försök igen om du vill logga in.',
  failed: 'Inloggningen kunde inte slutföras. Försök igen. Händer det igen, kontakta administratören hos din huvudman.',
  'unknown-provider': 'Den inloggningen finns inte längre. Välj din organisation i listan nedan och försök igen.',
  'provider-disabled': 'Den inloggningen är avstängd. Välj en annan inloggning nedan eller kontakta administratören hos din huvudman.',
  'not-configured':
    'Inloggningen är inte färdigkonfigurerad på servern. Kontakta administratören hos din huvudman och berätta vilken inloggning du valde.',
  'provider-unreachable': 'Din organisations inloggningstjänst svarar inte just nu. Vänta en stund och försök igen.',
};

export function loginErrorMessage(reason: string | null): string | null {
  if (!reason) return null;
  return LOGIN_ERRORS[reason] ?? LOGIN_ERRORS.failed ?? null;
}
