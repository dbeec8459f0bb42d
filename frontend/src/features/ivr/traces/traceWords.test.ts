import { describe, expect, it } from 'vitest';
import { callDurationMs, describeHandle, describeOutcome, formatDuration } from './traceWords';

describe('describeOutcome', () => {
  it('names every outcome the interpreter records, with a colour that says whether it went well', () => {
    expect(describeOutcome('completed')).toMatchObject({ label: 'Completed', tone: 'success' });
    expect(describeOutcome('handedOff')).toMatchObject({ label: 'Handed off', tone: 'success' });
    expect(describeOutcome('callerHungUp')).toMatchObject({ label: 'Caller hung up', tone: 'neutral' });
    expect(describeOutcome('failed')).toMatchObject({ label: 'Failed', tone: 'danger' });
    expect(describeOutcome('loopGuard')).toMatchObject({ tone: 'danger' });
    expect(describeOutcome('notPublished')).toMatchObject({ label: 'Not published', tone: 'warning' });
    expect(describeOutcome('aborted')).toMatchObject({ label: 'Aborted', tone: 'warning' });
  });

  it('shows an outcome it does not know as it came, without an explanation', () => {
    expect(describeOutcome('somethingNew')).toEqual({ label: 'somethingNew', tone: 'neutral', explanation: '' });
  });
});

describe('formatDuration', () => {
  it('uses milliseconds below a second', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(12.6)).toBe('13 ms');
    expect(formatDuration(999)).toBe('999 ms');
  });

  it('uses seconds with one decimal below a minute, never rounding up to the next unit', () => {
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(2450)).toBe('2.4 s');
    expect(formatDuration(59_999)).toBe('59.9 s');
  });

  it('uses minutes and two-digit seconds from a minute on', () => {
    expect(formatDuration(60_000)).toBe('1 min 00 s');
    expect(formatDuration(185_400)).toBe('3 min 05 s');
  });

  it('shows a dash when the duration is unknown or impossible', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('callDurationMs', () => {
  it('is the time from the start of the run to its end', () => {
    expect(callDurationMs({ startedAt: '2026-11-21T08:00:00.000Z', endedAt: '2026-11-21T08:00:12.500Z' })).toBe(12_500);
  });

  it('is unknown while the run has no end, or when the end is before the start', () => {
    expect(callDurationMs({ startedAt: '2026-11-21T08:00:00Z', endedAt: null })).toBeNull();
    expect(callDurationMs({ startedAt: '2026-11-21T08:00:10Z', endedAt: '2026-11-21T08:00:00Z' })).toBeNull();
  });
});

describe('describeHandle', () => {
  it('says which key was pressed on a menu, with the option name when the canvas has one', () => {
    expect(describeHandle('digit-1', 'menu')).toBe('Pressed 1');
    expect(describeHandle('digit-#', 'menu', 'Sales')).toBe('Pressed # (Sales)');
  });

  it('words the menu outcomes that are not a choice', () => {
    expect(describeHandle('invalid', 'menu')).toBe('Pressed a key that is not on the menu');
    expect(describeHandle('timeout', 'menu')).toBe('Pressed nothing in time');
    expect(describeHandle('maxRetries', 'menu')).toBe('Ran out of retries');
  });

  it('words the outcomes of logic nodes', () => {
    expect(describeHandle('true', 'timeCondition')).toBe('Open hours');
    expect(describeHandle('false', 'timeCondition')).toBe('Closed (outside open hours or a holiday)');
    expect(describeHandle('success', 'httpRequest')).toBe('The request succeeded');
    expect(describeHandle('error', 'httpRequest')).toBe('The request failed');
    expect(describeHandle('rule-r1', 'branch')).toBe('Matched the rule r1');
    expect(describeHandle('rule-r1', 'branch', 'CUSTOMER_TYPE equals vip')).toBe(
      'Matched the rule CUSTOMER_TYPE equals vip',
    );
    expect(describeHandle('else', 'branch')).toBe('No rule matched');
  });

  it('tells "next" apart for a digit collector', () => {
    expect(describeHandle('next', 'playMessage')).toBe('Went on');
    expect(describeHandle('next', 'dtmfInput')).toBe('Entered digits');
  });

  it('says how the call left the flow at a node without an output', () => {
    expect(describeHandle(null, 'hangup')).toBe('Hung up');
    expect(describeHandle(null, 'transfer')).toBe('Handed the call over');
    expect(describeHandle(null, 'voicemail')).toBe('Handed the call over');
    expect(describeHandle(null, 'goToIvr')).toBe('Went on in another IVR');
    expect(describeHandle(null, 'menu')).toBe('The call ended here');
  });

  it('shows an output it does not know by its id', () => {
    expect(describeHandle('somewhere', 'menu')).toBe('somewhere');
  });
});
