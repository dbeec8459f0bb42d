// The name dialog for creating and renaming an IVR; the server's field errors (a taken name) show under the input.
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/form/Field';
import { errorsFor, fieldErrorsOf, formBanner } from '../../../components/form/formErrors';
import { Modal } from '../../../components/Modal';

export function IvrNameDialog({
  open,
  title,
  submitLabel,
  initialName,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  initialName: string;
  busy: boolean;
  error: unknown;
  onSubmit: (name: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  useEffect(() => {
    if (open) setName(initialName);
  }, [open, initialName]);
  // A 409 means the name is taken: that belongs under the name field, not in a banner.
  const taken = error instanceof ApiError && error.status === 409;
  const banner = taken ? null : formBanner(error, ['name']);
  const nameErrors = taken ? [error.message] : errorsFor(fieldErrorsOf(error), 'name');
  const submit = () => onSubmit(name.trim());

  return (
    <Modal
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" busy={busy} disabled={name.trim() === ''} onClick={submit}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() !== '') submit();
        }}
      >
        <TextField
          label="Name"
          required
          maxLength={100}
          value={name}
          data-autofocus
          hint="For example “Main menu” or “After hours”."
          errors={nameErrors}
          onChange={setName}
        />
      </form>
      {banner && <Alert tone="error">{banner}</Alert>}
    </Modal>
  );
}
