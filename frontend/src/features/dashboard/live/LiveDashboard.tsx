import type { ReactNode } from 'react';
import { ExtensionBoard } from './ExtensionBoard';
import { LiveCallsCard } from './LiveCallsCard';
import { QueueWallboard } from './QueueWallboard';
import { formatDuration, secondsSince } from './liveState';
import { waitingCallIds } from './presence';
import { useLiveFeed, useNow } from './useLiveFeed';
import styles from './Live.module.css';

/** The live half of the dashboard: figures of the moment, live calls, the extension board and the queue wallboard. */
export function LiveDashboard({ todayFigures }: { todayFigures?: ReactNode }) {
  const { state, link } = useLiveFeed();
  const now = useNow();
  const calls = Object.values(state.calls);
  const extensions = Object.values(state.extensions);
  const queues = Object.values(state.queues);
  const waitingIds = waitingCallIds(queues);
  const waiting = queues.reduce((n, q) => n + q.callers.length, 0);
  const longest = Math.max(
    0,
    ...queues.flatMap((q) => q.callers.map((c) => secondsSince(c.joinedAt, now, state.clockOffsetMs))),
  );
  const online = extensions.filter((e) => e.status !== 'unavailable').length;
  const up = link === 'open' && state.connected;

  return (
    <>
      <div className={styles.live} data-testid="live-indicator" style={{ marginBottom: 'var(--space-3)' }}>
        <span className={`${styles.liveDot} ${up ? '' : styles.down}`} />
        {link !== 'open'
          ? link === 'reconnecting' || link === 'connecting'
            ? 'Connecting to the live feed…'
            : 'Live feed disconnected — reload the page'
          : state.connected
            ? 'Live'
            : 'Asterisk is not connected — showing the last known state'}
      </div>
      <section className={styles.kpis} aria-label="Right now">
        <Kpi
          label="Active calls"
          value={calls.filter((c) => c.state === 'answered' && !waitingIds.has(c.callId)).length}
          hint={`${calls.length} in all`}
          testId="kpi-active"
        />
        <Kpi
          label="Ringing"
          value={calls.filter((c) => c.state === 'ringing' && !c.queue).length}
          hint="not yet answered"
          testId="kpi-ringing"
        />
        <Kpi
          label="Waiting in queues"
          value={waiting}
          hint={waiting > 0 ? `longest ${formatDuration(longest)}` : 'nobody waiting'}
          testId="kpi-waiting"
        />
        <Kpi label="Extensions online" value={online} hint={`of ${extensions.length}`} testId="kpi-online" />
      </section>
      <div className={styles.section}>
        <LiveCallsCard calls={calls} waiting={waitingIds} now={now} clockOffsetMs={state.clockOffsetMs} />
      </div>
      <div className={styles.columns}>
        <ExtensionBoard extensions={extensions} />
        <QueueWallboard queues={queues} now={now} clockOffsetMs={state.clockOffsetMs} />
      </div>
      {todayFigures && <div className={styles.todaySlot}>{todayFigures}</div>}
    </>
  );
}

function Kpi({ label, value, hint, testId }: { label: string; value: number; hint: string; testId: string }) {
  return (
    <div className={styles.kpi}>
      <div className={styles.kpiLabel}>{label}</div>
      <div className={styles.kpiValue} data-testid={testId}>
        {value}
      </div>
      <div className={styles.kpiHint}>{hint}</div>
    </div>
  );
}
