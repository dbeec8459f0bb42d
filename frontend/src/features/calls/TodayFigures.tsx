// Today's figures for the dashboard (and the top of Call Logs): calls by hour, answered and missed, average wait,
// busiest extensions — from GET /api/calls/stats, in the company's time zone. An agent sees their own calls only.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { useCallStats, type CallStats } from './api';
import { formatDuration, hourLabel } from './format';
import styles from './TodayFigures.module.css';

const answeredColor = '#16a34a';
const missedColor = '#f59e0b';

export function TodayFigures() {
  const stats = useCallStats();
  if (stats.error && !stats.data) {
    return (
      <Card title="Today's calls">
        <Alert tone="error" title="Today's figures could not be loaded">
          {errorMessage(stats.error)}
        </Alert>
      </Card>
    );
  }
  if (!stats.data) {
    return (
      <Card title="Today's calls">
        <div className={styles.loading}>Loading…</div>
      </Card>
    );
  }
  return <Figures stats={stats.data} />;
}

export default TodayFigures;

function Figures({ stats }: { stats: CallStats }) {
  const answeredRate = stats.total > 0 ? Math.round((stats.answered / stats.total) * 100) : null;
  const hours = stats.byHour.map((h) => ({ ...h, label: hourLabel(h.hour) }));
  const busiestMax = Math.max(1, ...stats.busiestExtensions.map((e) => e.calls));
  return (
    <Card title="Today's calls" description={`${stats.date} · ${stats.timeZone}`}>
      <div className={styles.tiles} aria-label="Today's figures">
        <Tile label="Calls" value={String(stats.total)} />
        <Tile
          label="Answered"
          value={String(stats.answered)}
          note={answeredRate === null ? undefined : `${answeredRate}%`}
          tone="good"
        />
        <Tile label="Missed" value={String(stats.missed)} tone={stats.missed > 0 ? 'warn' : undefined} />
        <Tile
          label="Average wait"
          value={stats.averageWaitSeconds === null ? '—' : formatDuration(stats.averageWaitSeconds)}
        />
      </div>
      <div className={styles.charts}>
        <figure className={styles.chart} aria-label="Calls by hour">
          <figcaption className={styles.caption}>Calls by hour</figcaption>
          {stats.total === 0 ? (
            <p className={styles.none}>No calls yet today.</p>
          ) : (
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={hours} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={1} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
                <Tooltip labelFormatter={(label) => `${String(label)}:00`} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar
                  dataKey="answered"
                  name="Answered"
                  stackId="calls"
                  fill={answeredColor}
                  isAnimationActive={false}
                />
                <Bar dataKey="missed" name="Missed" stackId="calls" fill={missedColor} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </figure>
        <figure className={styles.busiest} aria-label="Busiest extensions">
          <figcaption className={styles.caption}>Busiest extensions</figcaption>
          {stats.busiestExtensions.length === 0 ? (
            <p className={styles.none}>Nobody has taken or made a call yet.</p>
          ) : (
            <ol className={styles.ranking}>
              {stats.busiestExtensions.map((e) => (
                <li key={e.extension}>
                  <span className={styles.who}>
                    <strong>{e.extension}</strong> {e.name ?? ''}
                  </span>
                  <span
                    className={styles.bar}
                    style={{ width: `${(e.calls / busiestMax) * 100}%` }}
                    aria-hidden="true"
                  />
                  <span className={styles.count}>{e.calls}</span>
                </li>
              ))}
            </ol>
          )}
        </figure>
      </div>
    </Card>
  );
}

function Tile({ label, value, note, tone }: { label: string; value: string; note?: string; tone?: 'good' | 'warn' }) {
  return (
    <div className={[styles.tile, tone ? styles[tone] : ''].filter(Boolean).join(' ')}>
      <span className={styles.tileLabel}>{label}</span>
      <span className={styles.tileValue}>
        {value}
        {note && <span className={styles.tileNote}> {note}</span>}
      </span>
    </div>
  );
}
