import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { errorMessage } from '../api/errors';
import { useAuth } from './AuthProvider';
import styles from './RequireAuth.module.css';

/** Renders its children for a signed-in user; otherwise sends them to /login and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, error, retry, signedOutByUser } = useAuth();
  const location = useLocation();

  if (loading) return <div className={styles.center}>Loading…</div>;
  if (error && !user) {
    return (
      <div className={styles.center}>
        <div className={styles.box}>
          <Alert tone="error" title="BotPBX is not reachable">
            {errorMessage(error)}
          </Alert>
          <Button icon="refresh" onClick={retry}>
            Try again
          </Button>
        </div>
      </div>
    );
  }
  if (!user) {
    const next = location.pathname + location.search;
    const to = next === '/' || signedOutByUser ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}
