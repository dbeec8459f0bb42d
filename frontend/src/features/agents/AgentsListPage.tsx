import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toasts';
import { CallButton } from '../phone/CallButton';
import { useAgents, useDeleteAgent, type Agent } from './api';
import styles from './agents.module.css';

export default function AgentsListPage() {
  const agents = useAgents();
  const remove = useDeleteAgent();
  const navigate = useNavigate();
  const toast = useToast();
  const [deleting, setDeleting] = useState<Agent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <div className={styles.page}>
      <PageHeader
        title="AI Agents"
        description="Voice assistants that answer calls, with their instructions, voice, language model and tools."
        actions={
          <>
            <Button variant="secondary" onClick={() => navigate('/ai-agents/providers')}>
              AI Providers
            </Button>
            <Button variant="secondary" onClick={() => navigate('/ai-agents/conversations')}>
              Conversations
            </Button>
            <Button icon="plus" onClick={() => navigate('/ai-agents/new')}>
              New agent
            </Button>
          </>
        }
      />
      {problem && <Alert tone="error">{problem}</Alert>}
      <Card>
        {agents.isError && <Alert tone="error">{errorMessage(agents.error)}</Alert>}
        {agents.data && agents.data.items.length === 0 ? (
          <EmptyState icon="bot" title="No AI agents yet">
            Create one, then send calls to it from an inbound route, a queue or an IVR.
          </EmptyState>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Language model</th>
                <th>Voice</th>
                <th>Hearing</th>
                <th>Tools</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(agents.data?.items ?? []).map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/ai-agents/${a.id}`}>{a.name}</Link>
                    <div className={styles.muted}>
                      #{a.id} {a.description}
                    </div>
                    {a.number && (
                      <div className={styles.muted}>
                        Number {a.number} <CallButton number={a.number} label={`Call ${a.name} (${a.number})`} />
                      </div>
                    )}
                  </td>
                  <td>
                    {a.llmProvider} · {a.model}
                  </td>
                  <td>
                    {a.ttsEngine}
                    {a.ttsVoice ? ` · ${a.ttsVoice}` : ''}
                  </td>
                  <td>
                    {a.sttEngine} · {a.sttLanguage}
                  </td>
                  <td className={styles.muted}>
                    {a.functions.length} functions, {a.transferTargets.length} transfer targets, {a.webhooks.length}{' '}
                    webhooks
                  </td>
                  <td>
                    <div className={styles.actions}>
                      <Button variant="secondary" onClick={() => navigate(`/ai-agents/${a.id}/try`)}>
                        Try it
                      </Button>
                      <Button variant="ghost" onClick={() => navigate(`/ai-agents/${a.id}/metrics`)}>
                        Metrics
                      </Button>
                      <Button variant="ghost" onClick={() => setDeleting(a)}>
                        Delete
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (!deleting) return;
          remove
            .mutateAsync(deleting.id)
            .then(() => {
              toast.success(`AI agent ${deleting.name} was deleted.`);
              setProblem(null);
            })
            .catch((error: unknown) => setProblem(errorMessage(error)))
            .finally(() => setDeleting(null));
        }}
      >
        Calls routed to this agent must be sent elsewhere first. Its conversations are kept.
      </ConfirmDialog>
    </div>
  );
}
