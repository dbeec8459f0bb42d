// Renders the whole app in happy-dom at a given URL with a scripted `fetch`, for tests of routing and guards.
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { App } from '../app/App';
import { createQueryClient } from '../app/queryClient';
import { AuthProvider } from '../auth/AuthProvider';
import { ToastProvider } from '../components/Toasts';

export type Route = (init: { method: string; body: unknown }) => {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

/** `routes` maps "METHOD /path" (query string ignored) to an answer; anything else answers 404. */
export function scriptedFetch(routes: Record<string, Route>) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const route = routes[`${method} ${url.pathname}`];
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const answer = route ? route({ method, body }) : { status: 404, body: { status: 404, code: 'not_found' } };
    const text = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(answer.status === 204 ? null : text, {
      status: answer.status,
      headers: {
        'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json',
        ...answer.headers,
      },
    });
  });
}

export function renderApp(path: string) {
  const queryClient = createQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <ToastProvider>
          <AuthProvider>
            <App />
          </AuthProvider>
        </ToastProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
