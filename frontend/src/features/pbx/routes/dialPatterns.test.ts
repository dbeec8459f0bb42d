import { describe, expect, it } from 'vitest';
import { dialledNumber, matchesPattern, tokenize } from './dialPatterns';

describe('Asterisk dial patterns', () => {
  it('match N, X and Z by their digit ranges', () => {
    expect(matchesPattern('_NXXNXXXXXX', '5552345678')).toBe(true);
    expect(matchesPattern('_NXXNXXXXXX', '5551234567')).toBe(false); // the exchange starts with N too
    expect(matchesPattern('_NXXNXXXXXX', '1551234567')).toBe(false); // N is 2-9
    expect(matchesPattern('Z', '0')).toBe(false);
    expect(matchesPattern('Z', '7')).toBe(true);
  });

  it('need the whole number to match, without the dot', () => {
    expect(matchesPattern('NXXNXXXXXX', '55512345678')).toBe(false);
    expect(matchesPattern('NXXNXXXXXX', '555123456')).toBe(false);
  });

  it('treat "." as one or more and "!" as zero or more further characters', () => {
    expect(matchesPattern('_9.', '95551234')).toBe(true);
    expect(matchesPattern('_9.', '9')).toBe(false);
    expect(matchesPattern('_9!', '9')).toBe(true);
  });

  it('read character classes with ranges', () => {
    expect(matchesPattern('_[2-4]11', '311')).toBe(true);
    expect(matchesPattern('_[2-4]11', '511')).toBe(false);
    expect(matchesPattern('_[15-7]', '6')).toBe(true);
    expect(tokenize('_[12')).toBeNull();
  });

  it('match literal characters such as +', () => {
    expect(matchesPattern('+.', '+4930123456')).toBe(true);
    expect(matchesPattern('911', '911')).toBe(true);
  });

  it('strip, then prepend, to get what the trunk dials', () => {
    expect(dialledNumber('95551234567', 1, '+1')).toBe('+15551234567');
    expect(dialledNumber('5551234', 0, '')).toBe('5551234');
  });
});
