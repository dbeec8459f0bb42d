import { Badge } from '../../../components/Badge';
import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { conferencesApi } from './api';
import { ConferenceFormDrawer } from './ConferenceFormDrawer';

export default function ConferencesPage() {
  return (
    <CrudPage
      title="Conferences"
      description="Rooms several people dial into to talk together."
      noun="conference room"
      icon="users"
      api={conferencesApi}
      rowLabel={(c) => `${c.number} ${c.name}`}
      searchPlaceholder="Search by number or name"
      emptyText="A conference room is a number everyone dials for a meeting."
      Form={ConferenceFormDrawer}
      columns={[
        {
          key: 'room',
          header: 'Room',
          render: (c) => (
            <div>
              <span className={styles.primary}>{c.number}</span>
              <span className={styles.secondary}>{c.name}</span>
            </div>
          ),
        },
        {
          key: 'access',
          header: 'Access',
          render: (c) => (c.hasPin ? <Badge tone="info">PIN required</Badge> : <Badge>Open</Badge>),
        },
        {
          key: 'limit',
          header: 'Limit',
          hideOnMobile: true,
          render: (c) => (c.maxMembers > 0 ? c.maxMembers : 'None'),
        },
        { key: 'record', header: 'Recorded', hideOnMobile: true, render: (c) => (c.record ? 'Yes' : 'No') },
      ]}
    />
  );
}
