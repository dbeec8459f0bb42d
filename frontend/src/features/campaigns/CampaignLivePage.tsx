// One campaign, live: controls, progress, figures and charts polled every 2 s, the CSV upload with its row errors,
// and the contacts with their states.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { hasRole } from '../../auth/roles';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import {
  progressOf,
  statusTone,
  useCampaign,
  useCampaignAction,
  useCampaignStats,
  useContacts,
  type Campaign,
} from './api';
import { CampaignFormDrawer } from './CampaignFormDrawer';
import { ContactsUpload } from './ContactsUpload';
import styles from './campaigns.module.css';

const outcomeColors = {
  connected: '#16a34a',
  voicemail: '#2563eb',
  noAnswer: '#d97706',
  busy: '#9333ea',
  failed: '#dc2626',
};
const states = ['', 'pending', 'dialing', 'answered-human', 'machine', 'no-answer', 'busy', 'failed', 'done', 'dnc'];

function percent(value: number) {
  return `${(value * 100).toFixed(1)} %`;
}

function Controls({ campaign }: { campaign: Campaign }) {
  const action = useCampaignAction(campaign.id);
  const s = campaign.status;
  return (
    <div className={styles.actions}>
      {(s === 'draft' || s === 'completed') && (
        <Button variant="primary" busy={action.isPending} onClick={() => action.mutate('start')}>
          Start
        </Button>
      )}
      {s === 'running' && (
        <Button busy={action.isPending} onClick={() => action.mutate('pause')}>
          Pause
        </Button>
      )}
      {s === 'paused' && (
        <Button variant="primary" busy={action.isPending} onClick={() => action.mutate('resume')}>
          Resume
        </Button>
      )}
      {s !== 'stopped' && (
        <Button variant="danger" busy={action.isPending} onClick={() => action.mutate('stop')}>
          Stop
        </Button>
      )}
      {action.error && <Alert>{errorMessage(action.error)}</Alert>}
    </div>
  );
}

export default function CampaignLivePage() {
  const id = Number(useParams().id);
  const campaign = useCampaign(id);
  const stats = useCampaignStats(id);
  const [state, setState] = useState('');
  const contacts = useContacts(id, state);
  const [editing, setEditing] = useState(false);
  const { user } = useAuth();
  const isAdmin = !!user && hasRole(user.role, 'admin');

  if (campaign.error) return <Alert>{errorMessage(campaign.error)}</Alert>;
  if (!campaign.data) return null;
  const c = campaign.data;
  const st = stats.data;
  const pie = st
    ? [
        { name: 'Connected', value: st.connected, color: outcomeColors.connected },
        { name: 'Voicemail', value: st.voicemail, color: outcomeColors.voicemail },
        { name: 'No answer', value: st.noAnswer, color: outcomeColors.noAnswer },
        { name: 'Busy', value: st.busy, color: outcomeColors.busy },
        { name: 'Failed', value: st.failed, color: outcomeColors.failed },
      ].filter((p) => p.value > 0)
    : [];
  const timeline = (st?.timeline ?? []).map((b) => ({
    ...b,
    minute: new Date(b.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
  }));

  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <>
            <Link to="/campaigns">Campaigns</Link> · <Badge tone={statusTone[c.status]}>{c.status}</Badge>{' '}
            {c.status === 'running' && (
              <Badge tone={c.windowOpen ? 'success' : 'neutral'}>
                {c.windowOpen ? 'calling hours' : 'outside calling hours: waiting'}
              </Badge>
            )}{' '}
            ·{' '}
            {c.settings.schedule.start}–{c.settings.schedule.end} {c.settings.schedule.days.join(' ')} (
            {c.settings.schedule.timeZone})
          </>
        }
        actions={
          <div className={styles.actions}>
            <Controls campaign={c} />
            {isAdmin && c.status !== 'running' && (
              <Button icon="edit" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
          </div>
        }
      />
      {st && (
        <>
          <Card title="Progress" description={`${st.contacts} contacts · ${st.inProgress} calls in progress`}>
            <div
              className={styles.progress}
              role="progressbar"
              aria-valuenow={Math.round(progressOf(st) * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className={styles.progressBar} style={{ width: `${progressOf(st) * 100}%` }} />
            </div>
            <p className={styles.note}>{percent(progressOf(st))} of contacts finished</p>
          </Card>
          <div className={styles.stats} style={{ marginTop: 16 }}>
            {[
              ['Total calls', st.total],
              ['Connected', st.connected],
              ['Voicemail', st.voicemail],
              ['No answer', st.noAnswer],
              ['Busy', st.busy],
              ['Failed', st.failed],
              ['Conversion', percent(st.conversionRate)],
              ['Abandon rate', percent(st.abandonRate)],
            ].map(([label, value]) => (
              <div key={label} className={styles.stat}>
                <div className={styles.statValue}>{value}</div>
                <div className={styles.statLabel}>{label}</div>
              </div>
            ))}
          </div>
          {st.abandonRate >= 0.03 && (
            <Alert tone="warning" title="Abandon rate above 3 %">
              The dialer has fallen back to one call per free agent.
            </Alert>
          )}
          <div className={styles.charts}>
            <Card title="Calls per minute">
              <div style={{ height: 240 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={timeline}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="minute" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    <Bar
                      dataKey="connected"
                      stackId="a"
                      name="Connected"
                      fill={outcomeColors.connected}
                      isAnimationActive={false}
                    />
                    <Bar
                      dataKey="voicemail"
                      stackId="a"
                      name="Voicemail"
                      fill={outcomeColors.voicemail}
                      isAnimationActive={false}
                    />
                    <Bar
                      dataKey="unreached"
                      stackId="a"
                      name="Not reached"
                      fill={outcomeColors.noAnswer}
                      isAnimationActive={false}
                    />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </Card>
            <Card title="Outcomes">
              <div style={{ height: 240 }}>
                {pie.length === 0 ? (
                  <p className={styles.note}>No calls yet.</p>
                ) : (
                  <ResponsiveContainer width="100%" height="100%">
                    <PieChart>
                      <Pie data={pie} dataKey="value" nameKey="name" outerRadius={80} isAnimationActive={false} label>
                        {pie.map((p) => (
                          <Cell key={p.name} fill={p.color} />
                        ))}
                      </Pie>
                      <Tooltip />
                      <Legend />
                    </PieChart>
                  </ResponsiveContainer>
                )}
              </div>
            </Card>
          </div>
        </>
      )}
      {c.status !== 'stopped' && <ContactsUpload campaignId={id} />}
      <Card
        title="Contacts"
        description={`${contacts.data?.total ?? 0} shown by state`}
        actions={
          <select aria-label="Filter by state" value={state} onChange={(e) => setState(e.target.value)}>
            {states.map((s) => (
              <option key={s} value={s}>
                {s === '' ? 'All states' : s}
              </option>
            ))}
          </select>
        }
      >
        <table className={styles.table} aria-label="Contacts">
          <thead>
            <tr>
              <th>Phone</th>
              <th>State</th>
              <th>Attempts</th>
              <th>Last outcome</th>
              <th>Variables</th>
            </tr>
          </thead>
          <tbody>
            {(contacts.data?.items ?? []).map((k) => (
              <tr key={k.id}>
                <td className="mono">{k.phone}</td>
                <td>{k.state}</td>
                <td>{k.attempts}</td>
                <td>{k.lastOutcome ?? '—'}</td>
                <td>
                  {Object.entries(k.variables)
                    .map(([n, v]) => `${n}=${v}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {editing && <CampaignFormDrawer campaign={c} open onClose={() => setEditing(false)} />}
    </>
  );
}
