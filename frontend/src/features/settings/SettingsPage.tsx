import { useCurrentUser } from '../../auth/AuthProvider';
import { hasRole } from '../../auth/roles';
import { PageHeader } from '../../components/PageHeader';
import { ChangePasswordCard } from './ChangePasswordCard';
import { CompanySettingsCard } from './CompanySettingsCard';
import styles from './SettingsPage.module.css';

export default function SettingsPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Settings" description="Your own account, and for administrators, the company's settings." />
      <div className={styles.grid}>
        <ChangePasswordCard />
        {hasRole(user.role, 'admin') && <CompanySettingsCard />}
      </div>
    </>
  );
}
