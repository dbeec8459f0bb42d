import { Badge } from '../../../components/Badge';
import { Card } from '../../../components/Card';
import { formatDateTime } from '../../dashboard/format';
import { useAsteriskStatus } from './api';
import { ApplyReportView } from './ApplyReportView';
import styles from './asterisk.module.css';

/** Whether Asterisk runs the saved configuration, and what the last apply reported per module. */
export function LastApplyCard() {
  const status = useAsteriskStatus();
  const data = status.data;
  if (!data) return null;
  return (
    <Card
      title="Configuration"
      description={
        data.pendingChanges
          ? `Changed ${formatDateTime(data.changedAt)}; not applied yet.`
          : `Asterisk runs the saved configuration${data.appliedAt ? ` (applied ${formatDateTime(data.appliedAt)})` : ''}.`
      }
      actions={
        data.pendingChanges ? (
          <Badge tone="warning">Changes not applied</Badge>
        ) : (
          <Badge tone="success">Up to date</Badge>
        )
      }
    >
      {data.lastApply ? (
        <>
          <p className={styles.muted}>Last apply: {data.lastApply.success ? 'succeeded' : 'failed'}.</p>
          <ApplyReportView report={data.lastApply} />
        </>
      ) : (
        <p className={styles.muted}>The configuration has not been applied yet.</p>
      )}
    </Card>
  );
}
