import { describe, expect, it } from 'vitest';
import { formatDuration, hangupCauseText, hourLabel } from './format';

describe('call formatting', () => {
  it('shows durations as m:ss, or h:mm:ss from an hour on', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('—');
  });

  it('names the common hang-up causes and keeps unknown ones as numbers', () => {
    expect(hangupCauseText('16')).toBe('Normal hang-up (16)');
    expect(hangupCauseText('99')).toBe('Cause 99');
    expect(hangupCauseText(null)).toBe('—');
  });

  it('labels hours with two digits', () => {
    expect(hourLabel(0)).toBe('00');
    expect(hourLabel(13)).toBe('13');
  });
});
