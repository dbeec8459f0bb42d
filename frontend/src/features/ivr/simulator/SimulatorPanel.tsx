// Test an IVR without a phone: start a simulated call of the saved draft, press keys on the on-screen keypad, hear
// the synthesized prompts, and follow the path and the variables; the canvas highlights where the call is.
import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { SelectField, TextField } from '../../../components/form/Field';
import { errorMessage } from '../../../api/errors';
import type { Id } from '../../../api/types';
import { useIvrVersions, type SimulationEvent } from '../api';
import { isNodeType, specOf } from '../nodes/registry';
import { PromptPlayer } from './PromptPlayer';
import type { useSimulation } from './useSimulation';
import styles from './Simulator.module.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

const outcomes: Record<string, string> = {
  completed: 'The flow ended and hung up',
  handedOff: 'The call was handed off',
  callerHungUp: 'You hung up',
  failed: 'A node failed: the caller heard the fallback',
  loopGuard: 'The loop guard stopped the call',
  notPublished: 'Not published',
  aborted: 'Aborted',
};

function describeEvent(event: SimulationEvent): string {
  const file = event.file?.split('/').pop();
  switch (event.kind) {
    case 'answer':
      return 'Call answered';
    case 'play':
      return `Prompt played${file ? ` (${file})` : ''}`;
    case 'dtmf':
      return `You pressed ${event.detail ?? ''}`;
    case 'timeout':
      return `Nothing pressed: ${event.detail ?? 'timeout'}`;
    case 'sayDigits':
      return `Says the digits ${event.detail ?? ''}`;
    case 'sayNumber':
      return `Says the number ${event.detail ?? ''}`;
    case 'transfer':
      return `Transferred to ${event.detail ?? ''}`;
    case 'hangup':
      return 'Hung up';
    case 'callerHangup':
      return 'You hung up';
    default:
      return `${event.kind}${event.detail ? `: ${event.detail}` : ''}`;
  }
}

export function SimulatorPanel({
  ivrId,
  sim,
  nodeLabel,
  prepare,
}: {
  ivrId: Id;
  sim: ReturnType<typeof useSimulation>;
  nodeLabel: (id: string) => string;
  /** Saves unsaved changes first (the simulator runs the saved draft); false stops the start. */
  prepare: () => Promise<boolean>;
}) {
  const [callerId, setCallerId] = useState('5551234');
  const [muted, setMuted] = useState(false);
  // '' = the saved draft; otherwise a published version number.
  const [target, setTarget] = useState('');
  const versions = useIvrVersions(ivrId, true);
  const { state, busy } = sim;
  const live = state !== null && state.status !== 'ended';

  return (
    <div className={styles.panel} role="region" aria-label="Simulator">
      <div className={styles.intro}>
        <h2>Simulator</h2>
        <p>Runs the flow with the real node logic. Nothing is dialled.</p>
      </div>
      {(versions.data?.items.length ?? 0) > 0 && (
        <SelectField
          label="Call"
          value={target}
          onChange={setTarget}
          options={[
            { value: '', label: 'The draft (saved first)' },
            ...(versions.data?.items ?? []).map((v) => ({
              value: String(v.version),
              label: `Version ${v.version}${v.live ? ' (live)' : ''}`,
            })),
          ]}
        />
      )}
      <div className={styles.startRow}>
        <TextField label="Caller number" value={callerId} inputMode="tel" onChange={setCallerId} />
        <Button
          variant="primary"
          icon="phone"
          busy={busy && !live}
          onClick={async () => {
            if (target !== '') await sim.start(callerId.trim(), Number(target));
            else if (await prepare()) await sim.start(callerId.trim());
          }}
        >
          {state ? 'Call again' : 'Start call'}
        </Button>
      </div>

      {sim.error ? <Alert tone="error">{errorMessage(sim.error)}</Alert> : null}

      {state && (
        <>
          <div className={styles.status} role="status" data-testid="simulator-status">
            {state.status === 'waiting' && (
              <>
                <Badge tone="info">Waiting for a key</Badge>
                <span>A real call would wait {state.waitSeconds ?? '?'} s.</span>
              </>
            )}
            {state.status === 'running' && <Badge tone="warning">Still running…</Badge>}
            {state.status === 'ended' && (
              <>
                <Badge tone={state.outcome === 'failed' || state.outcome === 'loopGuard' ? 'danger' : 'success'}>
                  Call ended
                </Badge>
                <span>{outcomes[state.outcome ?? ''] ?? state.outcome}</span>
                <Button size="sm" variant="ghost" onClick={sim.reset}>
                  Clear
                </Button>
              </>
            )}
          </div>
          {state.error && <Alert tone="warning">{state.error}</Alert>}
          <PromptPlayer events={state.events} sessionId={state.sessionId} muted={muted} />
          <label className={styles.mute}>
            <input type="checkbox" checked={muted} onChange={(e) => setMuted(e.target.checked)} /> Mute prompts
          </label>
        </>
      )}

      <div className={styles.keypad} role="group" aria-label="Keypad">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className={styles.key}
            disabled={!live || busy}
            onClick={() => void sim.press(key)}
          >
            {key}
          </button>
        ))}
      </div>
      <div className={styles.callButtons}>
        <Button size="sm" disabled={!live || busy} onClick={() => void sim.timeout()}>
          Press nothing (timeout)
        </Button>
        <Button size="sm" variant="danger" disabled={!live || busy} onClick={() => void sim.hangUp()}>
          Hang up
        </Button>
      </div>

      {state && (
        <>
          <section className={styles.section}>
            <h3>Path taken</h3>
            <ol className={styles.path} aria-label="Path taken">
              {state.path.map((step) => (
                <li key={step.index} className={step.error ? styles.stepError : undefined}>
                  <span className={styles.stepName}>
                    {nodeLabel(step.nodeId)}
                    <small>{isNodeType(step.type) ? specOf(step.type).label : step.type}</small>
                  </span>
                  {step.handle && <span className={styles.handle}>→ {step.handle}</span>}
                  {step.detail && <span className={styles.detail}>{step.detail}</span>}
                  {step.error && <span className={styles.detail}>{step.error}</span>}
                </li>
              ))}
            </ol>
          </section>
          <section className={styles.section}>
            <h3>Variables</h3>
            {Object.keys(state.variables).length === 0 ? (
              <p className={styles.muted}>None yet.</p>
            ) : (
              <dl className={styles.variables} aria-label="Variables">
                {Object.entries(state.variables).map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>{value === '' ? <em>empty</em> : value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          <section className={styles.section}>
            <h3>What happened</h3>
            <ol className={styles.events}>
              {state.events.map((event) => (
                <li key={event.sequence}>{describeEvent(event)}</li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
