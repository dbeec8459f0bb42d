import { describe, expect, it } from 'vitest';
import { addRecent, formatDuration, loadRecent, maxRecent, type RecentCall } from './recentCalls';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

const call = (number: string, at: number): RecentCall => ({
  number,
  name: '',
  direction: 'outgoing',
  at,
  seconds: 3,
  answered: true,
});

describe('recent calls', () => {
  it('puts the newest call first and keeps at most twenty, per extension', () => {
    const storage = memoryStorage();
    for (let i = 0; i < 25; i++) addRecent('2001', call(String(1000 + i), i), storage);
    const list = loadRecent('2001', storage);
    expect(list).toHaveLength(maxRecent);
    expect(list[0]?.number).toBe('1024');
    expect(loadRecent('2002', storage)).toEqual([]);
  });

  it('ignores stored garbage', () => {
    const storage = memoryStorage();
    storage.setItem('botpbx.phone.recent.2001', '{not json');
    expect(loadRecent('2001', storage)).toEqual([]);
    storage.setItem('botpbx.phone.recent.2001', JSON.stringify([{ number: 5 }, call('7', 1)]));
    expect(loadRecent('2001', storage).map((c) => c.number)).toEqual(['7']);
  });

  it('formats talk time', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});
