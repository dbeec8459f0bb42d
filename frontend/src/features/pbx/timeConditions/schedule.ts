// Wording and defaults of business-hours schedules.
import type { Holiday, TimeConditionInput, WeekDay, WeeklyRange } from './api';

export const weekDays: readonly { value: WeekDay; label: string; short: string }[] = [
  { value: 'mon', label: 'Monday', short: 'Mon' },
  { value: 'tue', label: 'Tuesday', short: 'Tue' },
  { value: 'wed', label: 'Wednesday', short: 'Wed' },
  { value: 'thu', label: 'Thursday', short: 'Thu' },
  { value: 'fri', label: 'Friday', short: 'Fri' },
  { value: 'sat', label: 'Saturday', short: 'Sat' },
  { value: 'sun', label: 'Sunday', short: 'Sun' },
];

export const months: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Monday to Friday, 9 to 5: what most offices start from. */
export function officeHours(): WeeklyRange {
  return { fromDay: 'mon', toDay: 'fri', start: '09:00', end: '17:00' };
}

export function newHoliday(): Holiday {
  return { name: '', month: 1, fromDay: 1, toDay: 1 };
}

export function newTimeCondition(timeZone: string): TimeConditionInput {
  return {
    name: '',
    timeZone,
    ranges: [officeHours()],
    holidays: [],
    open: { type: 'hangup' },
    closed: { type: 'hangup' },
  };
}

const short = (day: WeekDay) => weekDays.find((d) => d.value === day)?.short ?? day;

/** "Mon–Fri 09:00–17:00", "Sat 10:00–14:00". */
export function describeRange(range: WeeklyRange): string {
  const days = range.fromDay === range.toDay ? short(range.fromDay) : `${short(range.fromDay)}–${short(range.toDay)}`;
  return `${days} ${range.start}–${range.end}`;
}

/** "25 December", "24–26 December". */
export function describeHoliday(holiday: Holiday): string {
  const month = months[holiday.month - 1] ?? `month ${holiday.month}`;
  const days = holiday.fromDay === holiday.toDay ? `${holiday.fromDay}` : `${holiday.fromDay}–${holiday.toDay}`;
  return `${days} ${month}`;
}

/** The browser's own zone, the usual answer for a new schedule. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
