import { PageHeader } from '../../../components/PageHeader';
import { AsteriskStatusCard } from './AsteriskStatusCard';
import { LastApplyCard } from './LastApplyCard';
import { PendingChangesBanner } from './PendingChangesBanner';
import { SipSettingsCard } from './SipSettingsCard';
import styles from './asterisk.module.css';

export default function AsteriskPage() {
  return (
    <>
      <PageHeader
        title="Asterisk"
        description="The phone engine: its status, applying your changes, and SIP network settings."
      />
      <PendingChangesBanner />
      <div className={styles.grid}>
        <AsteriskStatusCard />
        <LastApplyCard />
        <SipSettingsCard />
      </div>
    </>
  );
}
