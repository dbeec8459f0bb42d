import { useDestinationOptions } from '../../../components/DestinationPicker';
import { describeDestination } from '../../../components/DestinationPicker.value';
import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { timeConditionsApi } from './api';
import { describeRange } from './schedule';
import { TimeConditionFormDrawer } from './TimeConditionFormDrawer';

export default function TimeConditionsPage() {
  const destinations = useDestinationOptions();
  const describe = (d: Parameters<typeof describeDestination>[0]) => describeDestination(d, destinations.data ?? []);
  return (
    <CrudPage
      title="Time Conditions"
      description="Business hours and holidays that send calls one way when open and another when closed."
      noun="time condition"
      icon="clock"
      api={timeConditionsApi}
      rowLabel={(t) => t.name}
      searchPlaceholder="Search by name"
      emptyText="Add your opening hours, then point an inbound route at them."
      Form={TimeConditionFormDrawer}
      columns={[
        {
          key: 'name',
          header: 'Name',
          render: (t) => (
            <div>
              <span className={styles.primary}>{t.name}</span>
              <span className={styles.secondary}>{t.timeZone}</span>
            </div>
          ),
        },
        {
          key: 'hours',
          header: 'Open',
          hideOnMobile: true,
          render: (t) => (t.ranges.length > 0 ? t.ranges.map(describeRange).join(', ') : 'Never'),
        },
        { key: 'holidays', header: 'Holidays', hideOnMobile: true, render: (t) => t.holidays.length },
        {
          key: 'routes',
          header: 'Calls go to',
          render: (t) => (
            <div>
              <span className={styles.secondary}>Open: {describe(t.open)}</span>
              <span className={styles.secondary}>Closed: {describe(t.closed)}</span>
            </div>
          ),
        },
      ]}
    />
  );
}
