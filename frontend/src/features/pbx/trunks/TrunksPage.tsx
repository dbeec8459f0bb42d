import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { trunksApi, type Trunk } from './api';
import { TrunkFormDrawer } from './TrunkFormDrawer';
import { TrunkTestDialog } from './TrunkTestDialog';

export default function TrunksPage() {
  const [testing, setTesting] = useState<Trunk | null>(null);
  return (
    <>
      <CrudPage
        title="Trunks"
        description="Connections to your phone providers (Twilio, Telnyx, VoIP.ms and others)."
        noun="trunk"
        icon="trunk"
        api={trunksApi}
        rowLabel={(t) => t.name}
        searchPlaceholder="Search by name or server"
        emptyText="Add a trunk to make and receive calls with outside numbers."
        Form={TrunkFormDrawer}
        columns={[
          {
            key: 'trunk',
            header: 'Trunk',
            render: (t) => (
              <div>
                <span className={styles.primary}>{t.name}</span>
                <span className={styles.secondary}>
                  {t.host}:{t.port} ({t.transport.toUpperCase()})
                </span>
              </div>
            ),
          },
          {
            key: 'mode',
            header: 'Sign-in',
            hideOnMobile: true,
            render: (t) => (t.register ? `Registers as ${t.username || '—'}` : 'By IP address'),
          },
          {
            key: 'codecs',
            header: 'Codecs',
            hideOnMobile: true,
            render: (t) => <span className={styles.mono}>{t.codecs.join(', ')}</span>,
          },
          {
            key: 'status',
            header: 'Status',
            render: (t) => (t.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>),
          },
        ]}
        rowActions={(t) => (
          <Button
            size="sm"
            variant="ghost"
            icon="activity"
            aria-label={`Test ${t.name}`}
            title="Test"
            onClick={() => setTesting(t)}
          >
            Test
          </Button>
        )}
      />
      <TrunkTestDialog trunk={testing} onClose={() => setTesting(null)} />
    </>
  );
}
