import type { Id } from '../../../api/types';
import { crudApi } from '../shared/crudApi';

export interface Conference {
  id: Id;
  number: string;
  name: string;
  /** Digits callers must enter; empty = open room. */
  pin: string;
  /** Digits that join as the room's administrator; empty = none. */
  adminPin: string;
  /** 0 = no limit. */
  maxMembers: number;
  record: boolean;
  announceJoinLeave: boolean;
  mohClass: string;
}

export type ConferenceInput = Omit<Conference, 'id'>;

export const conferencesApi = crudApi<Conference, ConferenceInput>('/api/conferences', 'conferences');
