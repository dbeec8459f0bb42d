import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { clearFieldError, errorsFor, fieldErrorsOf, fieldMessage, formBanner } from './formErrors';

const validation = (fieldErrors: Record<string, string[]>) =>
  new ApiError({ status: 422, code: 'validation_failed', message: 'Some fields need attention.', fieldErrors });

describe('form error helpers', () => {
  it('gives each field its own messages, whatever the case of the first letter', () => {
    const errors = fieldErrorsOf(validation({ Email: ['Taken'], name: ['Required'] }));
    expect(errorsFor(errors, 'email')).toEqual(['Taken']);
    expect(errorsFor(errors, 'name')).toEqual(['Required']);
    expect(errorsFor(errors, 'role')).toEqual([]);
  });

  it('has no field errors for anything but an ApiError', () => {
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
    expect(fieldErrorsOf(undefined)).toEqual({});
  });

  it('needs no banner when every message sits next to its field', () => {
    expect(formBanner(validation({ email: ['Taken'] }), ['name', 'email'])).toBeNull();
  });

  it('puts messages for fields the form does not show in the banner', () => {
    expect(formBanner(validation({ email: ['Taken'], tenant: ['is unknown'] }), ['email'])).toBe('tenant is unknown');
    expect(formBanner(validation({ email: ['Taken'], tenant: ['Unknown tenant'] }), ['email'])).toBe('Unknown tenant');
  });

  it('shows the message of a failure without field errors (a 409 conflict)', () => {
    const conflict = new ApiError({ status: 409, code: 'conflict', message: 'A user with this email already exists.' });
    expect(formBanner(conflict, ['email'])).toBe('A user with this email already exists.');
  });

  it('shows nothing before a failure', () => {
    expect(formBanner(null, ['email'])).toBeNull();
  });

  it('forgets one field error when that field is edited', () => {
    expect(clearFieldError({ email: ['Taken'], name: ['Required'] }, 'Email')).toEqual({ name: ['Required'] });
  });
});

describe('fieldMessage', () => {
  it('reads a predicate after the label', () => {
    expect(fieldMessage('Email', 'must be a valid e-mail address')).toBe('Email must be a valid e-mail address');
    expect(fieldMessage('Name', 'is required')).toBe('Name is required');
  });

  it('keeps a full sentence as it is', () => {
    expect(fieldMessage('Email', 'A user with this e-mail address already exists.')).toBe(
      'A user with this e-mail address already exists.',
    );
    expect(fieldMessage('Port', '5060 is taken')).toBe('5060 is taken');
  });
});
