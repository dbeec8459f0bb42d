import { describe, expect, it } from 'vitest';
import { hasRole } from './roles';
import { safeNext } from './safeNext';

describe('safeNext', () => {
  it('returns to a page of the app', () => {
    expect(safeNext('/users?search=ann')).toBe('/users?search=ann');
  });

  it.each([null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'users', '/login?next=/x'])(
    'refuses %s and goes to the dashboard',
    (next) => {
      expect(safeNext(next)).toBe('/');
    },
  );
});

describe('hasRole', () => {
  it('orders roles admin > supervisor > agent', () => {
    expect(hasRole('admin', 'supervisor')).toBe(true);
    expect(hasRole('supervisor', 'supervisor')).toBe(true);
    expect(hasRole('supervisor', 'admin')).toBe(false);
    expect(hasRole('agent', 'supervisor')).toBe(false);
    expect(hasRole(undefined, 'agent')).toBe(false);
  });
});
