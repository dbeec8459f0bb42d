// Server validation errors for nested forms. The API keys messages by path (`voicemail.pin`, `members[0].penalty`,
// `patterns[1]`); these helpers pick the messages for one input, drop them when it is edited, and decide what still
// needs the form's banner because no input shows it.
import { ApiError, errorMessage, type FieldErrors } from '../../../api/errors';
import { errorsFor, fieldMessage } from '../../../components/form/formErrors';

export { errorsFor };

/** Whether `key` is `path` itself or lies below it (`members` covers `members[0].penalty`). */
export function isUnder(key: string, path: string): boolean {
  const k = key.toLowerCase();
  const p = path.toLowerCase();
  return k === p || k.startsWith(`${p}.`) || k.startsWith(`${p}[`);
}

/** Drops every message at or below `path`, once the person edits that part of the form. */
export function clearErrorsUnder(errors: FieldErrors, path: string): FieldErrors {
  const next: FieldErrors = {};
  let changed = false;
  for (const [key, messages] of Object.entries(errors)) {
    if (isUnder(key, path)) changed = true;
    else next[key] = messages;
  }
  return changed ? next : errors;
}

/**
 * The banner text after a failed save, or null when every message sits next to an input. `shown` lists the exact
 * paths the form renders (`name`, `members[0].penalty`) and the lists whose items it renders (`members[]` marks
 * every `members[i]…` key as shown by a row).
 */
export function bannerFor(error: unknown, shown: readonly string[]): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return errorMessage(error);
  const entries = Object.entries(error.fieldErrors);
  if (entries.length === 0) return error.message;
  const exact = new Set(shown.filter((s) => !s.endsWith('[]')).map((s) => s.toLowerCase()));
  const lists = shown.filter((s) => s.endsWith('[]')).map((s) => s.slice(0, -2).toLowerCase());
  const unshown = entries.filter(([key]) => {
    const k = key.toLowerCase();
    return !exact.has(k) && !lists.some((list) => k.startsWith(`${list}[`));
  });
  if (unshown.length === 0) return null;
  return unshown.map(([key, messages]) => messages.map((m) => (key ? fieldMessage(key, m) : m)).join(' ')).join('\n');
}
