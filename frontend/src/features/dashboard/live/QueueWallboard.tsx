import { Card } from '../../../components/Card';
import { memberView } from './presence';
import { formatDuration, secondsSince } from './liveState';
import type { LiveQueue } from './types';
import styles from './Live.module.css';

/** Per queue: callers waiting, the longest wait (ticking), agents ready, each member's state and the waiting callers. */
export function QueueWallboard({
  queues,
  now,
  clockOffsetMs,
}: {
  queues: LiveQueue[];
  now: number;
  clockOffsetMs: number;
}) {
  const sorted = [...queues].sort((a, b) => b.callers.length - a.callers.length || a.name.localeCompare(b.name));
  return (
    <Card title="Queues">
      {sorted.length === 0 ? (
        <div className={styles.empty}>
          <div className={styles.emptyTitle}>No queues</div>
          <div>Queues show here with their waiting callers and agents once Asterisk reports them.</div>
        </div>
      ) : (
        <div className={styles.queues} data-testid="queue-wallboard">
          {sorted.map((queue) => {
            const longest =
              queue.callers.length === 0
                ? 0
                : Math.max(...queue.callers.map((c) => secondsSince(c.joinedAt, now, clockOffsetMs)));
            const ready = queue.members.filter((m) => m.status === 'available').length;
            return (
              <div key={queue.queue} className={styles.queue} data-queue={queue.queue}>
                <div className={styles.queueHead}>
                  <span className={styles.queueName}>{queue.name}</span>
                  <span className={styles.sub}>
                    {queue.queue !== queue.name ? `${queue.queue} · ` : ''}
                    {queue.completed} answered · {queue.abandoned} abandoned
                  </span>
                </div>
                <div className={styles.queueStats}>
                  <div className={styles.stat}>
                    <span
                      className={`${styles.statValue} ${queue.callers.length > 0 ? styles.alert : ''}`}
                      data-testid="queue-waiting"
                    >
                      {queue.callers.length}
                    </span>
                    <span className={styles.statLabel}>waiting</span>
                  </div>
                  <div className={styles.stat}>
                    <span className={styles.statValue}>{formatDuration(longest)}</span>
                    <span className={styles.statLabel}>longest wait</span>
                  </div>
                  <div className={styles.stat}>
                    <span className={styles.statValue}>
                      {ready}/{queue.members.length}
                    </span>
                    <span className={styles.statLabel}>agents ready</span>
                  </div>
                </div>
                {queue.callers.length > 0 && (
                  <ul className={styles.callers}>
                    {queue.callers.slice(0, 5).map((c) => (
                      <li key={c.uniqueid}>
                        <span>
                          {c.position}. {c.callerIdName || c.callerIdNum || 'Unknown'}
                        </span>
                        <span className={styles.timer}>
                          {formatDuration(secondsSince(c.joinedAt, now, clockOffsetMs))}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {queue.members.length > 0 && (
                  <div className={styles.members}>
                    {queue.members.map((m) => (
                      <span
                        key={m.interface}
                        className={`${styles.pill} ${styles[memberView[m.status]?.className ?? 'offline']}`}
                        title={m.interface}
                      >
                        {m.extension ?? m.name} · {memberView[m.status]?.label ?? m.status}
                      </span>
                    ))}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
