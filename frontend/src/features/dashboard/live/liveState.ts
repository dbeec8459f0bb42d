import type { LiveCall, LiveDelta, LiveExtension, LiveQueue, LiveSnapshot } from './types';

/**
 * The dashboard's copy of the live model. A snapshot replaces everything; a delta newer than the snapshot is applied
 * on top. Deltas that arrive before the snapshot are kept and replayed after it (those the snapshot already holds,
 * by version, are dropped), so nothing is lost between subscribing and reading the snapshot.
 */
export interface LiveState {
  ready: boolean;
  version: number;
  connected: boolean;
  syncedAt: string | null;
  /** Server clock minus this browser's, in ms: durations tick with the server's time. */
  clockOffsetMs: number;
  calls: Record<string, LiveCall>;
  extensions: Record<string, LiveExtension>;
  queues: Record<string, LiveQueue>;
  pending: LiveDelta[];
}

export const emptyLiveState: LiveState = {
  ready: false,
  version: 0,
  connected: false,
  syncedAt: null,
  clockOffsetMs: 0,
  calls: {},
  extensions: {},
  queues: {},
  pending: [],
};

export type LiveAction =
  | { type: 'snapshot'; snapshot: LiveSnapshot; receivedAt: number }
  | { type: 'delta'; delta: LiveDelta }
  | { type: 'reset' };

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'reset':
      return { ...emptyLiveState };
    case 'snapshot': {
      const s = action.snapshot;
      let next: LiveState = {
        ready: true,
        version: s.version,
        connected: s.connected,
        syncedAt: s.syncedAt,
        clockOffsetMs: Date.parse(s.serverTime) - action.receivedAt,
        calls: byKey(s.calls, (c) => c.callId),
        extensions: byKey(s.extensions, (e) => e.extension),
        queues: byKey(s.queues, (q) => q.queue),
        pending: [],
      };
      for (const delta of state.pending) if (delta.version > s.version) next = apply(next, delta);
      return next;
    }
    case 'delta':
      if (!state.ready) return { ...state, pending: [...state.pending, action.delta] };
      if (action.delta.version <= state.version && action.delta.kind !== 'status') return state;
      return apply(state, action.delta);
  }
}

function apply(state: LiveState, delta: LiveDelta): LiveState {
  const version = Math.max(state.version, delta.version);
  switch (delta.kind) {
    case 'call':
      return { ...state, version, calls: { ...state.calls, [delta.call.callId]: delta.call } };
    case 'callEnded': {
      if (!(delta.callId in state.calls)) return { ...state, version };
      const calls = { ...state.calls };
      delete calls[delta.callId];
      return { ...state, version, calls };
    }
    case 'extension':
      return { ...state, version, extensions: { ...state.extensions, [delta.extension.extension]: delta.extension } };
    case 'queue':
      return { ...state, version, queues: { ...state.queues, [delta.queue.queue]: delta.queue } };
    case 'status':
      return { ...state, connected: delta.connected, syncedAt: delta.syncedAt };
  }
}

function byKey<T>(items: T[], key: (item: T) => string): Record<string, T> {
  const result: Record<string, T> = {};
  for (const item of items) result[key(item)] = item;
  return result;
}

/** Whole seconds from an ISO time to now (server clock), never negative. */
export function secondsSince(iso: string, nowMs: number, clockOffsetMs: number): number {
  return Math.max(0, Math.floor((nowMs + clockOffsetMs - Date.parse(iso)) / 1000));
}

/** 0:07, 4:05, 1:02:03 — a call timer. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
