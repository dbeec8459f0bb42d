import type { FormEvent, ReactNode } from 'react';
import { Button } from './Button';
import { Drawer } from './Drawer';

export interface FormDrawerProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  /** While saving, the drawer cannot be closed and its buttons say so. */
  busy: boolean;
  /** "Create queue", "Save changes"… */
  submitLabel: string;
  cancelLabel?: string;
  onClose: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/** The create/edit drawer every list page uses: a form with Cancel and a primary submit button. */
export function FormDrawer({
  open,
  title,
  description,
  busy,
  submitLabel,
  cancelLabel = 'Cancel',
  onClose,
  onSubmit,
  children,
}: FormDrawerProps) {
  return (
    <Drawer
      open={open}
      title={title}
      description={description}
      // Closing mid-save would drop the server's answer (and its field errors) on the floor.
      onClose={busy ? () => undefined : onClose}
      onSubmit={onSubmit}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            {submitLabel}
          </Button>
        </>
      }
    >
      {children}
    </Drawer>
  );
}
