import { createBrowserRouter, RouterProvider } from 'react-router';
import { ConsensusPage } from '../features/consensus/consensus-page.tsx';
import { DemoLoginPage } from '../features/login/demo-login-page.tsx';
import { RoundsPage } from '../features/rounds/rounds-page.tsx';
import { StartPage } from '../features/start/start-page.tsx';
import { ErrorPage, ForbiddenPage, NotFoundPage } from './error-pages.tsx';
import { Layout } from './layout.tsx';
import { RequireSession } from './require-session.tsx';

const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <ErrorPage />,
    children: [
      { path: '/logga-in', element: <DemoLoginPage /> },
      { path: '/ingen-behorighet', element: <ForbiddenPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: '/', element: <StartPage /> },
          { path: '/omgangar', element: <RoundsPage /> },
          { path: '/gemensam-skattning/:roundId/:teamId', element: <ConsensusPage /> },
          {
            path: '/skattning/:roundId/:schoolUnitId',
            lazy: async () => ({ Component: (await import('../features/survey/survey-page.tsx')).default }),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
