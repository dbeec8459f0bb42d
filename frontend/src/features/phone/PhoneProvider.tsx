// Holds the signed-in user's browser phone for the whole session (every page): fetches its credentials, registers,
// and renders the remote audio of each call plus the docked panel and the incoming-call pop-up.
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api/errors';
import { phoneApi } from './api';
import type { PhoneSnapshot, SipPhone } from './sipPhone';

export type PhoneAvailability =
  { state: 'loading' } | { state: 'unavailable'; reason: string } | { state: 'ready'; phone: SipPhone };

export interface PhoneContextValue {
  availability: PhoneAvailability;
  snapshot: PhoneSnapshot | null;
  /** Whether the docked panel is open. */
  open: boolean;
  setOpen: (open: boolean) => void;
  /** Dials from anywhere (click-to-call); opens the panel. Throws when there is no phone or the number is not dialable. */
  call: (number: string) => string;
}

const PhoneContext = createContext<PhoneContextValue | null>(null);

const emptySubscribe = () => () => {};
const noSnapshot = () => null;

export function PhoneProvider({ children }: { children: ReactNode }) {
  const [availability, setAvailability] = useState<PhoneAvailability>({ state: 'loading' });
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let phone: SipPhone | null = null;
    let cancelled = false;
    phoneApi
      .credentials()
      // The JsSIP engine is loaded only for users who have a browser phone.
      .then(async (credentials) => {
        const { SipPhone } = await import('./sipPhone');
        if (cancelled) return;
        phone = new SipPhone(credentials);
        phone.start();
        setAvailability({ state: 'ready', phone });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const reason =
          error instanceof ApiError && (error.status === 404 || error.status === 409)
            ? error.message
            : `The browser phone could not start: ${errorMessage(error)}`;
        setAvailability({ state: 'unavailable', reason });
      });
    return () => {
      cancelled = true;
      phone?.stop();
    };
  }, []);

  const phone = availability.state === 'ready' ? availability.phone : null;
  const snapshot = useSyncExternalStore(phone?.subscribe ?? emptySubscribe, phone?.getSnapshot ?? noSnapshot);

  const value = useMemo<PhoneContextValue>(
    () => ({
      availability,
      snapshot,
      open,
      setOpen,
      call: (number: string) => {
        if (!phone)
          throw new Error(
            availability.state === 'unavailable' ? availability.reason : 'The browser phone is starting.',
          );
        const id = phone.dial(number);
        setOpen(true);
        return id;
      },
    }),
    [availability, snapshot, open, phone],
  );

  return (
    <PhoneContext.Provider value={value}>
      {children}
      {snapshot &&
        Object.entries(snapshot.streams).map(([id, stream]) => (
          <RemoteAudio
            key={id}
            callId={id}
            remote={snapshot.calls.find((c) => c.id === id)?.remote ?? ''}
            stream={stream}
          />
        ))}
    </PhoneContext.Provider>
  );
}

/** The other party's voice. data-phone-remote(-number) lets tests find it and measure what the browser hears. */
function RemoteAudio({ callId, remote, stream }: { callId: string; remote: string; stream: MediaStream }) {
  return (
    <audio
      data-phone-remote={callId}
      data-phone-remote-number={remote}
      autoPlay
      ref={(element) => {
        if (element && element.srcObject !== stream) element.srcObject = stream;
      }}
    />
  );
}

export function usePhone(): PhoneContextValue {
  const value = useContext(PhoneContext);
  if (!value) throw new Error('usePhone used outside <PhoneProvider>');
  return value;
}

/** For components that may render outside the provider (tests, pages without the shell): null there. */
export function useOptionalPhone(): PhoneContextValue | null {
  return useContext(PhoneContext);
}
