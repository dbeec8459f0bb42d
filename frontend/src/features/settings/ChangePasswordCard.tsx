import { useState } from 'react';
import type { FieldErrors } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { FormStack, TextField } from '../../components/form/Field';
import { clearFieldError, errorsFor, fieldErrorsOf, formBanner } from '../../components/form/formErrors';
import { useToast } from '../../components/Toasts';
import { useChangePassword } from './api';
import { MIN_PASSWORD_LENGTH, validateNewPassword } from './passwordRules';
import styles from './SettingsPage.module.css';

const fields = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export function ChangePasswordCard() {
  const change = useChangePassword();
  const toast = useToast();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);

  const set = (key: (typeof fields)[number]) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const local = validateNewPassword(values.newPassword, values.confirmPassword);
    if (!values.currentPassword) local.currentPassword = ['Enter your current password.'];
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      setValues({ currentPassword: '', newPassword: '', confirmPassword: '' });
      setErrors({});
      toast.success('Your password was changed. Your other sessions were signed out.');
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(error);
    }
  };

  const banner = formBanner(failure, fields);

  return (
    <Card title="Your password" description="Changing it signs you out on every other device.">
      <form onSubmit={submit} noValidate className={styles.form}>
        <FormStack>
          {banner && <Alert tone="error">{banner}</Alert>}
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={set('currentPassword')}
            errors={errorsFor(errors, 'currentPassword')}
            required
          />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            errors={errorsFor(errors, 'newPassword')}
            required
          />
          <TextField
            label="Repeat new password"
            type="password"
            autoComplete="new-password"
            value={values.confirmPassword}
            onChange={set('confirmPassword')}
            errors={errorsFor(errors, 'confirmPassword')}
            required
          />
          <div>
            <Button type="submit" variant="primary" busy={change.isPending}>
              Change password
            </Button>
          </div>
        </FormStack>
      </form>
    </Card>
  );
}
