import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPCClient } from '../../lib/trpc.ts';
import { type LocalDraft, writeLocalDraft } from './local-draft.ts';
import { splitSurveyData } from './split-data.ts';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'error'; message: string };

const DEBOUNCE_MS = 700;
const RETRY_MS = 5000;

interface Options {
  userId: string;
  roundId: string;
  schoolUnitId: string;
  initial: LocalDraft;
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  return !error.data || error.data.httpStatus >= 500;
}

/**
 * Saves the answers as the person goes: every change is kept on the device at once and sent to
 * the server after a short pause, with an increasing revision. When the network is down the
 * page says so, keeps the answers locally and sends them when the connection is back; when the
 * tab is hidden or closed, the latest answers are sent with keepalive.
 */
export function useAutosave({ userId, roundId, schoolUnitId, initial }: Options) {
  const client = useTRPCClient();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const draft = useRef<LocalDraft>(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const stopped = useRef(false);

  const persistLocally = useCallback(() => writeLocalDraft(userId, roundId, schoolUnitId, draft.current), [userId, roundId, schoolUnitId]);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (stopped.current || inFlight.current) return;
    const current = draft.current;
    if (current.revision <= current.savedRevision) return;
    inFlight.current = true;
    setStatus({ kind: 'saving' });
    try {
      const result = await client.survey.saveDraft.mutate({
        draftId: current.draftId,
        roundId,
        schoolUnitId,
        revision: current.revision,
        ...splitSurveyData(current.data),
      });
      if (result.applied) {
        draft.current = {
          ...draft.current,
          draftId: result.draftId,
          savedRevision: Math.max(draft.current.savedRevision, result.revision),
        };
      } else {
        // The server holds a newer revision (another device): this device's answers are the
        // latest the person gave, so they are sent again above the server's revision.
        draft.current = { ...draft.current, draftId: result.draftId, revision: Math.max(draft.current.revision, result.revision + 1) };
      }
      persistLocally();
      setStatus({ kind: 'saved', at: new Date(result.savedAt) });
    } catch (error) {
      if (isNetworkError(error)) {
        setStatus({ kind: 'offline' });
        timer.current = setTimeout(() => void flush(), RETRY_MS);
      } else {
        setStatus({ kind: 'error', message: error instanceof Error ? error.message : 'Svaren kunde inte sparas.' });
      }
    } finally {
      inFlight.current = false;
    }
    if (draft.current.revision > draft.current.savedRevision && !timer.current) timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [client, roundId, schoolUnitId, persistLocally]);

  const change = useCallback(
    (data: Record<string, unknown>) => {
      draft.current = { ...draft.current, data, revision: draft.current.revision + 1 };
      persistLocally();
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush, persistLocally],
  );

  /** Sends what is unsaved even as the page goes away. */
  const sendOnLeave = useCallback(() => {
    const current = draft.current;
    if (stopped.current || current.revision <= current.savedRevision) return;
    const body = JSON.stringify({
      draftId: current.draftId,
      roundId,
      schoolUnitId,
      revision: current.revision,
      ...splitSurveyData(current.data),
    });
    void fetch('/trpc/survey.saveDraft', { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' }, body }).catch(
      () => undefined,
    );
  }, [roundId, schoolUnitId]);

  useEffect(() => {
    const onOnline = () => void flush();
    const onOffline = () => setStatus({ kind: 'offline' });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') sendOnLeave();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', sendOnLeave);
    if (draft.current.revision > draft.current.savedRevision) void flush();
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', sendOnLeave);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush, sendOnLeave]);

  /** Stops saving (after submit). */
  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { status, change, flush, stop, draft };
}
