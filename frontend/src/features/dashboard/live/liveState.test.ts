import { describe, expect, it } from 'vitest';
import { emptyLiveState, formatDuration, liveReducer, secondsSince } from './liveState';
import type { LiveCall, LiveSnapshot } from './types';

const call = (callId: string, state: LiveCall['state'] = 'ringing'): LiveCall => ({
  callId,
  from: '1001',
  fromName: '',
  to: '1002',
  direction: 'internal',
  state,
  startedAt: '2026-12-07T10:00:00Z',
  answeredAt: null,
  answeredBy: null,
  queue: null,
  extensions: ['1001'],
  channels: [],
});

const snapshot = (version: number, calls: LiveCall[]): LiveSnapshot => ({
  version,
  serverTime: '2026-12-07T10:00:05Z',
  connected: true,
  syncedAt: null,
  calls,
  extensions: [],
  queues: [],
});

describe('the live state', () => {
  it('keeps deltas that arrive before the snapshot and replays only the newer ones', () => {
    let state = liveReducer(emptyLiveState, { type: 'delta', delta: { kind: 'call', version: 4, call: call('a') } });
    state = liveReducer(state, { type: 'delta', delta: { kind: 'call', version: 6, call: call('b') } });
    state = liveReducer(state, {
      type: 'snapshot',
      snapshot: snapshot(5, [call('a', 'answered')]),
      receivedAt: Date.parse('2026-12-07T10:00:04Z'),
    });
    expect(state.calls.a?.state).toBe('answered');
    expect(Object.keys(state.calls).sort()).toEqual(['a', 'b']);
    expect(state.version).toBe(6);
    expect(state.clockOffsetMs).toBe(1000);
  });

  it('drops a call when it ends and ignores deltas older than what it holds', () => {
    let state = liveReducer(emptyLiveState, { type: 'snapshot', snapshot: snapshot(10, [call('a')]), receivedAt: 0 });
    state = liveReducer(state, { type: 'delta', delta: { kind: 'call', version: 9, call: call('a', 'answered') } });
    expect(state.calls.a?.state).toBe('ringing');
    state = liveReducer(state, { type: 'delta', delta: { kind: 'callEnded', version: 11, callId: 'a' } });
    expect(state.calls).toEqual({});
  });

  it('ticks durations with the server clock', () => {
    expect(secondsSince('2026-12-07T10:00:00Z', Date.parse('2026-12-07T10:00:03Z'), 2000)).toBe(5);
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(245)).toBe('4:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});

describe('a call whose caller waits in a queue', () => {
  it('reads as in queue, not talking, although the queue answered it', async () => {
    const { callPhase, waitingCallIds } = await import('./presence');
    const queued = { ...call('q'), state: 'answered' as const, queue: '605', answeredBy: '605' };
    const waiting = waitingCallIds([
      {
        queue: '605',
        name: 'Sales',
        callers: [{ uniqueid: 'q', callId: 'q', position: 1, callerIdNum: '1001', callerIdName: '', joinedAt: '' }],
        members: [],
        completed: 0,
        abandoned: 0,
        strategy: 'ringall',
        callsWaiting: 1,
        agentsAvailable: 0,
      },
    ]);
    expect(callPhase(queued, waiting).label).toBe('In queue');
    expect(callPhase({ ...queued, callId: 'other' }, waiting).label).toBe('Talking');
  });
});
