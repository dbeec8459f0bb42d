// Call Monitoring: the calls in progress on BotPBX's extensions (from Asterisk, refreshed every few seconds), each
// with Listen / Whisper / Barge. The Live Calls page mounts the same SpyButtons in its own list.
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { phoneApi } from './api';
import { formatDuration } from './recentCalls';
import { SpyButtons } from './SpyButtons';
import styles from './MonitorPage.module.css';

function seconds(duration: string): number {
  const [h, m, s] = duration.split(':').map(Number);
  return (h || 0) * 3600 + (m || 0) * 60 + (s || 0);
}

export default function MonitorPage() {
  const channels = useQuery({ queryKey: ['monitor-channels'], queryFn: phoneApi.channels, refetchInterval: 3000 });
  const rows = (channels.data?.items ?? []).filter((c) => c.extension !== null && !c.channel.includes(';'));

  return (
    <>
      <PageHeader
        title="Call Monitoring"
        description="Listen to an agent's call, whisper to the agent, or barge in. BotPBX rings your own phone (the browser phone when you have one): answer it."
      />
      {channels.error && (
        <div className={styles.alert}>
          <Alert tone="error" title="The calls in progress are not available">
            {errorMessage(channels.error)}
          </Alert>
        </div>
      )}
      <Card title="Agents on a call">
        {rows.length === 0 ? (
          <EmptyState icon="phone" title={channels.isLoading ? 'Loading…' : 'No extension is on a call'} />
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Extension</th>
                <th>Talking to</th>
                <th>State</th>
                <th>Time</th>
                <th>Channel</th>
                <th>Monitor</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.channel} data-channel={c.channel}>
                  <td>
                    <strong>{c.extension}</strong> <span className={styles.muted}>{c.callerIdName}</span>
                  </td>
                  <td>
                    {c.connectedLineName || c.connectedLineNumber || '—'}
                    {c.connectedLineName && c.connectedLineNumber && (
                      <span className={styles.muted}> {c.connectedLineNumber}</span>
                    )}
                  </td>
                  <td>{c.state}</td>
                  <td className={styles.mono}>{formatDuration(seconds(c.duration))}</td>
                  <td className={styles.mono}>{c.channel}</td>
                  <td>
                    <SpyButtons channel={c.channel} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
