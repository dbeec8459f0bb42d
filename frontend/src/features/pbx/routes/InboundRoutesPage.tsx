import { useDestinationOptions } from '../../../components/DestinationPicker';
import { describeDestination } from '../../../components/DestinationPicker.value';
import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { inboundRoutesApi } from './api';
import { InboundRouteFormDrawer } from './InboundRouteFormDrawer';

export default function InboundRoutesPage() {
  const destinations = useDestinationOptions();
  return (
    <CrudPage
      title="Inbound Routes"
      description="Where calls to each of your phone numbers go."
      noun="inbound route"
      icon="inbound"
      api={inboundRoutesApi}
      rowLabel={(r) => r.name || r.did}
      searchPlaceholder="Search by name or number"
      emptyText="Add a route for each phone number your provider sends to BotPBX."
      Form={InboundRouteFormDrawer}
      columns={[
        {
          key: 'number',
          header: 'Number',
          render: (r) => (
            <div>
              <span className={`${styles.primary} ${styles.mono}`}>{r.did}</span>
              <span className={styles.secondary}>{r.name}</span>
            </div>
          ),
        },
        {
          key: 'caller',
          header: 'Callers',
          hideOnMobile: true,
          render: (r) => (r.callerIdPattern ? <span className={styles.mono}>{r.callerIdPattern}</span> : 'Everyone'),
        },
        {
          key: 'destination',
          header: 'Goes to',
          render: (r) => describeDestination(r.destination, destinations.data ?? []),
        },
      ]}
    />
  );
}
