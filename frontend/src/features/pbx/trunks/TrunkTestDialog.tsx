import { ApiError, errorMessage } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { Badge, type BadgeTone } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Modal } from '../../../components/Modal';
import styles from '../shared/pbx.module.css';
import { useTrunkTest, type Trunk } from './api';

function tone(value: string | null, good: string): BadgeTone {
  if (value === null) return 'neutral';
  return value === good ? 'success' : 'danger';
}

/** Registration and reachability of a trunk, asked of Asterisk live while the dialog is open. */
export function TrunkTestDialog({ trunk, onClose }: { trunk: Trunk | null; onClose: () => void }) {
  const test = useTrunkTest(trunk?.id ?? null);
  const result = test.data;
  const notConnected = test.error instanceof ApiError && test.error.status === 503;

  return (
    <Modal
      open={trunk !== null}
      title={`Test ${trunk?.name ?? 'trunk'}`}
      onClose={onClose}
      footer={
        <>
          <Button icon="refresh" busy={test.isFetching} onClick={() => void test.refetch()}>
            Test again
          </Button>
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        </>
      }
    >
      {test.isLoading && <p className={styles.help}>Asking Asterisk…</p>}
      {test.error ? (
        <Alert tone={notConnected ? 'warning' : 'error'} title={notConnected ? 'Asterisk not connected' : undefined}>
          {errorMessage(test.error)}
        </Alert>
      ) : null}
      {result && (
        <div className={styles.stack} data-testid="trunk-test-result">
          <Alert tone={/^(Registered|The provider answers)/.test(result.summary) ? 'success' : 'info'}>
            {result.summary}
          </Alert>
          <dl className={styles.stack}>
            <div>
              <dt className={styles.secondary}>Registration</dt>
              <dd>
                <Badge tone={tone(result.registration, 'Registered')}>
                  {result.registration ?? 'Does not register'}
                </Badge>
              </dd>
            </div>
            <div>
              <dt className={styles.secondary}>Reachability</dt>
              <dd>
                <Badge tone={tone(result.reachability, 'Reachable')}>{result.reachability ?? 'Unknown'}</Badge>
                {result.roundtripMs != null && (
                  <span className={styles.secondary}>{result.roundtripMs.toFixed(0)} ms round trip</span>
                )}
              </dd>
            </div>
          </dl>
          <p className={styles.help}>Refreshes every 5 seconds while this window is open.</p>
        </div>
      )}
    </Modal>
  );
}
