import type { ReactNode } from 'react';
import { errorMessage } from '../api/errors';
import { Alert } from './Alert';
import { Button } from './Button';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  /** The failure of the last attempt, shown inside the dialog (e.g. a 409 "cannot delete the last admin"). */
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?" for destructive or disruptive actions. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'danger',
  busy,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Modal
      open={open}
      title={title}
      onClose={busy ? () => undefined : onCancel}
      role="alertdialog"
      footer={
        <>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button variant={tone} onClick={onConfirm} busy={busy} data-autofocus>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div>{children}</div>
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
    </Modal>
  );
}
