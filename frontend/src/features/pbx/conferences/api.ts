import type { Id } from '../../../api/types';
import { crudApi } from '../shared/crudApi';

/** A conference room as the API shows it: both PINs are write-only, like trunk passwords. */
export interface Conference {
  id: Id;
  number: string;
  name: string;
  /** Callers must type a PIN to join. */
  hasPin: boolean;
  /** A host PIN is set (joins as the room's administrator). */
  hasAdminPin: boolean;
  /** 0 = no limit. */
  maxMembers: number;
  record: boolean;
  announceJoinLeave: boolean;
  mohClass: string;
}

/** The body of create and update: a PIN that is null keeps the current one, "" removes it. */
export type ConferenceInput = Omit<Conference, 'id' | 'hasPin' | 'hasAdminPin'> & {
  pin: string | null;
  adminPin: string | null;
};

export const conferencesApi = crudApi<Conference, ConferenceInput>('/api/conferences', 'conferences');

export function newConference(): ConferenceInput {
  return {
    number: '',
    name: '',
    pin: '',
    adminPin: '',
    maxMembers: 0,
    record: false,
    announceJoinLeave: true,
    mohClass: 'default',
  };
}

/** An existing room as form values: both PINs start as null, "unchanged". */
export function conferenceToInput(room: Conference): ConferenceInput {
  const { id: _id, hasPin: _hasPin, hasAdminPin: _hasAdminPin, ...rest } = room;
  return { ...rest, pin: null, adminPin: null };
}

/** What typing into a PIN box means: emptying it while editing goes back to "unchanged" (null). */
export function pinFromField(editing: boolean, value: string): string | null {
  return editing && value === '' ? null : value;
}

/** The request body: trimmed text; a PIN left unchanged stays null. */
export function toConferenceRequest(form: ConferenceInput): ConferenceInput {
  return {
    ...form,
    number: form.number.trim(),
    name: form.name.trim(),
    pin: form.pin === null ? null : form.pin.trim(),
    adminPin: form.adminPin === null ? null : form.adminPin.trim(),
  };
}
