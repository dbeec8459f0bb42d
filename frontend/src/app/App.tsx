import { Route, Routes } from 'react-router-dom';
import LoginPage from '../auth/LoginPage';
import { RequireAuth } from '../auth/RequireAuth';
import { AppShell } from './AppShell';
import { navigation } from './navigation';
import { NotFound, RoleGate } from './RoleGate';

/** Routes are generated from the navigation registry; each one is guarded by its entry's minimum role. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        {navigation.map((entry) => {
          const Page = entry.component;
          return (
            <Route
              key={entry.path}
              path={entry.path === '/' ? '/' : `${entry.path}/*`}
              element={
                <RoleGate minRole={entry.minRole}>
                  <Page />
                </RoleGate>
              }
            />
          );
        })}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
