// "Call it from the browser": dials the agent's internal number on the signed-in user's browser phone (JsSIP, the
// docked phone panel), so the user hears the real call pipeline — greeting, listening, answers, tools — without a desk phone.
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toasts';
import { useOptionalPhone } from '../phone/PhoneProvider';
import type { Agent } from './api';
import { reasonNotCallable } from './browserCall';
import styles from './agents.module.css';

export function BrowserCall({ agent }: { agent: Agent }) {
  const phone = useOptionalPhone();
  const toast = useToast();
  const why = reasonNotCallable(agent.number, phone);
  return (
    <div>
      <Button
        variant="primary"
        icon="phone"
        disabled={why !== null}
        aria-describedby="browser-call-why"
        onClick={() => {
          try {
            phone?.call(agent.number!);
          } catch (error) {
            toast.error(errorMessage(error));
          }
        }}
      >
        {agent.number ? `Call ${agent.name} (${agent.number})` : `Call ${agent.name}`}
      </Button>
      <p id="browser-call-why" className={styles.muted}>
        {why ?? (
          <>
            Rings the agent from your browser phone: its greeting, speech recognition, answers and tools run exactly as on
            a phone call. The call shows in the phone panel, where you hang up. The number works after the
            configuration is applied.
          </>
        )}
      </p>
      {!agent.number && (
        <p className={styles.muted}>
          <Link to={`/ai-agents/${agent.id}`}>Edit the agent</Link> to give it a number, then apply the configuration.
        </p>
      )}
    </div>
  );
}
