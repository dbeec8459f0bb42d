import { Button } from '../../../components/Button';
import { Modal } from '../../../components/Modal';
import { SecretReveal } from '../../../components/SecretReveal';

/** Shows a SIP password once (after create, reveal or regenerate) with a copy button. */
export function SecretDialog({
  open,
  title,
  intro,
  secret,
  onClose,
}: {
  open: boolean;
  title: string;
  intro: string;
  secret: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <p>{intro}</p>
      <SecretReveal label="SIP password" value={secret} />
    </Modal>
  );
}
