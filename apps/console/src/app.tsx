import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router';
import { areaChunks, preloadAreaOf } from './area-chunks';
import { Loading } from './components/loading';
import { AppLayout } from './layout/app-layout';
import { RequirePermission } from './layout/require-permission';
import { RequireSession } from './layout/require-session';
import { TenantIndex } from './layout/tenant-index';
import { paths } from './routes';
import { SessionProvider } from './session/session-context';

const SignInPage = lazy(areaChunks.signin);
const TenantsPage = lazy(areaChunks.tenants);
const SchemaArea = lazy(areaChunks.schema);
const DataArea = lazy(areaChunks.data);
const ImportsArea = lazy(areaChunks.imports);
const ChartsArea = lazy(areaChunks.charts);
const AuditArea = lazy(areaChunks.audit);
const NotFoundPage = lazy(areaChunks.notFound);

preloadAreaOf(window.location.pathname);

function Root() {
  return (
    <SessionProvider>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </SessionProvider>
  );
}

/**
 * Paths are absolute (`/console/...`, see routes.ts), so links and redirects use them as they are.
 * Each area owns the URLs below its prefix (a splat route): it declares its own nested <Routes>,
 * so adding a page inside an area touches only that area's folder.
 */
const router = createBrowserRouter([
  {
    path: '/console',
    element: <Root />,
    children: [
      { path: 'signin', element: <SignInPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <Navigate to={paths.tenants} replace /> },
              { path: 'tenants', element: <TenantsPage /> },
              { path: 't/:tenant', element: <TenantIndex /> },
              {
                path: 't/:tenant/tables/:table/data/*',
                element: (
                  <RequirePermission permission="readRecords" what="reading rows">
                    <DataArea />
                  </RequirePermission>
                ),
              },
              {
                path: 't/:tenant/tables/*',
                element: (
                  <RequirePermission permission="readSchema" what="the schema pages">
                    <SchemaArea />
                  </RequirePermission>
                ),
              },
              {
                path: 't/:tenant/imports/*',
                element: (
                  <RequirePermission permission="importExport" what="imports and exports">
                    <ImportsArea />
                  </RequirePermission>
                ),
              },
              {
                path: 't/:tenant/charts/*',
                element: (
                  <RequirePermission permission="readRecords" what="charts of rows">
                    <ChartsArea />
                  </RequirePermission>
                ),
              },
              {
                path: 't/:tenant/audit/*',
                element: (
                  <RequirePermission permission="readAudit" what="the audit trail">
                    <AuditArea />
                  </RequirePermission>
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
