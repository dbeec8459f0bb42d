import type { LiveCall, LiveQueue, LiveQueueMember, PresenceStatus } from './types';

/** Words and colours of each presence, shared by the board, the legend and the queue members. */
export const presenceView: Record<PresenceStatus, { label: string; className: string }> = {
  available: { label: 'Available', className: 'available' },
  ringing: { label: 'Ringing', className: 'ringing' },
  busy: { label: 'On a call', className: 'busy' },
  on_hold: { label: 'On hold', className: 'hold' },
  dnd: { label: 'Do not disturb', className: 'dnd' },
  unavailable: { label: 'Offline', className: 'offline' },
};

export const memberView: Record<LiveQueueMember['status'], { label: string; className: string }> = {
  available: { label: 'Ready', className: 'available' },
  in_call: { label: 'On a call', className: 'busy' },
  ringing: { label: 'Ringing', className: 'ringing' },
  busy: { label: 'Busy', className: 'busy' },
  unavailable: { label: 'Offline', className: 'offline' },
  paused: { label: 'Paused', className: 'hold' },
};

export const directionLabel: Record<LiveCall['direction'], string> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  internal: 'Internal',
};

/**
 * What the call is doing, in a word: waiting in a queue (the queue's application answered it, no agent yet), ringing,
 * or talking.
 */
export function callPhase(call: LiveCall, waiting: ReadonlySet<string>): { label: string; className: string } {
  if (waiting.has(call.callId)) return { label: 'In queue', className: 'hold' };
  if (call.state === 'answered') return { label: 'Talking', className: 'busy' };
  return { label: 'Ringing', className: 'ringing' };
}

/** Calls whose caller waits in a queue now. */
export function waitingCallIds(queues: LiveQueue[]): Set<string> {
  return new Set(queues.flatMap((q) => q.callers.map((c) => c.callId)));
}
