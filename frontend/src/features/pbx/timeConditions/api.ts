import type { Id } from '../../../api/types';
import type { Destination } from '../../../components/DestinationPicker';
import { crudApi } from '../shared/crudApi';

export type WeekDay = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Open from `start` to `end` (HH:mm, 24 h) on the days `fromDay`..`toDay`. */
export interface WeeklyRange {
  fromDay: WeekDay;
  toDay: WeekDay;
  start: string;
  end: string;
}

/** Closed every year on days `fromDay`..`toDay` of `month` (Asterisk's GotoIfTime has no year). */
export interface Holiday {
  name: string;
  month: number;
  fromDay: number;
  toDay: number;
}

export interface TimeCondition {
  id: Id;
  name: string;
  timeZone: string;
  ranges: WeeklyRange[];
  holidays: Holiday[];
  open: Destination;
  closed: Destination;
}

export type TimeConditionInput = Omit<TimeCondition, 'id'>;

export const timeConditionsApi = crudApi<TimeCondition, TimeConditionInput>('/api/time-conditions', 'time-conditions');
