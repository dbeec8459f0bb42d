import { useEffect, useState } from 'react';
import type { FieldErrors } from '../../api/errors';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { CheckboxField, TextField } from '../../components/form/Field';
import { clearFieldError, errorsFor, fieldErrorsOf, formBanner } from '../../components/form/formErrors';
import { useToast } from '../../components/Toasts';
import { useSaveSipProtection, useSipProtection, type SipProtectionSettings } from './api';
import styles from './SipSecurityPage.module.css';

/** The form's values: numbers as typed, so a half-typed or empty field reaches the server's validation as it is. */
interface Values {
  enabled: boolean;
  maxFailures: string;
  windowSeconds: string;
  banSeconds: string;
  allowList: string[];
}

const numberFields = ['maxFailures', 'windowSeconds', 'banSeconds'] as const;

function toValues(settings: SipProtectionSettings): Values {
  return {
    enabled: settings.enabled,
    maxFailures: String(settings.maxFailures),
    windowSeconds: String(settings.windowSeconds),
    banSeconds: String(settings.banSeconds),
    allowList: [...settings.allowList],
  };
}

/** Empty rows are dropped; a number field that is not a whole number is sent as null and refused by the server. */
export function toSettings(values: Values): SipProtectionSettings {
  const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : (null as unknown as number));
  return {
    enabled: values.enabled,
    maxFailures: whole(values.maxFailures),
    windowSeconds: whole(values.windowSeconds),
    banSeconds: whole(values.banSeconds),
    allowList: values.allowList.map((entry) => entry.trim()).filter((entry) => entry !== ''),
  };
}

export function SipProtectionCard() {
  const settings = useSipProtection();
  const save = useSaveSipProtection();
  const toast = useToast();
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (settings.data && values === null) setValues(toValues(settings.data));
  }, [settings.data, values]);

  const setNumber = (key: (typeof numberFields)[number]) => (value: string) => {
    setValues((current) => (current ? { ...current, [key]: value } : current));
    setErrors((current) => clearFieldError(current, key));
  };

  const setEntry = (index: number, value: string) => {
    setValues((current) =>
      current ? { ...current, allowList: current.allowList.map((entry, i) => (i === index ? value : entry)) } : current,
    );
    setErrors((current) => clearFieldError(current, `allowList[${index}]`));
  };

  const removeEntry = (index: number) => {
    setValues((current) =>
      current ? { ...current, allowList: current.allowList.filter((_, i) => i !== index) } : current,
    );
    // The rows below move up, so their messages no longer belong to them.
    setErrors({});
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!values) return;
    setFailure(null);
    try {
      const saved = await save.mutateAsync(toSettings(values));
      setValues(toValues(saved));
      setErrors({});
      toast.success('SIP protection settings saved.');
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(error);
    }
  };

  const allowFields = values?.allowList.map((_, i) => `allowList[${i}]`) ?? [];
  const banner = formBanner(failure, ['enabled', ...numberFields, 'allowList', ...allowFields]);

  return (
    <Card title="Protection" description="When an address is banned, and which addresses never are.">
      {settings.error ? (
        <Alert tone="error" title="Settings could not be loaded">
          {errorMessage(settings.error)}
        </Alert>
      ) : !values ? (
        <p className={styles.muted}>Loading…</p>
      ) : (
        <form onSubmit={submit} noValidate className={styles.form}>
          {banner && <Alert tone="error">{banner}</Alert>}
          <CheckboxField
            label="Ban addresses that fail to sign in too often"
            checked={values.enabled}
            onChange={(enabled) => setValues({ ...values, enabled })}
            errors={errorsFor(errors, 'enabled')}
          />
          <div className={styles.numbers}>
            <TextField
              label="Failures"
              inputMode="numeric"
              value={values.maxFailures}
              onChange={setNumber('maxFailures')}
              errors={errorsFor(errors, 'maxFailures')}
            />
            <TextField
              label="Within (seconds)"
              inputMode="numeric"
              value={values.windowSeconds}
              onChange={setNumber('windowSeconds')}
              errors={errorsFor(errors, 'windowSeconds')}
            />
            <TextField
              label="Ban for (seconds)"
              inputMode="numeric"
              value={values.banSeconds}
              onChange={setNumber('banSeconds')}
              errors={errorsFor(errors, 'banSeconds')}
            />
          </div>
          <fieldset className={styles.allowList}>
            <legend>Never ban (allow-list)</legend>
            <p className={styles.muted}>
              Your office, your carriers, your VPN: one address (203.0.113.7) or range (198.51.100.0/24) per row.
            </p>
            {errorsFor(errors, 'allowList').map((message) => (
              <Alert key={message} tone="error">
                Allow-list {message}
              </Alert>
            ))}
            {values.allowList.map((entry, index) => (
              // Rows have no identity but their position; editing one never reorders them.
              <div key={index} className={styles.allowRow}>
                <TextField
                  label={`Allowed address ${index + 1}`}
                  value={entry}
                  onChange={(value) => setEntry(index, value)}
                  errors={errorsFor(errors, `allowList[${index}]`)}
                  spellCheck={false}
                  autoComplete="off"
                />
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  icon="trash"
                  className={styles.removeButton}
                  aria-label={`Remove allowed address ${index + 1}`}
                  title="Remove"
                  onClick={() => removeEntry(index)}
                />
              </div>
            ))}
            <div>
              <Button
                type="button"
                size="sm"
                icon="plus"
                onClick={() => setValues({ ...values, allowList: [...values.allowList, ''] })}
              >
                Add address
              </Button>
            </div>
          </fieldset>
          <div>
            <Button type="submit" variant="primary" busy={save.isPending}>
              Save protection settings
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
