import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingBlock } from '../components/loading-block.tsx';
import { useMe } from './use-me.ts';

export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingBlock label="Hämtar dina uppgifter …" />;
  if (me.isError) throw me.error;
  if (!me.data) return <Navigate to="/logga-in" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}
