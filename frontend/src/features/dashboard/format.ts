import type { AmiState, ListenerStatus } from '../../api/types';
import type { BadgeTone } from '../../components/Badge';

/** "3 days 4 h", "2 h 5 min", "45 s" — the two largest units are enough to read at a glance. */
export function formatUptime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds % 60} s`;
  return `${seconds} s`;
}

export const amiStateView: Record<AmiState, { label: string; tone: BadgeTone; help: string }> = {
  connected: { label: 'Connected', tone: 'success', help: 'BotPBX is talking to Asterisk.' },
  connecting: { label: 'Connecting', tone: 'warning', help: 'BotPBX is connecting to Asterisk.' },
  disconnected: {
    label: 'Disconnected',
    tone: 'danger',
    help: 'BotPBX lost its connection to Asterisk and keeps retrying. Calls may not be handled.',
  },
  not_configured: {
    label: 'Not configured',
    tone: 'neutral',
    help: 'No Asterisk connection is configured yet.',
  },
};

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Listening on 127.0.0.1:4573 · 2 calls" or "Off". */
export function listenerText(listener: ListenerStatus): string {
  if (!listener.enabled || !listener.listening) return 'Off';
  const calls = listener.activeSessions === 1 ? '1 call' : `${listener.activeSessions} calls`;
  return `Listening on ${listener.listening} · ${calls}`;
}
