import { errorMessage } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { Badge } from '../../../components/Badge';
import { Card } from '../../../components/Card';
import { formatUptime } from '../../dashboard/format';
import { useAsteriskStatus } from './api';
import styles from './asterisk.module.css';

const stateText = {
  connected: 'Connected',
  connecting: 'Connecting…',
  disconnected: 'Not connected',
  not_configured: 'Not configured',
} as const;

/** Asterisk reports its times in its own local time without a zone: shown as it says, "2026-11-21 07:00". */
export function asteriskClock(value: string | null): string {
  if (!value) return '—';
  return value.replace('T', ' ').slice(0, 16);
}

/** Version, uptime, modules, registered phones and calls — or a clear "Asterisk not connected". */
export function AsteriskStatusCard() {
  const status = useAsteriskStatus();
  const data = status.data;
  const ami = data?.ami;
  const live = data?.live;
  const connected = ami?.state === 'connected';

  return (
    <Card
      title="Asterisk"
      description="The phone engine BotPBX drives."
      actions={
        ami && (
          <Badge tone={connected ? 'success' : ami.state === 'connecting' ? 'warning' : 'danger'}>
            {stateText[ami.state]}
          </Badge>
        )
      }
    >
      {status.error ? <Alert tone="error">{errorMessage(status.error)}</Alert> : null}
      {status.isLoading && <p className={styles.muted}>Loading…</p>}
      {ami && !connected && (
        <Alert tone="warning" title="Asterisk not connected">
          {ami.state === 'not_configured'
            ? 'BotPBX has no manager (AMI) login for Asterisk, so changes cannot be applied and live status is not available. Set AMI_USER and AMI_SECRET.'
            : `BotPBX cannot reach Asterisk's manager interface${ami.host ? ` at ${ami.host}:${ami.port ?? ''}` : ''}. Calls already set up keep working; changes are applied once it is back.`}
          {ami.lastError && <p className={styles.mono}>{ami.lastError}</p>}
        </Alert>
      )}
      {data?.liveError && <Alert tone="error">{data.liveError}</Alert>}
      {live && (
        <dl className={styles.facts} data-testid="asterisk-facts">
          <div>
            <dt>Version</dt>
            <dd>{live.version || '—'}</dd>
          </div>
          <div>
            <dt>Running for</dt>
            <dd>{live.uptimeSeconds != null ? formatUptime(live.uptimeSeconds) : '—'}</dd>
          </div>
          <div>
            <dt>Modules loaded</dt>
            <dd>{live.modulesLoaded ?? '—'}</dd>
          </div>
          <div>
            <dt>Phones registered</dt>
            <dd>
              {live.endpointsRegistered} of {live.endpointsTotal}
            </dd>
          </div>
          <div>
            <dt>Calls now</dt>
            <dd>{live.currentCalls}</dd>
          </div>
          <div>
            <dt>Last reload</dt>
            <dd className={styles.muted}>{asteriskClock(live.lastReloadAt)}</dd>
          </div>
        </dl>
      )}
    </Card>
  );
}
