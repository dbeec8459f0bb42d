// Listen / Whisper / Barge for one live call (seed 003, "Call Monitoring"). Give it the agent's channel as Asterisk
// names it (PJSIP/2001-0000002a): BotPBX rings the supervisor's own phone — the browser phone when they have one —
// into ChanSpy on that channel. While the session runs the buttons switch its mode. Supervisors and admins only:
// for anyone else it renders nothing (the API refuses them too).
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/errors';
import { useCurrentUser } from '../../auth/AuthProvider';
import { hasRole } from '../../auth/roles';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toasts';
import {
  monitorModeHints,
  monitorModeLabels,
  monitorModes,
  phoneApi,
  type MonitorMode,
  type MonitorSession,
} from './api';
import styles from './SpyButtons.module.css';

export interface SpyButtonsProps {
  /** The agent's channel, e.g. PJSIP/2001-0000002a. */
  channel: string;
  /** "browser" or "phone"; left out, the server picks the browser phone when the supervisor has one. */
  device?: 'browser' | 'phone';
}

/** The API's own words: a refused field says why (e.g. "device: you have no extension…"). */
function refusal(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(', ')}`);
    if (fields.length > 0) return fields.join('; ');
  }
  return errorMessage(error);
}

export function SpyButtons({ channel, device }: SpyButtonsProps) {
  const user = useCurrentUser();
  const toast = useToast();
  const [session, setSession] = useState<MonitorSession | null>(null);
  const [pending, setPending] = useState<MonitorMode | 'stop' | null>(null);
  if (!hasRole(user.role, 'supervisor')) return null;

  const choose = async (mode: MonitorMode) => {
    setPending(mode);
    try {
      if (session) {
        setSession(await phoneApi.switchMode(session.id, mode));
      } else {
        toast.info(`Ringing your phone: answer it to ${monitorModeLabels[mode].toLowerCase()}.`);
        setSession(await phoneApi.startMonitor(channel, mode, device));
      }
    } catch (error) {
      toast.error(refusal(error));
      // A session whose call ended cannot switch any more: start afresh next time.
      if (session) setSession(null);
    } finally {
      setPending(null);
    }
  };

  const stop = async () => {
    if (!session) return;
    setPending('stop');
    try {
      await phoneApi.stopMonitor(session.id);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setSession(null);
      setPending(null);
    }
  };

  return (
    <div className={styles.group} role="group" aria-label={`Monitor ${channel}`}>
      {monitorModes.map((mode) => (
        <Button
          key={mode}
          size="sm"
          variant={session?.mode === mode ? 'primary' : 'secondary'}
          aria-pressed={session ? session.mode === mode : undefined}
          busy={pending === mode}
          disabled={pending !== null && pending !== mode}
          title={monitorModeHints[mode]}
          onClick={() => void choose(mode)}
        >
          {monitorModeLabels[mode]}
        </Button>
      ))}
      {session && (
        <Button size="sm" variant="danger" busy={pending === 'stop'} onClick={() => void stop()}>
          Stop
        </Button>
      )}
    </div>
  );
}
