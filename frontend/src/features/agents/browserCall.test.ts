import { describe, expect, it } from 'vitest';
import type { PhoneContextValue } from '../phone/PhoneProvider';
import type { SipPhone } from '../phone/sipPhone';
import { reasonNotCallable } from './browserCall';

const phone = (overrides: Partial<PhoneContextValue>): PhoneContextValue => ({
  availability: { state: 'ready', phone: {} as SipPhone },
  snapshot: null,
  open: false,
  setOpen: () => {},
  call: () => 'call-1',
  ...overrides,
});

describe('reasonNotCallable', () => {
  it('says what is missing before the agent can be called from the browser', () => {
    expect(reasonNotCallable(null, phone({}))).toMatch(/no internal number/);
    expect(reasonNotCallable('7001', null)).toMatch(/starting/);
    expect(reasonNotCallable('7001', phone({ availability: { state: 'unavailable', reason: 'No extension with WebRTC is yours.' } }))).toBe(
      'No extension with WebRTC is yours.',
    );
    expect(reasonNotCallable('7001', phone({}))).toMatch(/not connected/);
  });

  it('lets a registered browser phone dial an agent that has a number', () => {
    const registered = phone({ snapshot: { registration: 'registered' } as PhoneContextValue['snapshot'] });
    expect(reasonNotCallable('7001', registered)).toBeNull();
  });
});
