import { useEffect, useState } from 'react';
import type { FieldErrors } from '../../api/errors';
import { errorMessage } from '../../api/errors';
import type { CompanySettings } from '../../api/types';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { FormStack, SelectField, TextField } from '../../components/form/Field';
import { clearFieldError, errorsFor, fieldErrorsOf, formBanner } from '../../components/form/formErrors';
import { useToast } from '../../components/Toasts';
import { useCompanySettings, useSaveCompanySettings } from './api';
import { languageOptions } from './languages';
import { timeZoneOptions } from './timeZones';
import styles from './SettingsPage.module.css';

const fields = ['companyName', 'timeZone', 'language'] as const;

export function CompanySettingsCard() {
  const settings = useCompanySettings(true);
  const save = useSaveCompanySettings();
  const toast = useToast();
  const [values, setValues] = useState<CompanySettings | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (settings.data && values === null) setValues(settings.data);
  }, [settings.data, values]);

  const set = (key: keyof CompanySettings) => (value: string) => {
    setValues((current) => (current ? { ...current, [key]: value } : current));
    setErrors((current) => clearFieldError(current, key));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!values) return;
    setFailure(null);
    try {
      const saved = await save.mutateAsync({ ...values, companyName: values.companyName.trim() });
      setValues(saved);
      setErrors({});
      toast.success('Company settings saved.');
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(error);
    }
  };

  const banner = formBanner(failure, fields);

  return (
    <Card title="Company" description="Shown to your team and used for business hours and call times.">
      {settings.error ? (
        <Alert tone="error" title="Settings could not be loaded">
          {errorMessage(settings.error)}
        </Alert>
      ) : !values ? (
        <p className={styles.muted}>Loading…</p>
      ) : (
        <form onSubmit={submit} noValidate className={styles.form}>
          <FormStack>
            {banner && <Alert tone="error">{banner}</Alert>}
            <TextField
              label="Company name"
              value={values.companyName}
              onChange={set('companyName')}
              errors={errorsFor(errors, 'companyName')}
              required
            />
            <SelectField
              label="Time zone"
              value={values.timeZone}
              options={timeZoneOptions(values.timeZone).map((zone) => ({
                value: zone,
                label: zone.replaceAll('_', ' '),
              }))}
              onChange={set('timeZone')}
              hint="Used for time conditions, call logs and reports."
              errors={errorsFor(errors, 'timeZone')}
            />
            <SelectField
              label="Language"
              value={values.language}
              options={languageOptions(values.language)}
              onChange={set('language')}
              hint="The default language of prompts and AI agents."
              errors={errorsFor(errors, 'language')}
            />
            <div>
              <Button type="submit" variant="primary" busy={save.isPending}>
                Save company settings
              </Button>
            </div>
          </FormStack>
        </form>
      )}
    </Card>
  );
}
