import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { useConversation } from './api';
import { duration } from './ConversationsPage';
import styles from './agents.module.css';
import { Waterfall } from './Waterfall';

export default function ConversationPage() {
  const id = Number(useParams().id);
  const detail = useConversation(id);
  const c = detail.data?.conversation;
  return (
    <div className={styles.page}>
      <PageHeader
        title={`Conversation #${id}`}
        description={
          c
            ? `${c.agentName} · ${c.source} · ${new Date(c.startedAt).toLocaleString()} · ${duration(c.startedAt, c.endedAt)}`
            : undefined
        }
        actions={<Link to="/ai-agents/conversations">All conversations</Link>}
      />
      {detail.isError && <Alert tone="error">{errorMessage(detail.error)}</Alert>}
      {c && (
        <Card>
          <div className={styles.grid}>
            <div>
              <div className={styles.muted}>Caller</div>
              {c.callerId ?? '—'}
            </div>
            <div>
              <div className={styles.muted}>DID</div>
              {c.did ?? '—'}
            </div>
            <div>
              <div className={styles.muted}>Channel</div>
              {c.channel ?? '—'}
            </div>
            <div>
              <div className={styles.muted}>Outcome</div>
              {c.outcome ?? 'in progress'}
              {c.transferredTo ? ` → ${c.transferredTo}` : ''}
            </div>
          </div>
          {c.error && <Alert tone="error">{c.error}</Alert>}
        </Card>
      )}
      <Card>
        <div className={styles.turns}>
          {(detail.data?.turns ?? []).map((t) => (
            <div key={t.index} className={styles.turn} data-testid="turn">
              <div className={styles.itemHeader}>
                <span>
                  <Badge tone={t.role === 'caller' ? 'neutral' : t.role === 'agent' ? 'info' : 'warning'}>
                    {t.role}
                  </Badge>{' '}
                  {t.interrupted && <Badge tone="danger">interrupted</Badge>}
                </span>
                <span className={styles.muted}>{new Date(t.at).toLocaleTimeString()}</span>
              </div>
              {t.toolName ? (
                <div className={styles.tool}>
                  <strong>{t.toolName}</strong>({t.toolArguments}) → {t.toolResult}
                </div>
              ) : (
                <p>{t.text}</p>
              )}
              {t.timings && <Waterfall timings={t.timings} />}
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}
