// Why the "Call it from the browser" button cannot dial, or null when it can: kept apart from the component so the
// rules are tested without a browser phone.
import type { PhoneContextValue } from '../phone/PhoneProvider';

export function reasonNotCallable(number: string | null, phone: PhoneContextValue | null): string | null {
  if (!number) return 'The agent has no internal number yet, so no phone can dial it.';
  if (!phone || phone.availability.state === 'loading') return 'The browser phone is starting.';
  if (phone.availability.state === 'unavailable') return phone.availability.reason;
  if (phone.snapshot?.registration !== 'registered') return 'The browser phone is not connected.';
  return null;
}
