// What the browser phone may dial, kept apart from the JsSIP engine so pages can check a number without loading it.

/** What may be dialled: digits, *, # and a leading + — the dialplan checks again. */
export const dialable = /^\+?[0-9*#]{1,32}$/;

/** Drops the spaces, dots, dashes and brackets people write numbers with. */
export function normalizeNumber(text: string): string {
  return text.replace(/[\s().-]/g, '');
}
