import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters that live in the URL, so a link shows the same view. Changes made in quick succession
 * build on each other (the router's navigation is asynchronous, so the search params of the last
 * render can be stale).
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    // The URL has caught up with the pending changes (params is the new value here).
    if (pending.current?.toString() === params.toString()) pending.current = null;
  }, [params]);
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(pending.current ?? params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    pending.current = next;
    setParams(next);
  };
  return { params, update };
}
