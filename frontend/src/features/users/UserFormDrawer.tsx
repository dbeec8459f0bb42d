import { useEffect, useState } from 'react';
import type { FieldErrors } from '../../api/errors';
import { ROLES, type CreatedUser, type Role, type User } from '../../api/types';
import { roleDescriptions, roleLabels } from '../../auth/roles';
import { Alert } from '../../components/Alert';
import { FormDrawer } from '../../components/FormDrawer';
import { CheckboxField, FormStack, SelectField, TextField } from '../../components/form/Field';
import { clearFieldError, errorsFor, fieldErrorsOf, formBanner } from '../../components/form/formErrors';
import { useCreateUser, useUpdateUser } from './api';

export type UserFormMode = { kind: 'create' } | { kind: 'edit'; user: User };

interface FormState {
  name: string;
  email: string;
  role: Role;
  password: string;
  disabled: boolean;
}

const fields = ['name', 'email', 'role', 'password', 'disabled'] as const;

function initialState(mode: UserFormMode): FormState {
  if (mode.kind === 'edit') {
    const { name, email, role, disabled } = mode.user;
    return { name, email, role, disabled, password: '' };
  }
  return { name: '', email: '', role: 'agent', password: '', disabled: false };
}

const roleOptions = ROLES.map((role) => ({ value: role, label: roleLabels[role] }));

export function UserFormDrawer({
  mode,
  onClose,
  onCreated,
  onSaved,
}: {
  mode: UserFormMode | null;
  onClose: () => void;
  onCreated: (user: CreatedUser) => void;
  onSaved: (user: User) => void;
}) {
  const create = useCreateUser();
  const update = useUpdateUser();
  const [form, setForm] = useState<FormState>(() => initialState(mode ?? { kind: 'create' }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);

  // A new target (another user, or create after edit) starts from a clean form.
  useEffect(() => {
    if (!mode) return;
    setForm(initialState(mode));
    setErrors({});
    setFailure(null);
  }, [mode]);

  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) => {
      setForm((current) => ({ ...current, [key]: value }));
      setErrors((current) => clearFieldError(current, key));
    };

  const busy = create.isPending || update.isPending;
  const editing = mode?.kind === 'edit';

  const submit = async () => {
    if (!mode) return;
    setFailure(null);
    try {
      if (mode.kind === 'create') {
        const created = await create.mutateAsync({
          name: form.name.trim(),
          email: form.email.trim(),
          role: form.role,
          password: form.password === '' ? undefined : form.password,
        });
        onCreated(created);
      } else {
        const saved = await update.mutateAsync({
          id: mode.user.id,
          input: { name: form.name.trim(), email: form.email.trim(), role: form.role, disabled: form.disabled },
        });
        onSaved(saved);
      }
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(error);
    }
  };

  const banner = formBanner(failure, fields);

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit user' : 'Add user'}
      description={editing ? mode.user.email : 'They sign in with their email address and password.'}
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create user'}
      onClose={onClose}
      onSubmit={submit}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <TextField label="Name" value={form.name} onChange={set('name')} errors={errorsFor(errors, 'name')} required />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={set('email')}
          errors={errorsFor(errors, 'email')}
          required
        />
        <SelectField
          label="Role"
          value={form.role}
          options={roleOptions}
          onChange={(value) => set('role')(value as Role)}
          hint={roleDescriptions[form.role]}
          errors={errorsFor(errors, 'role')}
          required
        />
        {!editing && (
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
            hint="Optional. Leave empty to generate a strong password you can copy once. At least 12 characters."
            errors={errorsFor(errors, 'password')}
          />
        )}
        {editing && (
          <CheckboxField
            label="Disabled"
            description="A disabled user cannot sign in; their sessions end."
            checked={form.disabled}
            onChange={set('disabled')}
            errors={errorsFor(errors, 'disabled')}
          />
        )}
      </FormStack>
    </FormDrawer>
  );
}
