import { useDestinationOptions } from '../../../components/DestinationPicker';
import { describeDestination } from '../../../components/DestinationPicker.value';
import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { ringGroupsApi, ringStrategies } from './api';
import { RingGroupFormDrawer } from './RingGroupFormDrawer';

export default function RingGroupsPage() {
  const destinations = useDestinationOptions();
  return (
    <CrudPage
      title="Ring Groups"
      description="Groups of phones that ring together or one after another for one number."
      noun="ring group"
      icon="ringGroup"
      api={ringGroupsApi}
      rowLabel={(g) => `${g.number} ${g.name}`}
      searchPlaceholder="Search by number or name"
      emptyText="A ring group makes several phones ring for one number, such as the sales team."
      Form={RingGroupFormDrawer}
      columns={[
        {
          key: 'group',
          header: 'Group',
          render: (g) => (
            <div>
              <span className={styles.primary}>{g.number}</span>
              <span className={styles.secondary}>{g.name}</span>
            </div>
          ),
        },
        {
          key: 'strategy',
          header: 'Rings',
          hideOnMobile: true,
          render: (g) =>
            `${ringStrategies.find((s) => s.value === g.strategy)?.label ?? g.strategy}, ${g.ringSeconds} s`,
        },
        { key: 'members', header: 'Phones', render: (g) => g.memberExtensionIds.length },
        {
          key: 'noAnswer',
          header: 'If nobody answers',
          hideOnMobile: true,
          render: (g) => describeDestination(g.noAnswerDestination, destinations.data ?? []),
        },
      ]}
    />
  );
}
