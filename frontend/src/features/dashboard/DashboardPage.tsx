import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../../auth/AuthProvider';
import { useSystemStatus } from './api';
import { amiStateView, formatDateTime, formatUptime, listenerText } from './format';
import { LiveDashboard } from './live/LiveDashboard';
import { TodayFigures } from '../calls/TodayFigures';
import styles from './DashboardPage.module.css';

export default function DashboardPage() {
  const user = useCurrentUser();
  const status = useSystemStatus();
  const data = status.data;
  const ami = data ? (amiStateView[data.asterisk.ami.state] ?? amiStateView.disconnected) : null;

  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome back, ${user.name || user.email}.`} />
      {status.error ? (
        <div className={styles.alert}>
          <Alert tone="error" title="System status is not available">
            {errorMessage(status.error)}
          </Alert>
        </div>
      ) : null}
      <LiveDashboard todayFigures={<TodayFigures />} />
      <section className={styles.grid} aria-label="System status">
        <Card title="BotPBX">
          <dl className={styles.facts}>
            <dt>Version</dt>
            <dd data-testid="status-version">{data?.version ?? '…'}</dd>
            <dt>Running for</dt>
            <dd>{data ? formatUptime(data.uptimeSeconds) : '…'}</dd>
            <dt>Started</dt>
            <dd>{data ? formatDateTime(data.startedAt) : '…'}</dd>
          </dl>
        </Card>
        <Card title="Database">
          {data ? (
            <div className={styles.state}>
              <Badge tone={data.database.state === 'up' ? 'success' : 'danger'}>
                {data.database.state === 'up' ? 'Up' : 'Down'}
              </Badge>
              <p className={styles.help}>
                {data.database.state === 'up'
                  ? 'PostgreSQL is answering.'
                  : (data.database.error ?? 'PostgreSQL is not answering.')}
              </p>
            </div>
          ) : (
            <p className={styles.help}>…</p>
          )}
        </Card>
        <Card title="Asterisk">
          {data && ami ? (
            <div className={styles.state}>
              <Badge tone={ami.tone}>{ami.label}</Badge>
              <p className={styles.help}>{ami.help}</p>
              <dl className={styles.facts}>
                {data.asterisk.ami.host && (
                  <>
                    <dt>Manager interface</dt>
                    <dd>
                      {data.asterisk.ami.host}
                      {data.asterisk.ami.port ? `:${data.asterisk.ami.port}` : ''}
                    </dd>
                  </>
                )}
                {data.asterisk.ami.since && (
                  <>
                    <dt>Since</dt>
                    <dd>{formatDateTime(data.asterisk.ami.since)}</dd>
                  </>
                )}
                {/* An error from before the connection came up is history, not news: shown only while it is down. */}
                {data.asterisk.ami.state !== 'connected' && data.asterisk.ami.lastError && (
                  <>
                    <dt>Last error</dt>
                    <dd>{data.asterisk.ami.lastError}</dd>
                  </>
                )}
                {data.asterisk.ari && (
                  <>
                    <dt>Call control (ARI)</dt>
                    <dd data-testid="status-ari">
                      {(amiStateView[data.asterisk.ari.state] ?? amiStateView.disconnected).label}
                      {data.asterisk.ari.state !== 'connected' && data.asterisk.ari.lastError
                        ? ` — ${data.asterisk.ari.lastError}`
                        : ''}
                    </dd>
                  </>
                )}
                {data.asterisk.agi && (
                  <>
                    <dt>IVR server</dt>
                    <dd data-testid="status-agi">{listenerText(data.asterisk.agi)}</dd>
                  </>
                )}
                {data.asterisk.audioSocket && (
                  <>
                    <dt>AI audio server</dt>
                    <dd>{listenerText(data.asterisk.audioSocket)}</dd>
                  </>
                )}
              </dl>
            </div>
          ) : (
            <p className={styles.help}>…</p>
          )}
        </Card>
      </section>
    </>
  );
}
