// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, scriptedFetch, type Route } from '../../test/renderApp';
import { toSettings } from './SipProtectionCard';

// The page is lazy-loaded: on a busy machine its first render can take longer than the default 5 s wait.
const pageLoad = { timeout: 15_000 };

const admin = { id: 1, email: 'admin@example.com', name: 'Admin', role: 'admin' };

const ban = {
  id: 41,
  address: '203.0.113.7',
  bannedAt: '2026-12-07T12:00:00Z',
  expiresAt: '2026-12-07T13:00:00Z',
  failures: 5,
  lastAccount: '2001',
  lastEvent: 'ChallengeResponseFailed',
  liftedAt: null,
  liftReason: null,
  liftedBy: null,
  active: true,
};

const settings = {
  enabled: true,
  maxFailures: 5,
  windowSeconds: 60,
  banSeconds: 3600,
  allowList: ['127.0.0.1/32', '::1/128'],
};

function routes(extra: Record<string, Route> = {}) {
  return scriptedFetch({
    'GET /api/auth/me': () => ({ status: 200, body: admin }),
    'GET /api/security/sip-bans': () => ({ status: 200, body: { items: [ban], total: 1 } }),
    'GET /api/security/sip-protection': () => ({ status: 200, body: settings }),
    ...extra,
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SIP security page', () => {
  it('lists active bans and lifts one after confirmation', async () => {
    let lifted = false;
    const fetch = routes({
      'GET /api/security/sip-bans': () => ({
        status: 200,
        body: lifted ? { items: [], total: 0 } : { items: [ban], total: 1 },
      }),
      'DELETE /api/security/sip-bans/41': () => {
        lifted = true;
        return { status: 200, body: { ...ban, active: false, liftReason: 'unbanned' } };
      },
    });
    vi.stubGlobal('fetch', fetch);
    renderApp('/security/sip');

    const table = await screen.findByRole('table', { name: 'SIP bans' }, pageLoad);
    expect(await within(table).findByText('203.0.113.7')).toBeTruthy();
    expect(within(table).getByText('2001')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Unban 203.0.113.7' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Unban this address?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Unban' }));

    expect(await screen.findByText('No address is banned')).toBeTruthy();
    expect(
      fetch.mock.calls.some(
        ([url, init]) => init?.method === 'DELETE' && String(url).endsWith('/api/security/sip-bans/41'),
      ),
    ).toBe(true);
  });

  it('asks for ended bans too when the history is shown', async () => {
    const fetch = routes();
    vi.stubGlobal('fetch', fetch);
    renderApp('/security/sip');

    fireEvent.click(await screen.findByRole('checkbox', { name: 'Show ended bans too' }, pageLoad));

    await vi.waitFor(() =>
      expect(
        fetch.mock.calls.some(
          ([url]) => String(url).includes('/api/security/sip-bans') && String(url).includes('status=all'),
        ),
      ).toBe(true),
    );
  });

  it('edits the allow-list and shows the server’s message under the row it concerns', async () => {
    const fetch = routes({
      'PUT /api/security/sip-protection': () => ({
        status: 422,
        body: {
          status: 422,
          code: 'validation_failed',
          errors: { 'allowList[2]': ['has bits set outside its /8 prefix; the range is 10.0.0.0/8'] },
        },
      }),
    });
    vi.stubGlobal('fetch', fetch);
    renderApp('/security/sip');

    fireEvent.click(await screen.findByRole('button', { name: 'Add address' }, pageLoad));
    const added = screen.getByRole('textbox', { name: 'Allowed address 3' });
    fireEvent.change(added, { target: { value: ' 10.0.0.1/8 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save protection settings' }));

    expect(
      await screen.findByText('Allowed address 3 has bits set outside its /8 prefix; the range is 10.0.0.0/8'),
    ).toBeTruthy();
    expect(added.getAttribute('aria-invalid')).toBe('true');
    const sent = fetch.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({
      ...settings,
      allowList: ['127.0.0.1/32', '::1/128', '10.0.0.1/8'],
    });
  });

  it('removes an allow-list row', async () => {
    const fetch = routes({
      'PUT /api/security/sip-protection': ({ body }) => ({ status: 200, body }),
    });
    vi.stubGlobal('fetch', fetch);
    renderApp('/security/sip');

    fireEvent.click(await screen.findByRole('button', { name: 'Remove allowed address 2' }, pageLoad));
    fireEvent.click(screen.getByRole('button', { name: 'Save protection settings' }));

    await vi.waitFor(() => expect(fetch.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(true));
    const sent = fetch.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(sent?.[1]?.body)).allowList).toEqual(['127.0.0.1/32']);
  });
});

describe('toSettings', () => {
  it('sends whole numbers as numbers, anything else as null for the server to refuse, and drops empty rows', () => {
    expect(
      toSettings({
        enabled: false,
        maxFailures: ' 7 ',
        windowSeconds: '1.5',
        banSeconds: '',
        allowList: ['', ' ::1 '],
      }),
    ).toEqual({ enabled: false, maxFailures: 7, windowSeconds: null, banSeconds: null, allowList: ['::1'] });
  });
});
