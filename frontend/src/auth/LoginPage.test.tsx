// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, scriptedFetch, type Route } from '../test/renderApp';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const signedOut: Route = () => ({ status: 401, body: { status: 401, code: 'unauthorized' } });

async function submit(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText(/Email/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/Password/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login page', () => {
  it('says the credentials are wrong', async () => {
    vi.stubGlobal(
      'fetch',
      scriptedFetch({
        'GET /api/auth/me': signedOut,
        'POST /api/auth/login': () => ({ status: 401, body: { status: 401, code: 'invalid_credentials' } }),
      }),
    );
    renderApp('/login');

    await submit('ada@example.com', 'wrong password');

    expect(await screen.findByText('The email or password is incorrect.')).toBeTruthy();
  });

  it('counts down when there were too many attempts', async () => {
    vi.stubGlobal(
      'fetch',
      scriptedFetch({
        'GET /api/auth/me': signedOut,
        'POST /api/auth/login': () => ({
          status: 429,
          body: { status: 429, code: 'rate_limited' },
          headers: { 'retry-after': '30' },
        }),
      }),
    );
    renderApp('/login');

    await submit('ada@example.com', 'whatever');

    expect(await screen.findByText('Too many attempts')).toBeTruthy();
    expect(screen.getByText(/Try again in (30|29) seconds/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('opens the page the user asked for after signing in', async () => {
    const user = { id: 1, email: 'ada@example.com', name: 'Ada Admin', role: 'admin' };
    vi.stubGlobal(
      'fetch',
      scriptedFetch({
        'GET /api/auth/me': signedOut,
        'POST /api/auth/login': ({ body }) =>
          (body as { password: string }).password === 'right password'
            ? { status: 200, body: { token: 't', expiresAt: '2030-01-01T00:00:00Z', user } }
            : { status: 401, body: { code: 'invalid_credentials' } },
        'GET /api/settings': () => ({ status: 200, body: { companyName: 'Acme', timeZone: 'UTC', language: 'en' } }),
      }),
    );
    renderApp('/login?next=%2Fsettings');

    await submit('ada@example.com', 'right password');

    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(await screen.findByDisplayValue('Acme')).toBeTruthy();
  });
});
