/** ISO date 'YYYY-MM-DD'; such strings compare correctly as text. */
export type IsoDate = string;

export type RoundState = 'upcoming' | 'open' | 'closed';

/**
 * A round is open from its opening date through its closing date, both inclusive,
 * unless it was closed early: from that day on it is closed.
 */
export function roundState(round: { opensOn: IsoDate; closesOn: IsoDate; closedEarlyOn: IsoDate | null }, today: IsoDate): RoundState {
  if (today < round.opensOn) return 'upcoming';
  if (round.closedEarlyOn !== null && today >= round.closedEarlyOn) return 'closed';
  return today > round.closesOn ? 'closed' : 'open';
}
