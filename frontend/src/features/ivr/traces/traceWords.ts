// How a recorded call is put into words for an office manager: the outcome of the run, the output a node left by
// ("Pressed 1", "Pressed nothing in time"), and durations. Handle ids are the server's NodeSpec names (see
// nodes/registry.ts); the outcomes are BotPbx.Ivr.Tracing.IvrRunOutcome in camelCase, as the trace store saves them.
import type { BadgeTone } from '../../../components/Badge';

const outcomes: Record<string, { label: string; tone: BadgeTone; explanation: string }> = {
  completed: { label: 'Completed', tone: 'success', explanation: 'The flow reached its end and hung up.' },
  handedOff: {
    label: 'Handed off',
    tone: 'success',
    explanation: 'The call went on to a transfer, voicemail or AI agent.',
  },
  callerHungUp: { label: 'Caller hung up', tone: 'neutral', explanation: 'The caller hung up during the flow.' },
  failed: { label: 'Failed', tone: 'danger', explanation: 'A node failed; the caller heard the fallback.' },
  loopGuard: {
    label: 'Stopped by loop guard',
    tone: 'danger',
    explanation: 'The call went round the flow too often and was stopped; the caller heard the fallback.',
  },
  notPublished: {
    label: 'Not published',
    tone: 'warning',
    explanation: 'The IVR had no published version; the caller heard the fallback.',
  },
  aborted: { label: 'Aborted', tone: 'warning', explanation: 'BotPBX shut down during the call.' },
};

/** The outcome badge of a call: a short label, its colour and one sentence of explanation. */
export function describeOutcome(outcome: string): { label: string; tone: BadgeTone; explanation: string } {
  return outcomes[outcome] ?? { label: outcome, tone: 'neutral', explanation: '' };
}

/** "320 ms", "2.4 s", "3 min 05 s"; a dash when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** How long the call spent in the IVR; null while it has no end (BotPBX stopped before writing it). */
export function callDurationMs(trace: { startedAt: string; endedAt: string | null }): number | null {
  if (!trace.endedAt) return null;
  const ms = Date.parse(trace.endedAt) - Date.parse(trace.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

const handOffTypes = new Set(['transfer', 'voicemail', 'aiAgent']);

/**
 * The output a node left by, in plain words. `optionLabel` is the label the canvas gives that output, when the
 * node is still drawn there (a menu option's name, a branch rule), so "Pressed 1 (Sales)" reads like the menu.
 */
export function describeHandle(handle: string | null, type: string, optionLabel?: string | null): string {
  if (handle === null) {
    if (type === 'hangup') return 'Hung up';
    if (handOffTypes.has(type)) return 'Handed the call over';
    if (type === 'goToIvr') return 'Went on in another IVR';
    return 'The call ended here';
  }
  const named = optionLabel ? ` (${optionLabel})` : '';
  if (handle.startsWith('digit-')) return `Pressed ${handle.slice('digit-'.length)}${named}`;
  if (handle.startsWith('rule-')) return `Matched the rule ${optionLabel ?? handle.slice('rule-'.length)}`;
  switch (handle) {
    case 'next':
      return type === 'dtmfInput' ? 'Entered digits' : 'Went on';
    case 'invalid':
      return 'Pressed a key that is not on the menu';
    case 'timeout':
      return 'Pressed nothing in time';
    case 'maxRetries':
      return 'Ran out of retries';
    case 'true':
      return 'Open hours';
    case 'false':
      return 'Closed (outside open hours or a holiday)';
    case 'success':
      return 'The request succeeded';
    case 'error':
      return 'The request failed';
    case 'else':
      return 'No rule matched';
    default:
      return handle;
  }
}
