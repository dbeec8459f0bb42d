import { Card } from '../../../components/Card';
import { SpyButtons } from '../../phone/SpyButtons';
import { callPhase, directionLabel } from './presence';
import { formatDuration, secondsSince } from './liveState';
import type { LiveCall } from './types';
import styles from './Live.module.css';

/**
 * The channel a supervisor listens to: the answering extension's own leg (PJSIP/2001-…), so that in Whisper only
 * that person hears the supervisor.
 */
function agentChannel(call: LiveCall): string | undefined {
  const own = (ext: string) => call.channels.find((c) => c.channel.startsWith(`PJSIP/${ext}-`))?.channel;
  if (call.answeredBy) {
    const answered = own(call.answeredBy);
    if (answered) return answered;
  }
  for (const ext of call.extensions) {
    const found = own(ext);
    if (found) return found;
  }
  return undefined;
}

/** Every live call with its parties, what it is doing and a timer that ticks (from the start, not the answer). */
export function LiveCallsCard({
  calls,
  waiting,
  now,
  clockOffsetMs,
}: {
  calls: LiveCall[];
  waiting: ReadonlySet<string>;
  now: number;
  clockOffsetMs: number;
}) {
  const sorted = [...calls].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return (
    <Card
      title="Live calls"
      description={calls.length === 0 ? 'Calls appear here the moment they start.' : `${calls.length} in progress`}
    >
      {sorted.length === 0 ? (
        <div className={styles.empty} data-testid="live-calls-empty">
          <div className={styles.emptyTitle}>No calls right now</div>
          <div>When a phone dials or a call comes in, it shows here with its duration ticking.</div>
        </div>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="live-calls">
            <thead>
              <tr>
                <th>Caller</th>
                <th>Destination</th>
                <th>Direction</th>
                <th>Status</th>
                <th>Answered by</th>
                <th style={{ textAlign: 'right' }}>Duration</th>
                <th>Monitor</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((call) => {
                const phase = callPhase(call, waiting);
                const inQueue = waiting.has(call.callId);
                return (
                  <tr key={call.callId} data-call-id={call.callId}>
                    <td>
                      <div className={styles.party}>
                        <span className={styles.number}>{call.from || 'Unknown'}</span>
                        {call.fromName && call.fromName !== call.from && (
                          <span className={styles.sub}>{call.fromName}</span>
                        )}
                      </div>
                    </td>
                    <td>
                      <div className={styles.party}>
                        <span className={styles.number}>{call.to || '—'}</span>
                        {call.queue && <span className={styles.sub}>queue {call.queue}</span>}
                      </div>
                    </td>
                    <td className={styles.direction}>{directionLabel[call.direction]}</td>
                    <td>
                      <span className={`${styles.pill} ${styles[phase.className]}`}>{phase.label}</span>
                    </td>
                    <td>{!inQueue && call.answeredBy ? call.answeredBy : <span className={styles.sub}>—</span>}</td>
                    <td className={styles.timer} data-testid="call-timer">
                      {formatDuration(secondsSince(call.startedAt, now, clockOffsetMs))}
                    </td>
                    <td>
                      {(() => {
                        const channel = agentChannel(call);
                        return call.state === 'answered' && channel ? <SpyButtons channel={channel} /> : null;
                      })()}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
