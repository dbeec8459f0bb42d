import { useEffect, useState } from 'react';
import type { FieldErrors } from '../../../api/errors';
import { fieldErrorsOf } from '../../../components/form/formErrors';
import { clearErrorsUnder } from './fieldErrors';

/**
 * The state of a create/edit drawer: the form values, the server's field errors and the last failure. It starts
 * over from `initial()` whenever `resetKey` changes (the drawer opens for another object). Editing a field clears
 * the messages at and below its path.
 */
export function useEntityForm<T>(resetKey: unknown, initial: () => T) {
  const [form, setForm] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    setForm(initial());
    setErrors({});
    setFailure(null);
    // `initial` is a fresh closure each render; only a new target should reset the form.
  }, [resetKey]);

  /** A setter for one top-level field that clears that field's messages. */
  const set =
    <K extends keyof T>(key: K) =>
    (value: T[K]) => {
      setForm((current) => ({ ...current, [key]: value }));
      setErrors((current) => clearErrorsUnder(current, String(key)));
    };

  /** Runs a save; on failure keeps the field errors for the inputs and the error for the banner. */
  const run = async (save: () => Promise<void>) => {
    setFailure(null);
    try {
      await save();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(error);
    }
  };

  return { form, setForm, set, errors, setErrors, failure, run };
}
