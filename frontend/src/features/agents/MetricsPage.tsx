import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { useAgent, useAgentMetrics } from './api';
import styles from './agents.module.css';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10} %`);
const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);

export default function MetricsPage() {
  const id = Number(useParams().id);
  const agent = useAgent(id);
  const metrics = useAgentMetrics(id);
  const m = metrics.data;
  return (
    <div className={styles.page}>
      <PageHeader
        title={`Metrics of ${agent.data?.name ?? 'the agent'}`}
        description="Over its ended calls (try-it chats are not counted)."
        actions={
          <>
            <Link to={`/ai-agents/conversations?agentId=${id}`}>Its conversations</Link> ·{' '}
            <Link to="/ai-agents">Back to agents</Link>
          </>
        }
      />
      {metrics.isError && <Alert tone="error">{errorMessage(metrics.error)}</Alert>}
      {m && (
        <Card>
          <div className={styles.metrics}>
            <div className={styles.metric}>
              <div className={styles.muted}>Calls</div>
              <div className={styles.metricValue}>{m.conversations}</div>
            </div>
            <div className={styles.metric}>
              <div className={styles.muted}>Average handle time</div>
              <div className={styles.metricValue}>
                {m.averageHandleTimeSeconds === null ? '—' : `${Math.round(m.averageHandleTimeSeconds)} s`}
              </div>
            </div>
            <div className={styles.metric}>
              <div className={styles.muted}>Transfer rate</div>
              <div className={styles.metricValue}>{percent(m.transferRate)}</div>
            </div>
            <div className={styles.metric}>
              <div className={styles.muted}>Resolution rate</div>
              <div className={styles.metricValue}>{percent(m.resolutionRate)}</div>
            </div>
            <div className={styles.metric}>
              <div className={styles.muted}>Error rate</div>
              <div className={styles.metricValue}>{percent(m.errorRate)}</div>
            </div>
          </div>
          <h3>Latency after the end of the caller's speech (last {m.latency.turns} turns)</h3>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Stage</th>
                <th>p50</th>
                <th>p95</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>STT final</td>
                <td>{ms(m.latency.sttFinalP50)}</td>
                <td>{ms(m.latency.sttFinalP95)}</td>
              </tr>
              <tr>
                <td>LLM first token</td>
                <td>{ms(m.latency.llmFirstTokenP50)}</td>
                <td>{ms(m.latency.llmFirstTokenP95)}</td>
              </tr>
              <tr>
                <td>TTS first audio</td>
                <td>{ms(m.latency.ttsFirstAudioP50)}</td>
                <td>{ms(m.latency.ttsFirstAudioP95)}</td>
              </tr>
              <tr>
                <td>First frame sent</td>
                <td>{ms(m.latency.firstFrameSentP50)}</td>
                <td>{ms(m.latency.firstFrameSentP95)}</td>
              </tr>
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
