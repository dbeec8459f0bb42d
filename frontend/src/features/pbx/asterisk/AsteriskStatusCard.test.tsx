// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../app/queryClient';
import { scriptedFetch } from '../../../test/renderApp';
import { AsteriskStatusCard, asteriskClock } from './AsteriskStatusCard';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderCard(body: object) {
  vi.stubGlobal('fetch', scriptedFetch({ 'GET /api/system/asterisk': () => ({ status: 200, body }) }));
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <AsteriskStatusCard />
    </QueryClientProvider>,
  );
}

const base = {
  pendingChanges: false,
  changedAt: '2026-11-21T07:00:00Z',
  appliedAt: null,
  lastApply: null,
  liveError: null,
};

describe('Asterisk status card', () => {
  it('shows version, uptime, modules, registered phones and calls when connected', async () => {
    renderCard({
      ...base,
      ami: { state: 'connected', host: '127.0.0.1', port: 5038 },
      live: {
        version: '22.5.2',
        uptimeSeconds: 90_061,
        startedAt: '2026-11-20T06:00:00',
        lastReloadAt: '2026-11-21T06:30:00',
        modulesLoaded: 312,
        endpointsTotal: 5,
        endpointsRegistered: 3,
        currentCalls: 2,
      },
    });
    const facts = await screen.findByTestId('asterisk-facts');
    expect(facts.textContent).toContain('22.5.2');
    expect(facts.textContent).toContain('312');
    expect(facts.textContent).toContain('3 of 5');
    expect(facts.textContent).toContain('2026-11-21 06:30');
    expect(screen.queryByText('Asterisk not connected')).toBeNull();
  });

  it('says plainly when Asterisk cannot be reached', async () => {
    renderCard({
      ...base,
      ami: { state: 'disconnected', host: '127.0.0.1', port: 5038, lastError: 'Connection refused' },
      live: null,
    });
    expect(await screen.findByText('Asterisk not connected')).toBeTruthy();
    expect(screen.getByText(/cannot reach Asterisk's manager interface at 127.0.0.1:5038/)).toBeTruthy();
    expect(screen.getByText('Connection refused')).toBeTruthy();
    expect(screen.queryByTestId('asterisk-facts')).toBeNull();
  });

  it('prints Asterisk’s own clock without guessing a zone', () => {
    expect(asteriskClock('2026-11-21T06:30:12')).toBe('2026-11-21 06:30');
    expect(asteriskClock(null)).toBe('—');
  });
});
