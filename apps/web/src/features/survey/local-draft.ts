/** The person's answers kept on the device, so nothing is lost while the network is down. */
export interface LocalDraft {
  draftId: string;
  revision: number;
  /** The highest revision the server has confirmed. */
  savedRevision: number;
  data: Record<string, unknown>;
}

function key(userId: string, roundId: string, schoolUnitId: string): string {
  return `kvalitetshjulet:utkast:${userId}:${roundId}:${schoolUnitId}`;
}

export function readLocalDraft(userId: string, roundId: string, schoolUnitId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(userId, roundId, schoolUnitId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as LocalDraft;
    return typeof parsed.draftId === 'string' && typeof parsed.revision === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(userId: string, roundId: string, schoolUnitId: string, draft: LocalDraft): void {
  try {
    window.localStorage.setItem(key(userId, roundId, schoolUnitId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the server copy is still saved as usual.
  }
}

export function clearLocalDraft(userId: string, roundId: string, schoolUnitId: string): void {
  try {
    window.localStorage.removeItem(key(userId, roundId, schoolUnitId));
  } catch {
    // nothing to do
  }
}
