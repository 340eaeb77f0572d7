import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';

/** The logged-in person (null when nobody is), shared by the layout and the pages. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.session.me.queryOptions(undefined, { staleTime: 60_000 }));
}
