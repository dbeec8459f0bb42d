// Asterisk dial patterns as outbound routes use them, so the form can show what a pattern matches before it is
// saved. Semantics from the Asterisk dialplan documentation ("Pattern matching"): X = 0-9, Z = 1-9, N = 2-9 (either
// case), "." = one or more further characters, "!" = zero or more. The route stores patterns with or without the
// leading "_"; the server adds it when missing. Bracket classes such as [15-7] are not accepted: the server refuses
// them ([ and ] are config syntax), so the builder does too. schemas/dial-pattern-cases.json holds the cases that this
// file's tests and the server's (Rules.DialPattern, Routing/DialPattern.cs) both run.

type Token = { kind: 'set'; chars: Set<string> } | { kind: 'rest'; min: 0 | 1 };

/** The server's rule (Rules.DialPattern): the same expression, anchored at both ends; at most 64 characters. */
const validPattern = /^_?(?:\+[0-9XNZxnz*#]{0,61}|[0-9XNZxnz*#]{1,62})[.!]?$/;

/** Whether the server will accept this pattern. */
export function isValidPattern(pattern: string): boolean {
  return validPattern.test(pattern);
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
}

/** Splits a valid pattern into one token per dialled character; null when the pattern is not valid. */
export function tokenize(pattern: string): Token[] | null {
  if (!isValidPattern(pattern)) return null;
  const body = pattern.startsWith('_') ? pattern.slice(1) : pattern;
  const tokens: Token[] = [];
  for (const c of body) {
    const upper = c.toUpperCase();
    if (upper === 'X') tokens.push({ kind: 'set', chars: new Set(range('0', '9')) });
    else if (upper === 'Z') tokens.push({ kind: 'set', chars: new Set(range('1', '9')) });
    else if (upper === 'N') tokens.push({ kind: 'set', chars: new Set(range('2', '9')) });
    else if (c === '.') tokens.push({ kind: 'rest', min: 1 });
    else if (c === '!') tokens.push({ kind: 'rest', min: 0 });
    else tokens.push({ kind: 'set', chars: new Set([c]) });
  }
  return tokens;
}

/** Whether a dialled number matches a pattern as a whole; never for a pattern the server would refuse. */
export function matchesPattern(pattern: string, number: string): boolean {
  const tokens = tokenize(pattern);
  if (!tokens || number === '') return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'rest') return number.length - i >= token.min;
    const c = number[i];
    if (c === undefined || !token.chars.has(c)) return false;
  }
  return number.length === tokens.length;
}

/**
 * The dialplan's dialable-characters rule (docs/pbx/rendering.md): a dialled string with anything but digits, *, # and
 * + is refused before any Dial, even when a pattern's "." would match it.
 */
export function isDialable(number: string): boolean {
  return /^[0-9*#+]*$/.test(number);
}

/** What the trunk is asked to dial: `strip` digits off the front, then `prepend` added. */
export function dialledNumber(number: string, strip: number, prepend: string): string {
  return prepend + number.slice(Math.max(0, strip));
}

/** Ready-made patterns with what they mean, for the form's examples. */
export const patternExamples: readonly { pattern: string; meaning: string }[] = [
  { pattern: 'NXXNXXXXXX', meaning: '10-digit North American numbers (5552345678)' },
  { pattern: '1NXXNXXXXXX', meaning: '11-digit North American numbers with the leading 1' },
  { pattern: '9.', meaning: 'Anything after a 9 (dial 9 for an outside line; strip 1 digit)' },
  { pattern: '011.', meaning: 'International calls from North America' },
  { pattern: '00.', meaning: 'International calls from most other countries' },
  { pattern: '+.', meaning: 'Numbers dialled in +E.164 form' },
];
