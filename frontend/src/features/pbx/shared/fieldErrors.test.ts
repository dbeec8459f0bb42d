import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors';
import { bannerFor, clearErrorsUnder, isUnder } from './fieldErrors';

const invalid = (fieldErrors: Record<string, string[]>) =>
  new ApiError({ status: 422, code: 'validation_failed', message: 'Some fields need attention.', fieldErrors });

describe('isUnder', () => {
  it('matches the path itself, its properties and its items', () => {
    expect(isUnder('members', 'members')).toBe(true);
    expect(isUnder('members[0].penalty', 'members')).toBe(true);
    expect(isUnder('voicemail.pin', 'voicemail')).toBe(true);
    expect(isUnder('membersCount', 'members')).toBe(false);
  });
});

describe('clearErrorsUnder', () => {
  it('drops the edited part and keeps the rest', () => {
    const errors = { 'members[0].penalty': ['x'], name: ['y'] };
    expect(clearErrorsUnder(errors, 'members[0]')).toEqual({ name: ['y'] });
  });

  it('returns the same object when nothing was cleared, so React skips the update', () => {
    const errors = { name: ['y'] };
    expect(clearErrorsUnder(errors, 'number')).toBe(errors);
  });
});

describe('bannerFor', () => {
  it('is silent when every message is next to an input, including list rows', () => {
    const error = invalid({ name: ['is required'], 'members[3].penalty': ['must be 0 to 100'] });
    expect(bannerFor(error, ['name', 'members[]'])).toBeNull();
  });

  it('names the messages the form cannot place', () => {
    const error = invalid({ name: ['is required'], trunkIds: ['must hold at least one trunk'] });
    expect(bannerFor(error, ['name'])).toBe('trunkIds must hold at least one trunk');
  });

  it('shows the problem text for a conflict without field errors', () => {
    const error = new ApiError({ status: 409, code: 'conflict', message: 'Number 101 is already used by queue 3.' });
    expect(bannerFor(error, ['number'])).toBe('Number 101 is already used by queue 3.');
  });
});
