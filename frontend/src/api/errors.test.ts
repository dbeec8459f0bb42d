import { describe, expect, it } from 'vitest';
import { ApiError, normalizeFieldErrors, parseRetryAfter, toApiError } from './errors';

describe('toApiError', () => {
  it('keeps the code, status, detail and per-field messages of a problem', () => {
    const error = toApiError(
      422,
      {
        title: 'Validation failed',
        status: 422,
        detail: 'Some fields are invalid.',
        code: 'validation_failed',
        errors: { email: ['Enter a valid email address.'], 'members[0].penalty': ['Must be 0 or more.'] },
        traceId: '00-abc',
      },
      null,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('Some fields are invalid.');
    expect(error.fieldErrors).toEqual({
      email: ['Enter a valid email address.'],
      'members[0].penalty': ['Must be 0 or more.'],
    });
    expect(error.traceId).toBe('00-abc');
    expect(error.hasFieldErrors()).toBe(true);
  });

  it('says how long to wait when rate limited', () => {
    const error = toApiError(429, { code: 'rate_limited', title: 'Too Many Requests' }, '37');
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(37);
    expect(error.message).toBe('Too many attempts. Try again in 37 seconds.');
  });

  it('uses one message for wrong credentials whatever the server detail', () => {
    const error = toApiError(401, { code: 'invalid_credentials', detail: 'nope' }, null);
    expect(error.message).toBe('The email or password is incorrect.');
  });

  it('derives a code from the status when the body is not a problem (a proxy error page)', () => {
    const error = toApiError(502, '<html>Bad Gateway</html>', null);
    expect(error.code).toBe('bad_gateway');
    expect(error.message).toBe('The BotPBX server is not reachable.');
    expect(error.fieldErrors).toEqual({});
    expect(error.hasFieldErrors()).toBe(false);
  });

  it('falls back to the title when there is no detail', () => {
    expect(toApiError(409, { code: 'conflict', title: 'Email already in use' }, null).message).toBe(
      'Email already in use',
    );
  });
});

describe('normalizeFieldErrors', () => {
  it('accepts a single string and drops values that are not messages', () => {
    expect(normalizeFieldErrors({ name: 'Required', role: [1, '', 'Unknown role'], bad: null })).toEqual({
      name: ['Required'],
      role: ['Unknown role'],
    });
  });

  it('ignores anything that is not an object', () => {
    expect(normalizeFieldErrors(['x'])).toEqual({});
    expect(normalizeFieldErrors('x')).toEqual({});
    expect(normalizeFieldErrors(undefined)).toEqual({});
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120')).toBe(120);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
  });

  it('returns undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
