import { useSearchParams } from 'react-router';

export const PARAMS = { unit: 'enhet', form: 'skolform', round: 'omgang', area: 'omrade', team: 'arbetslag' } as const;
type Key = keyof typeof PARAMS;

/** The filters live in the URL, so a link shows the same view. */
export function useResultsParams() {
  const [params, setParams] = useSearchParams();
  const get = (key: Key) => params.get(PARAMS[key]);
  const set = (changes: Partial<Record<Key, string | null>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes) as [Key, string | null][]) {
      if (value) next.set(PARAMS[key], value);
      else next.delete(PARAMS[key]);
    }
    setParams(next, { replace: false });
  };
  return { get, set };
}
