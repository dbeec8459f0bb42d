import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { extensionLabel, useRegenerateSecret, useRevealSecret, type Extension } from './api';
import { SecretDialog } from './SecretDialog';

export type SecretAction = { kind: 'reveal' | 'regenerate'; extension: Extension };

/**
 * Reveal and regenerate are explicit, confirmed actions: the password is not part of any list or form, and the
 * server records who looked at it.
 */
export function SipSecretActions({ action, onDone }: { action: SecretAction | null; onDone: () => void }) {
  const reveal = useRevealSecret();
  const regenerate = useRegenerateSecret();
  const [shown, setShown] = useState<{ title: string; intro: string; secret: string } | null>(null);
  const label = action ? extensionLabel(action.extension) : '';
  const revealing = action?.kind === 'reveal';
  const mutation = revealing ? reveal : regenerate;

  const confirm = async () => {
    if (!action) return;
    try {
      const { secret } = await mutation.mutateAsync(action.extension.id);
      setShown(
        revealing
          ? { title: 'SIP password', intro: `The SIP password of ${label}.`, secret }
          : {
              title: 'New SIP password',
              intro: `Phones of ${label} must be given this new password; the old one no longer works once applied.`,
              secret,
            },
      );
      onDone();
    } catch {
      // Shown inside the dialog.
    }
  };

  return (
    <>
      <ConfirmDialog
        open={action !== null}
        title={revealing ? 'Reveal SIP password?' : 'Generate a new SIP password?'}
        confirmLabel={revealing ? 'Reveal password' : 'Generate new password'}
        tone={revealing ? 'primary' : 'danger'}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={() => void confirm()}
        onCancel={() => {
          mutation.reset();
          onDone();
        }}
      >
        {revealing
          ? `The SIP password of ${label} will be shown on screen. This is recorded in the audit log.`
          : `${label} gets a new SIP password. Its phones stop signing in until they are given the new one.`}
      </ConfirmDialog>
      <SecretDialog
        open={shown !== null}
        title={shown?.title ?? ''}
        intro={shown?.intro ?? ''}
        secret={shown?.secret ?? ''}
        onClose={() => setShown(null)}
      />
    </>
  );
}
