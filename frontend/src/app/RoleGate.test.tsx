// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, scriptedFetch } from '../test/renderApp';

const supervisor = { id: 1, email: 'sam@example.com', name: 'Sam Super', role: 'supervisor' };
const admin = { id: 1, email: 'ada@example.com', name: 'Ada Admin', role: 'admin' };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('role guard', () => {
  it('refuses a supervisor who opens the users page by its URL, and does not list it', async () => {
    vi.stubGlobal('fetch', scriptedFetch({ 'GET /api/auth/me': () => ({ status: 200, body: supervisor }) }));

    renderApp('/users');

    expect(await screen.findByText("You don't have access to this page")).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Users' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Live Calls' })).toBeTruthy();
  });

  it('lets an admin open the users page', async () => {
    vi.stubGlobal(
      'fetch',
      scriptedFetch({
        'GET /api/auth/me': () => ({ status: 200, body: admin }),
        'GET /api/users': () => ({
          status: 200,
          body: {
            items: [{ ...admin, disabled: false, createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null }],
            total: 1,
          },
        }),
      }),
    );

    renderApp('/users');

    expect(await screen.findByRole('heading', { name: 'Users' })).toBeTruthy();
    expect(await screen.findByText('ada@example.com')).toBeTruthy();
    expect(screen.queryByText("You don't have access to this page")).toBeNull();
  });

  it('sends a visitor without a session to the login page', async () => {
    vi.stubGlobal(
      'fetch',
      scriptedFetch({ 'GET /api/auth/me': () => ({ status: 401, body: { status: 401, code: 'unauthorized' } }) }),
    );

    renderApp('/users');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows an honest empty state for an area that is not built yet', async () => {
    vi.stubGlobal('fetch', scriptedFetch({ 'GET /api/auth/me': () => ({ status: 200, body: admin }) }));

    renderApp('/recordings');

    expect(await screen.findByText('Recordings are not available in this version yet')).toBeTruthy();
  });
});
