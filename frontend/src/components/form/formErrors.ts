// Helpers that connect an API failure to a form: per-field messages go under their inputs, and everything the
// form cannot show next to a field (a conflict, an error on a field the form does not have) goes in a banner.
import { ApiError, errorMessage, type FieldErrors } from '../../api/errors';

export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/** The messages for one field; matching is case-insensitive on the first letter (`Email` and `email`). */
export function errorsFor(errors: FieldErrors, field: string): string[] {
  const direct = errors[field];
  if (direct) return direct;
  const wanted = field.toLowerCase();
  for (const [key, messages] of Object.entries(errors)) {
    if (key.toLowerCase() === wanted) return messages;
  }
  return [];
}

/**
 * The API words field messages as predicates of the field ("is required", "must be a valid e-mail address"), so
 * they read as a sentence after the field's label: "Email must be a valid e-mail address". A message that is
 * already a sentence (starts with a capital) is shown as it is.
 */
export function fieldMessage(label: string, message: string): string {
  const first = message.charAt(0);
  if (first !== '' && first === first.toLowerCase() && first !== first.toUpperCase()) return `${label} ${message}`;
  return message;
}

/**
 * The banner text for a failed submit, or null when every problem is already shown next to a field.
 * `fields` are the names the form renders.
 */
export function formBanner(error: unknown, fields: readonly string[]): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return errorMessage(error);
  const known = new Set(fields.map((f) => f.toLowerCase()));
  const entries = Object.entries(error.fieldErrors);
  if (entries.length === 0) return error.message;
  const unshown = entries.filter(([field]) => !known.has(field.toLowerCase()));
  if (unshown.length === 0) return null;
  return unshown
    .map(([field, messages]) => messages.map((message) => (field ? fieldMessage(field, message) : message)).join(' '))
    .join('\n');
}

/** Drops the error of a field once the user edits it, so stale messages do not linger. */
export function clearFieldError(errors: FieldErrors, field: string): FieldErrors {
  const wanted = field.toLowerCase();
  const next: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    if (key.toLowerCase() !== wanted) next[key] = messages;
  }
  return next;
}
