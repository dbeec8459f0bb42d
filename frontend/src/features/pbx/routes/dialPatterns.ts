// Asterisk dial patterns as outbound routes use them, so the form can show what a pattern matches before it is
// saved. Semantics from the Asterisk dialplan documentation ("Pattern matching"): X = 0-9, Z = 1-9, N = 2-9,
// [15-7] = one of the listed digits or ranges, "." = one or more further characters, "!" = zero or more.
// The route stores patterns with or without the leading "_"; the server adds it when missing.

type Token = { kind: 'set'; chars: Set<string> } | { kind: 'rest'; min: 0 | 1 };

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
}

/** Splits a pattern into one token per dialled character; null when a bracket is not closed. */
export function tokenize(pattern: string): Token[] | null {
  const body = pattern.startsWith('_') ? pattern.slice(1) : pattern;
  const tokens: Token[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    const upper = c.toUpperCase();
    if (upper === 'X') tokens.push({ kind: 'set', chars: new Set(range('0', '9')) });
    else if (upper === 'Z') tokens.push({ kind: 'set', chars: new Set(range('1', '9')) });
    else if (upper === 'N') tokens.push({ kind: 'set', chars: new Set(range('2', '9')) });
    else if (c === '.') tokens.push({ kind: 'rest', min: 1 });
    else if (c === '!') tokens.push({ kind: 'rest', min: 0 });
    else if (c === '[') {
      const close = body.indexOf(']', i + 1);
      if (close < 0) return null;
      const inside = body.slice(i + 1, close);
      const chars = new Set<string>();
      for (let j = 0; j < inside.length; j++) {
        if (inside[j + 1] === '-' && j + 2 < inside.length) {
          range(inside[j]!, inside[j + 2]!).forEach((d) => chars.add(d));
          j += 2;
        } else chars.add(inside[j]!);
      }
      tokens.push({ kind: 'set', chars });
      i = close;
    } else tokens.push({ kind: 'set', chars: new Set([c]) });
  }
  return tokens;
}

/** Whether a dialled number matches a pattern as a whole. */
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
