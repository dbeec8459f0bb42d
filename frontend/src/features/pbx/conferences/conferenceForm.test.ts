import { describe, expect, it } from 'vitest';
import { conferenceToInput, newConference, pinFromField, toConferenceRequest, type Conference } from './api';

const room: Conference = {
  id: 3,
  number: '800',
  name: 'Weekly',
  hasPin: true,
  hasAdminPin: false,
  maxMembers: 0,
  record: false,
  announceJoinLeave: true,
  mohClass: 'default',
};

describe('conference room form values', () => {
  it('edit a room with both PINs unchanged, since the API never shows them', () => {
    const input = conferenceToInput(room);
    expect(input.pin).toBeNull();
    expect(input.adminPin).toBeNull();
    expect(input).not.toHaveProperty('hasPin');
    expect(input).not.toHaveProperty('id');
  });

  it('treat an emptied PIN box as unchanged while editing, and as no PIN when creating', () => {
    expect(pinFromField(true, '')).toBeNull();
    expect(pinFromField(true, '4321')).toBe('4321');
    expect(pinFromField(false, '')).toBe('');
  });

  it('send unchanged PINs as null and trim typed ones', () => {
    const body = toConferenceRequest({ ...conferenceToInput(room), name: ' Weekly ', adminPin: ' 99 ' });
    expect(body).toMatchObject({ name: 'Weekly', pin: null, adminPin: '99' });
    expect(toConferenceRequest(newConference()).pin).toBe('');
  });
});
