import { describe, expect, it } from 'vitest';
import { formatDateTime, formatUptime, listenerText } from './format';

describe('formatUptime', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [125, '2 min 5 s'],
    [7_500, '2 h 5 min'],
    [86_400, '1 day 0 h'],
    [3 * 86_400 + 4 * 3_600 + 59, '3 days 4 h'],
    [-5, '0 s'],
  ])('%i seconds reads "%s"', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });
});

describe('formatDateTime', () => {
  it('shows a dash for a missing or broken date', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('formats a real date', () => {
    expect(formatDateTime('2026-03-04T10:20:00Z')).toMatch(/2026/);
  });
});

describe('listenerText', () => {
  it('names the address and the calls being served', () => {
    expect(listenerText({ enabled: true, listening: '127.0.0.1:4573', activeSessions: 2 })).toBe(
      'Listening on 127.0.0.1:4573 · 2 calls',
    );
    expect(listenerText({ enabled: true, listening: '127.0.0.1:9092', activeSessions: 1 })).toBe(
      'Listening on 127.0.0.1:9092 · 1 call',
    );
  });

  it('says Off when the server is disabled', () => {
    expect(listenerText({ enabled: false, activeSessions: 0 })).toBe('Off');
  });
});
