// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, scriptedFetch, type Route } from '../../../test/renderApp';

const admin = { id: 1, email: 'admin@example.com', name: 'Admin', role: 'admin' };
const supervisor = { ...admin, role: 'supervisor' };
const extension = { id: 7, number: '101', name: 'Front desk' };

const status = (pendingChanges: boolean) => ({
  ami: { state: 'connected' },
  pendingChanges,
  changedAt: '2026-11-21T07:00:00Z',
  appliedAt: null,
  lastApply: null,
  live: null,
  liveError: null,
});

function routes(me: object, extra: Record<string, Route> = {}) {
  return scriptedFetch({
    'GET /api/auth/me': () => ({ status: 200, body: me }),
    'GET /api/queues': () => ({ status: 200, body: { items: [], total: 0 } }),
    'GET /api/extensions': () => ({ status: 200, body: { items: [extension], total: 1 } }),
    'GET /api/moh-classes': () => ({ status: 200, body: { items: [], total: 0 } }),
    'GET /api/destinations': () => ({ status: 200, body: [{ type: 'hangup', target: null, label: 'Hang up' }] }),
    'GET /api/system/asterisk': () => ({ status: 200, body: status(true) }),
    ...extra,
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('queues page', () => {
  it('puts the server’s message for members[0].penalty under that member’s penalty', async () => {
    const fetch = routes(admin, {
      'POST /api/queues': () => ({
        status: 422,
        body: {
          status: 422,
          code: 'validation_failed',
          errors: { 'members[0].penalty': ['must be between 0 and 100'] },
        },
      }),
    });
    vi.stubGlobal('fetch', fetch);
    renderApp('/queues');

    fireEvent.click((await screen.findAllByRole('button', { name: 'Add queue' }))[0]!);
    const drawer = await screen.findByRole('dialog', { name: 'Add queue' });
    fireEvent.click(await within(drawer).findByRole('button', { name: 'Add member' }));
    const penalty = within(drawer).getByRole('spinbutton', { name: 'Penalty' });
    fireEvent.change(penalty, { target: { value: '500' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Create queue' }));

    expect(await within(drawer).findByText('Penalty must be between 0 and 100')).toBeTruthy();
    expect(penalty.getAttribute('aria-invalid')).toBe('true');
    const sent = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(sent?.[1]?.body))).toMatchObject({ members: [{ extensionId: 7, penalty: 500 }] });
  });

  it('applies pending changes and lists each module’s result', async () => {
    vi.stubGlobal(
      'fetch',
      routes(admin, {
        'POST /api/system/asterisk/reload': () => ({
          status: 200,
          body: {
            success: false,
            changedFiles: ['pjsip.conf'],
            rolledBack: true,
            modules: [
              { module: 'res_pjsip.so', status: 'failed', attempts: 1, message: 'Module reload error' },
              { module: 'dialplan', status: 'reloaded', attempts: 1 },
            ],
          },
        }),
      }),
    );
    renderApp('/queues');

    const banner = await screen.findByTestId('pending-changes');
    fireEvent.click(within(banner).getByRole('button', { name: 'Apply now' }));
    const result = await screen.findByRole('dialog', { name: 'Apply result' });
    const table = within(result).getByRole('table', { name: 'Apply result per module' });
    expect(within(table).getByText('Failed: Module reload error')).toBeTruthy();
    expect(within(table).getByText('Reloaded')).toBeTruthy();
    expect(within(result).getByText(/previous configuration files were put back/)).toBeTruthy();
  });

  it('lets a supervisor look but not change or apply', async () => {
    vi.stubGlobal('fetch', routes(supervisor));
    renderApp('/queues');

    const banner = await screen.findByTestId('pending-changes');
    expect(within(banner).queryByRole('button', { name: 'Apply now' })).toBeNull();
    expect(banner.textContent).toContain('an administrator applies them');
    expect(screen.queryByRole('button', { name: 'Add queue' })).toBeNull();
  });
});
