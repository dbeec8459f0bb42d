import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/errors';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { FormStack, TextField } from '../components/form/Field';
import { useAuth } from './AuthProvider';
import { safeNext } from './safeNext';
import styles from './LoginPage.module.css';

/** Seconds left until `until` (epoch ms), re-rendering every second while it counts down. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export default function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(blockedUntil);
  const blocked = secondsLeft > 0;

  if (user) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    if (!email.trim() || !password) {
      setError('Enter your email address and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(next, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'rate_limited' && caught.retryAfterSeconds !== undefined) {
        setBlockedUntil(Date.now() + caught.retryAfterSeconds * 1000);
        setError(null);
      } else {
        setError(errorMessage(caught));
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            B
          </span>
          <span>BotPBX</span>
        </div>
        <h1 className={styles.title}>Sign in</h1>
        <p className={styles.subtitle}>Use the email address and password your administrator gave you.</p>
        <form onSubmit={submit} noValidate className={styles.form}>
          <FormStack>
            {blocked && (
              <Alert tone="warning" title="Too many attempts">
                Try again in {secondsLeft} second{secondsLeft === 1 ? '' : 's'}.
              </Alert>
            )}
            {error && <Alert tone="error">{error}</Alert>}
            <TextField
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              autoFocus
              required
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              required
            />
            <Button type="submit" variant="primary" busy={busy} disabled={blocked} className={styles.submit}>
              Sign in
            </Button>
          </FormStack>
        </form>
      </div>
    </main>
  );
}
