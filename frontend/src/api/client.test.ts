import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, buildUrl, setUnauthorizedHandler } from './client';
import { ApiError } from './errors';

function respond(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const contentType =
    typeof body === 'string' ? 'text/html' : status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(status === 204 ? null : text, { status, headers: { 'content-type': contentType, ...headers } });
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('api client', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setUnauthorizedHandler(null);
  });

  it('sends JSON with the session cookie and returns the parsed body', async () => {
    fetchMock.mockResolvedValue(respond(201, { id: 'u1', email: 'a@b.c' }));

    const result = await api.post<{ id: string }>('/api/users', { email: 'a@b.c' });

    expect(result).toEqual({ id: 'u1', email: 'a@b.c' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/users');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"email":"a@b.c"}');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('returns undefined for 204 No Content', async () => {
    fetchMock.mockResolvedValue(respond(204));
    await expect(api.delete('/api/users/1')).resolves.toBeUndefined();
  });

  it('turns a 422 problem into an ApiError with field errors', async () => {
    fetchMock.mockResolvedValue(
      respond(422, { status: 422, code: 'validation_failed', errors: { email: ['Already taken?'] } }),
    );

    const error = await caught(api.put('/api/users/1', {}));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.fieldErrors.email).toEqual(['Already taken?']);
  });

  it('reports a 401 to the session handler so the app returns to the login page', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValue(respond(401, { status: 401, code: 'unauthorized' }));

    const error = await caught(api.get('/api/users'));

    expect(error.code).toBe('unauthorized');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('does not report a 401 the caller expects (a failed login)', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValue(respond(401, { status: 401, code: 'invalid_credentials' }));

    const error = await caught(api.post('/api/auth/login', {}, { expectUnauthorized: true }));

    expect(error.code).toBe('invalid_credentials');
    expect(handler).not.toHaveBeenCalled();
  });

  it('carries Retry-After on 429', async () => {
    fetchMock.mockResolvedValue(respond(429, { status: 429, code: 'rate_limited' }, { 'retry-after': '12' }));
    const error = await caught(api.post('/api/auth/login', {}, { expectUnauthorized: true }));
    expect(error.retryAfterSeconds).toBe(12);
    expect(error.message).toContain('12 seconds');
  });

  it('maps a failed connection to network_error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await caught(api.get('/api/system/status'));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
  });

  it('lets an aborted request through unchanged', async () => {
    fetchMock.mockRejectedValue(new DOMException('aborted', 'AbortError'));
    const error = await caught(api.get('/api/users'));
    expect(error).toBeInstanceOf(DOMException);
  });
});

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildUrl('/api/users', { search: 'ann & bob', limit: 50, offset: 0, role: undefined, q: '' })).toBe(
      '/api/users?search=ann+%26+bob&limit=50&offset=0',
    );
  });

  it('returns the path alone when nothing is left', () => {
    expect(buildUrl('/api/users', { search: '' })).toBe('/api/users');
  });
});
