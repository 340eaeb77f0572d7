/** A round as the result pages list it (from resultsNavigation.options). */
export interface RoundChoice {
  roundId: string;
  name: string;
  schoolForm: string;
  state: 'upcoming' | 'open' | 'closed';
  eligible: number;
}

/**
 * The school forms the person can choose between (the one with the most staff first), the chosen
 * form and its rounds (newest first, one entry per round), and the chosen round: the one in the URL
 * when it belongs to the form, otherwise the newest closed round.
 */
export function chooseFormAndRound<R extends RoundChoice>(all: readonly R[], wantedForm: string | null, wantedRound: string | null) {
  const staffByForm = new Map<string, number>();
  for (const r of all) staffByForm.set(r.schoolForm, (staffByForm.get(r.schoolForm) ?? 0) + r.eligible);
  const forms = [...staffByForm.keys()].sort((a, b) => (staffByForm.get(b) ?? 0) - (staffByForm.get(a) ?? 0));
  const form = wantedForm && forms.includes(wantedForm) ? wantedForm : (forms[0] ?? '');
  const rounds = [...new Map(all.filter((r) => r.schoolForm === form).map((r) => [r.roundId, r])).values()];
  const roundId = rounds.some((r) => r.roundId === wantedRound)
    ? (wantedRound as string)
    : (rounds.find((r) => r.state === 'closed')?.roundId ?? rounds[0]?.roundId ?? null);
  return { forms, form, rounds, roundId };
}
