import { describe, expect, it } from 'vitest';
import { dialledNumber, isDialable, isValidPattern, matchesPattern, patternExamples, tokenize } from './dialPatterns';
// The cases the server's test runs too (tests/BotPbx.Telephony.Tests/Routing/DialPatternCasesTests.cs).
import shared from '../../../../../schemas/dial-pattern-cases.json';

type SharedCase = { pattern: string; valid: boolean; matches?: string[]; nonMatches?: string[] };

describe('the dial-pattern cases shared with the server', () => {
  const cases = shared.cases as SharedCase[];

  it('include [15-7], which both refuse', () => {
    expect(cases.some((c) => c.pattern === '[15-7]' && !c.valid)).toBe(true);
  });

  it.each(cases.map((c) => [JSON.stringify(c.pattern), c] as const))('%s', (_, c) => {
    expect(isValidPattern(c.pattern)).toBe(c.valid);
    for (const number of c.matches ?? [])
      expect(matchesPattern(c.pattern, number), `${c.pattern} ~ ${number}`).toBe(true);
    for (const number of c.nonMatches ?? [])
      expect(matchesPattern(c.pattern, number), `${c.pattern} !~ ${number}`).toBe(false);
    if (!c.valid) expect(tokenize(c.pattern)).toBeNull();
  });
});

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

  it('refuse character classes, as the server does', () => {
    expect(isValidPattern('_[2-4]11')).toBe(false);
    expect(matchesPattern('_[15-7]', '6')).toBe(false);
    expect(tokenize('_[12')).toBeNull();
  });

  it('offer only examples the server accepts', () => {
    for (const example of patternExamples) expect(isValidPattern(example.pattern), example.pattern).toBe(true);
  });

  it('match literal characters such as +', () => {
    expect(matchesPattern('+.', '+4930123456')).toBe(true);
    expect(matchesPattern('911', '911')).toBe(true);
  });

  it('call only digits, *, # and + dialable, as the dialplan does', () => {
    expect(isDialable('+4930123#*')).toBe(true);
    expect(isDialable('90111&PJSIP/2101')).toBe(false);
    expect(isDialable('9011 44')).toBe(false);
    expect(matchesPattern('9011.', '90111&PJSIP/2101')).toBe(true); // the pattern alone would take it
  });

  it('strip, then prepend, to get what the trunk dials', () => {
    expect(dialledNumber('95551234567', 1, '+1')).toBe('+15551234567');
    expect(dialledNumber('5551234', 0, '')).toBe('5551234');
  });
});
