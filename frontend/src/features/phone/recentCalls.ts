// The browser phone's recent calls: kept in this browser (localStorage), per extension, newest first, at most 20.
// The PBX's own call logs are the record; this list is the phone's convenience, like a desk phone's.
export interface RecentCall {
  number: string;
  name: string;
  direction: 'incoming' | 'outgoing';
  /** When the call started (ms since the epoch). */
  at: number;
  /** Talk time; 0 when not answered. */
  seconds: number;
  answered: boolean;
}

export const maxRecent = 20;

const key = (extension: string) => `botpbx.phone.recent.${extension}`;

function isRecent(value: unknown): value is RecentCall {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.number === 'string' &&
    typeof v.name === 'string' &&
    (v.direction === 'incoming' || v.direction === 'outgoing') &&
    typeof v.at === 'number' &&
    typeof v.seconds === 'number' &&
    typeof v.answered === 'boolean'
  );
}

export function loadRecent(extension: string, storage: Storage | undefined = globalThis.localStorage): RecentCall[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key(extension)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, maxRecent) : [];
  } catch {
    return [];
  }
}

/** Puts a call first, keeps at most {@link maxRecent}, stores the list and returns it. */
export function addRecent(
  extension: string,
  call: RecentCall,
  storage: Storage | undefined = globalThis.localStorage,
): RecentCall[] {
  const list = [call, ...loadRecent(extension, storage)].slice(0, maxRecent);
  try {
    storage?.setItem(key(extension), JSON.stringify(list));
  } catch {
    // A full or disabled storage only costs the history.
  }
  return list;
}

/** "2:05" for 125 seconds, "1:02:03" past an hour. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
