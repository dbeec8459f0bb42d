// Click-to-call for any number shown in the UI: <CallButton number="2001" /> dials it on the user's browser phone.
// Renders nothing when the user has no browser phone (or outside the phone provider), so pages can always add it.
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { useOptionalPhone } from './PhoneProvider';
import { dialable, normalizeNumber } from './dialing';
import styles from './CallButton.module.css';

export function CallButton({ number, label }: { number: string; label?: string }) {
  const phone = useOptionalPhone();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!phone || phone.availability.state !== 'ready' || !dialable.test(normalizeNumber(number))) return null;
  const ready = phone.snapshot?.registration === 'registered';
  return (
    <button
      type="button"
      className={styles.button}
      disabled={!ready || busy}
      title={ready ? `Call ${number}` : 'The browser phone is not connected'}
      aria-label={label ?? `Call ${number}`}
      onClick={(event) => {
        // Inside clickable rows (lists that open a drawer) the click is the call, not the row's.
        event.stopPropagation();
        setBusy(true);
        try {
          phone.call(number);
        } catch (error) {
          toast.error(errorMessage(error));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Icon name="phone" size={14} />
    </button>
  );
}

/** A hook for components that want their own control: returns a dialler, or null when there is no browser phone. */
export function useClickToCall(): ((number: string) => void) | null {
  const phone = useOptionalPhone();
  if (!phone || phone.availability.state !== 'ready') return null;
  return (number: string) => void phone.call(number);
}
