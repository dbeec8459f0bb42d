import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useConversations } from './api';
import styles from './agents.module.css';

export function duration(start: string, end: string | null): string {
  if (!end) return 'in progress';
  const seconds = Math.round((Date.parse(end) - Date.parse(start)) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export default function ConversationsPage() {
  const [params] = useSearchParams();
  const agentId = params.get('agentId') ? Number(params.get('agentId')) : null;
  const conversations = useConversations(agentId);
  return (
    <div className={styles.page}>
      <PageHeader
        title="Agent conversations"
        description="Every call (and try-it chat) an AI agent had, newest first."
        actions={<Link to="/ai-agents">Back to agents</Link>}
      />
      <Card>
        {conversations.isError && <Alert tone="error">{errorMessage(conversations.error)}</Alert>}
        {conversations.data?.items.length === 0 ? (
          <EmptyState icon="bot" title="No conversations yet" />
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Started</th>
                <th>Agent</th>
                <th>Source</th>
                <th>Caller</th>
                <th>Duration</th>
                <th>Turns</th>
                <th>Outcome</th>
              </tr>
            </thead>
            <tbody>
              {(conversations.data?.items ?? []).map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/ai-agents/conversations/${c.id}`}>{new Date(c.startedAt).toLocaleString()}</Link>
                  </td>
                  <td>{c.agentName}</td>
                  <td>{c.source}</td>
                  <td>{c.callerId ?? '—'}</td>
                  <td>{duration(c.startedAt, c.endedAt)}</td>
                  <td>{c.turns}</td>
                  <td>
                    {c.outcome ? (
                      <Badge tone={c.outcome === 'completed' ? 'success' : c.outcome === 'error' ? 'danger' : 'info'}>
                        {c.outcome}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
