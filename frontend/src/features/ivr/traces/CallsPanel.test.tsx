// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IvrTrace } from '../api';
import { CallsPanel } from './CallsPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const step = (
  index: number,
  nodeId: string,
  type: string,
  handle: string | null,
  extra: Partial<IvrTrace['steps'][0]> = {},
) => ({
  index,
  ivrId: '7',
  version: 1,
  nodeId,
  type,
  startedAt: '2026-11-21T08:00:00Z',
  durationMs: 40,
  handle,
  digits: null,
  detail: null,
  error: null,
  ...extra,
});

const trace = (id: number, overrides: Partial<IvrTrace> = {}): IvrTrace => ({
  id,
  callId: `1795239477.${id}`,
  ivrId: 7,
  version: 1,
  caller: '5551234',
  startedAt: '2026-11-21T08:00:00Z',
  endedAt: '2026-11-21T08:00:02.500Z',
  outcome: 'completed',
  error: null,
  steps: [
    step(0, 'start', 'start', 'next'),
    step(1, 'menu', 'menu', 'digit-1', { digits: '1' }),
    step(2, 'gone', 'httpRequest', 'error', { error: 'the request timed out' }),
    step(3, 'bye', 'hangup', null),
  ],
  variables: { CALLERID: '5551234', EMPTY: '' },
  ...overrides,
});

function serve(page: { items: IvrTrace[]; total: number }) {
  const fetch = vi.fn(
    async (_url: string) =>
      new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const labels: Record<string, string> = { start: 'Start', menu: 'Main menu', bye: 'Goodbye' };

function Harness({ publishedVersion }: { publishedVersion: number | null }) {
  const [selected, setSelected] = useState<IvrTrace | null>(null);
  return (
    <CallsPanel
      ivrId={7}
      publishedVersion={publishedVersion}
      selected={selected}
      onSelect={setSelected}
      nodeLabel={(id) => labels[id] ?? null}
      outputLabel={(id, handle) => (id === 'menu' && handle === 'digit-1' ? 'Sales' : null)}
    />
  );
}

function renderPanel(publishedVersion: number | null = 1) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Harness publishedVersion={publishedVersion} />
    </QueryClientProvider>,
  );
  return screen.getByRole('region', { name: 'Calls' });
}

describe('the Calls tab', () => {
  it('lists calls with caller, version, duration and outcome, and asks for them ten at a time', async () => {
    const fetch = serve({ items: [trace(1), trace(2, { caller: '', outcome: 'failed', endedAt: null })], total: 2 });
    const panel = renderPanel();
    const calls = within(await within(panel).findByRole('list', { name: 'Recent calls' })).getAllByRole('button');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.textContent).toContain('5551234 · version 1 · 2.5 s');
    expect(calls[0]!.textContent).toContain('Completed');
    expect(calls[1]!.textContent).toContain('Unknown caller · version 1 · —');
    expect(calls[1]!.textContent).toContain('Failed');
    expect(String(fetch.mock.calls[0]![0])).toBe('/api/ivrs/7/traces?limit=10&offset=0');
    expect(within(panel).queryByRole('navigation', { name: 'Calls pages' })).toBeNull();
  });

  it('pages through older calls', async () => {
    const fetch = serve({ items: [trace(1)], total: 23 });
    const panel = renderPanel();
    const pages = await within(panel).findByRole('navigation', { name: 'Calls pages' });
    expect(pages.textContent).toContain('1–1 of 23');
    fireEvent.click(within(pages).getByRole('button', { name: 'Older calls' }));
    await vi.waitFor(() => expect(String(fetch.mock.lastCall![0])).toBe('/api/ivrs/7/traces?limit=10&offset=10'));
  });

  it('says so when there are no calls yet', async () => {
    serve({ items: [], total: 0 });
    const panel = renderPanel();
    expect(await within(panel).findByText('No calls yet')).toBeTruthy();
  });

  it('shows a chosen call’s steps in words, its errors, its variables, and comes back to the list', async () => {
    serve({ items: [trace(1)], total: 1 });
    const panel = renderPanel();
    fireEvent.click(within(await within(panel).findByRole('list', { name: 'Recent calls' })).getByRole('button'));

    expect(within(panel).getByRole('heading', { name: 'Call from 5551234' })).toBeTruthy();
    const steps = within(within(panel).getByRole('list', { name: 'Call steps' })).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      'StartStartWent on40 ms',
      'Main menuMenuPressed 1 (Sales)40 msKeys pressed: 1',
      'goneHTTP RequestThe request failed40 msThis node is no longer on the canvas.the request timed out',
      'GoodbyeHang UpHung up40 ms',
    ]);
    expect(within(panel).getByLabelText('Variables').textContent).toBe('CALLERID5551234EMPTYempty');
    expect(within(panel).queryByText(/This call ran on version/)).toBeNull();

    fireEvent.click(within(panel).getByRole('button', { name: 'All calls' }));
    expect(await within(panel).findByRole('list', { name: 'Recent calls' })).toBeTruthy();
  });

  it('warns that a call ran on an older version than the live one', async () => {
    serve({ items: [trace(1)], total: 1 });
    const panel = renderPanel(3);
    fireEvent.click(within(await within(panel).findByRole('list', { name: 'Recent calls' })).getByRole('button'));
    expect(
      within(panel).getByText(/This call ran on version 1; the canvas shows the current draft \(version 3 is live\)/),
    ).toBeTruthy();
  });
});
