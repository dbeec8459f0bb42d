import { describe, expect, it } from 'vitest';
import { describeHoliday, describeRange, newTimeCondition } from './schedule';

describe('schedules in words', () => {
  it('describes a weekly range with a day span or a single day', () => {
    expect(describeRange({ fromDay: 'mon', toDay: 'fri', start: '09:00', end: '17:00' })).toBe('Mon–Fri 09:00–17:00');
    expect(describeRange({ fromDay: 'sat', toDay: 'sat', start: '10:00', end: '14:00' })).toBe('Sat 10:00–14:00');
  });

  it('describes a holiday by day and month name', () => {
    expect(describeHoliday({ name: 'Christmas', month: 12, fromDay: 24, toDay: 26 })).toBe('24–26 December');
    expect(describeHoliday({ name: 'New year', month: 1, fromDay: 1, toDay: 1 })).toBe('1 January');
  });

  it('starts a new schedule with office hours in the given zone', () => {
    const condition = newTimeCondition('Europe/Berlin');
    expect(condition.timeZone).toBe('Europe/Berlin');
    expect(condition.ranges).toEqual([{ fromDay: 'mon', toDay: 'fri', start: '09:00', end: '17:00' }]);
  });
});
