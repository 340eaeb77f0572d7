import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AnnualCyclePage } from '../features/annual-cycle/annual-cycle-page.tsx';
import { ConsensusPage } from '../features/consensus/consensus-page.tsx';
import { DemoLoginPage } from '../features/login/demo-login-page.tsx';
import { NotRegisteredPage } from '../features/login/not-registered-page.tsx';
import { QuestionnairePage } from '../features/questionnaires/questionnaire-page.tsx';
import { QuestionnairesPage } from '../features/questionnaires/questionnaires-page.tsx';
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
      { path: '/inte-registrerad', element: <NotRegisteredPage /> },
      { path: '/ingen-behorighet', element: <ForbiddenPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: '/', element: <StartPage /> },
          { path: '/omgangar', element: <RoundsPage /> },
          { path: '/jamfor', lazy: async () => ({ Component: (await import('../features/compare/compare-page.tsx')).default }) },
          {
            path: '/resultat',
            lazy: async () => ({ Component: (await import('../features/unit-results/unit-results-page.tsx')).default }),
          },
          {
            path: '/resultat/huvudman',
            lazy: async () => ({ Component: (await import('../features/organizer-overview/organizer-overview-page.tsx')).default }),
          },
          {
            path: '/resultat/utfall',
            lazy: async () => ({ Component: (await import('../features/outcome-measures/scatter-page.tsx')).default }),
          },
          {
            path: '/resultat/utfall/katalog',
            lazy: async () => ({ Component: (await import('../features/outcome-measures/catalogue-page.tsx')).default }),
          },
          {
            path: '/resultat/nulage',
            lazy: async () => ({ Component: (await import('../features/outcome-measures/current-state-page.tsx')).default }),
          },
          {
            path: '/resultat/trend',
            lazy: async () => ({ Component: (await import('../features/trends/trends-page.tsx')).default }),
          },
          { path: '/arshjul', element: <AnnualCyclePage /> },
          {
            path: '/kvalitetsarbete',
            lazy: async () => ({ Component: (await import('../features/quality-cycle/places-page.tsx')).default }),
          },
          {
            path: '/kvalitetsarbete/:roundId/:unit',
            lazy: async () => ({ Component: (await import('../features/quality-cycle/workspace-page.tsx')).default }),
          },
          {
            path: '/kvalitetsarbete/:roundId/:unit/rapport',
            lazy: async () => ({ Component: (await import('../features/quality-cycle/report-page.tsx')).default }),
          },
          { path: '/formular', element: <QuestionnairesPage /> },
          { path: '/formular/:id', element: <QuestionnairePage /> },
          { path: '/gemensam-skattning/:roundId/:teamId', element: <ConsensusPage /> },
          { path: '/administration', element: <Navigate to="/administration/installningar" replace /> },
          {
            path: '/administration/installningar',
            lazy: async () => ({ Component: (await import('../features/admin/settings-page.tsx')).SettingsPage }),
          },
          {
            path: '/administration/enheter',
            lazy: async () => ({ Component: (await import('../features/admin/units-page.tsx')).UnitsPage }),
          },
          {
            path: '/administration/anvandare',
            lazy: async () => ({ Component: (await import('../features/admin/users-page.tsx')).UsersPage }),
          },
          {
            path: '/administration/import-export',
            lazy: async () => ({ Component: (await import('../features/admin/import-export-page.tsx')).ImportExportPage }),
          },
          {
            path: '/administration/logg',
            lazy: async () => ({ Component: (await import('../features/admin/audit-page.tsx')).AuditPage }),
          },
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
