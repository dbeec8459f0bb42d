import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { hasRole } from '../../auth/roles';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { statusTone, useCampaigns } from './api';
import { CampaignFormDrawer } from './CampaignFormDrawer';
import styles from './campaigns.module.css';

export default function CampaignsListPage() {
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const { user } = useAuth();
  const isAdmin = !!user && hasRole(user.role, 'admin');

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Outbound calling lists: paced dialling inside a schedule, answering-machine detection, results per contact."
        actions={
          isAdmin && (
            <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
              Create campaign
            </Button>
          )
        }
      />
      {campaigns.error && <Alert>{errorMessage(campaigns.error)}</Alert>}
      <Card>
        {campaigns.data && campaigns.data.length === 0 ? (
          <EmptyState icon="megaphone" title="No campaigns yet">
            A campaign calls a list of contacts and hands each person who answers to an AI agent, IVR, queue or
            extension.
          </EmptyState>
        ) : (
          <table className={styles.table} aria-label="Campaigns">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Schedule</th>
                <th>Dialling</th>
                <th>AMD</th>
              </tr>
            </thead>
            <tbody>
              {(campaigns.data ?? []).map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>
                    <Badge tone={statusTone[c.status]}>{c.status}</Badge>
                  </td>
                  <td>
                    {c.settings.schedule.start}–{c.settings.schedule.end} {c.settings.schedule.days.join(' ')} (
                    {c.settings.schedule.timeZone})
                  </td>
                  <td>
                    {c.settings.concurrentCalls} at once, {c.settings.callsPerMinute}/min
                  </td>
                  <td>{c.settings.amd.enabled ? 'On' : 'Off'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {creating && <CampaignFormDrawer campaign={null} open onClose={() => setCreating(false)} />}
    </>
  );
}
