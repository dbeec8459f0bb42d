// The nodes one call went through, in order: the node's name and type, the output it left by in plain words, the
// keys pressed there, how long it took, and its error in red. Steps in another IVR (after a goToIvr) say so.
import type { IvrTraceStep } from '../api';
import { isNodeType, specOf } from '../nodes/registry';
import { describeHandle, formatDuration } from './traceWords';
import styles from './Calls.module.css';

const typeLabel = (type: string) => (isNodeType(type) ? specOf(type).label : type);

export function CallSteps({
  steps,
  ivrId,
  nodeLabel,
  outputLabel,
}: {
  steps: IvrTraceStep[];
  ivrId: string;
  nodeLabel: (nodeId: string) => string | null;
  outputLabel: (nodeId: string, handle: string) => string | null;
}) {
  if (steps.length === 0) return <p className={styles.muted}>The call left before the first node.</p>;
  return (
    <ol className={styles.steps} aria-label="Call steps">
      {steps.map((step) => {
        const here = step.ivrId === ivrId;
        const label = here ? nodeLabel(step.nodeId) : null;
        const option = here && step.handle ? outputLabel(step.nodeId, step.handle) : null;
        return (
          <li key={step.index} className={step.error ? styles.stepError : undefined}>
            <span className={styles.stepName}>
              {label ?? step.nodeId}
              <small>{typeLabel(step.type)}</small>
            </span>
            <span className={styles.stepWhat}>
              {describeHandle(step.handle, step.type, option)}
              <small>{formatDuration(step.durationMs)}</small>
            </span>
            {step.digits && <span className={styles.detail}>Keys pressed: {step.digits}</span>}
            {!here && <span className={styles.detail}>In another IVR (#{step.ivrId})</span>}
            {here && label === null && <span className={styles.detail}>This node is no longer on the canvas.</span>}
            {step.error && <span className={styles.errorText}>{step.error}</span>}
          </li>
        );
      })}
    </ol>
  );
}
