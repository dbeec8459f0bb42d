import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { queueStrategies, queuesApi } from './api';
import { QueueFormDrawer } from './QueueFormDrawer';

export default function QueuesPage() {
  return (
    <CrudPage
      title="Queues"
      description="Callers wait in line for the next free agent, with music and announcements."
      noun="queue"
      icon="queue"
      api={queuesApi}
      rowLabel={(q) => `${q.number} ${q.name}`}
      searchPlaceholder="Search by number or name"
      emptyText="A queue lets several agents share incoming calls."
      Form={QueueFormDrawer}
      columns={[
        {
          key: 'queue',
          header: 'Queue',
          render: (q) => (
            <div>
              <span className={styles.primary}>{q.number}</span>
              <span className={styles.secondary}>{q.name}</span>
            </div>
          ),
        },
        {
          key: 'strategy',
          header: 'Who rings first',
          hideOnMobile: true,
          render: (q) => queueStrategies.find((s) => s.value === q.strategy)?.label ?? q.strategy,
        },
        {
          key: 'members',
          header: 'Agents',
          render: (q) => `${q.members.length} fixed${q.allowDynamicMembers ? ' + log-in' : ''}`,
        },
      ]}
    />
  );
}
