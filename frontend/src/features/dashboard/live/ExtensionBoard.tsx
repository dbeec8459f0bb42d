import { Card } from '../../../components/Card';
import { presenceView } from './presence';
import type { LiveExtension, PresenceStatus } from './types';
import styles from './Live.module.css';

const order: PresenceStatus[] = ['available', 'ringing', 'busy', 'on_hold', 'dnd', 'unavailable'];

/** One tile per extension, coloured by presence: who can take a call now. */
export function ExtensionBoard({ extensions }: { extensions: LiveExtension[] }) {
  const sorted = [...extensions].sort((a, b) => a.extension.localeCompare(b.extension, undefined, { numeric: true }));
  const counts = order
    .map((status) => [status, sorted.filter((e) => e.status === status).length] as const)
    .filter(([, n]) => n > 0);
  return (
    <Card
      title="Extensions"
      description={
        sorted.length === 0
          ? undefined
          : `${sorted.filter((e) => e.status !== 'unavailable').length} of ${sorted.length} online`
      }
      actions={
        <div className={styles.legend}>
          {counts.map(([status, n]) => (
            <span key={status} className={`${styles.pill} ${styles[presenceView[status].className]}`}>
              {n} {presenceView[status].label.toLowerCase()}
            </span>
          ))}
        </div>
      }
    >
      {sorted.length === 0 ? (
        <div className={styles.empty}>
          <div className={styles.emptyTitle}>No extensions yet</div>
          <div>Add extensions under PBX → Extensions; their phones' presence shows here.</div>
        </div>
      ) : (
        <div className={styles.board} data-testid="extension-board">
          {sorted.map((ext) => {
            const view = presenceView[ext.status] ?? presenceView.unavailable;
            return (
              <div
                key={ext.extension}
                className={`${styles.tile} ${styles[view.className]}`}
                data-extension={ext.extension}
                data-status={ext.status}
              >
                <div className={styles.tileHead}>
                  <span className={styles.tileNumber}>{ext.extension}</span>
                  <span className={styles.devices} title="Registered devices">
                    {ext.contacts.length > 0
                      ? `${ext.contacts.length} device${ext.contacts.length === 1 ? '' : 's'}`
                      : ''}
                  </span>
                </div>
                <span className={styles.tileName}>{ext.name || '\u00a0'}</span>
                <span className={styles.tileStatus}>
                  {view.label}
                  {ext.dnd && ext.status !== 'dnd' ? ' · DND' : ''}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
