// One call's details in a drawer: parties, route through the PBX, times, outcome, and links to its recording.
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Drawer } from '../../components/Drawer';
import { useToast } from '../../components/Toasts';
import { errorMessage } from '../../api/errors';
import { formatDateTime } from '../dashboard/format';
import { useOriginate, type Call } from './api';
import { directionLabels, dispositionView, formatDuration, hangupCauseText } from './format';
import styles from './CallLogsPage.module.css';

/** The number a call-back dials: the other party, seen from this PBX. */
export function otherParty(call: Call): string {
  return call.direction === 'inbound' ? call.from : call.to;
}

export function CallDetail({ call, onClose }: { call: Call | null; onClose: () => void }) {
  const toast = useToast();
  const originate = useOriginate();
  if (!call) return null;
  const callBack = otherParty(call);
  const canCallBack = /^\+?[0-9]{2,20}$/.test(callBack);
  const rows: [string, React.ReactNode][] = [
    ['Direction', directionLabels[call.direction]],
    ['From', `${call.from}${call.fromName ? ` (${call.fromName})` : ''}`],
    ['To', call.to || '—'],
    ['DID', call.did ?? '—'],
    ['Trunk', call.trunk ?? (call.trunkId ? `#${call.trunkId}` : '—')],
    ['Extension', call.extension ?? '—'],
    ['Answered by', call.answeredBy ?? '—'],
    ['Queue', call.queue ?? '—'],
    ['IVR', call.ivrPath ?? '—'],
    ['Started', formatDateTime(call.startedAt)],
    ['Answered', formatDateTime(call.answeredAt)],
    ['Ended', formatDateTime(call.endedAt)],
    ['Duration', formatDuration(call.duration)],
    ['Talk time (billable)', formatDuration(call.billsec)],
    ['Wait', formatDuration(call.waitSeconds)],
    ['Hang-up cause', hangupCauseText(call.hangupCause)],
    ['Click-to-call by', call.originatedBy ?? '—'],
    ['Call id', <code key="id">{call.callId}</code>],
    ['Legs', String(call.legs)],
  ];
  const view = dispositionView[call.disposition];
  return (
    <Drawer
      open
      title={`Call ${call.from} → ${call.to}`}
      description={<Badge tone={view.tone}>{view.label}</Badge>}
      onClose={onClose}
      footer={
        <Button
          variant="primary"
          icon="phone"
          disabled={!canCallBack}
          busy={originate.isPending}
          onClick={() =>
            originate.mutate(callBack, {
              onSuccess: () => toast.success(`Your phone rings now; answer it to call ${callBack}.`),
              onError: (e) => toast.error(errorMessage(e)),
            })
          }
        >
          Call {callBack || 'back'}
        </Button>
      }
    >
      <dl className={styles.details}>
        {rows.map(([label, value]) => (
          <div key={label} className={styles.detailRow}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {call.recordingUrl && (
        <div className={styles.recording}>
          <h3>Recording</h3>
          <audio controls preload="none" src={call.recordingUrl}>
            <a href={call.recordingUrl}>Download the recording</a>
          </audio>
        </div>
      )}
    </Drawer>
  );
}
