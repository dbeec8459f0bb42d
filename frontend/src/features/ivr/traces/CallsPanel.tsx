// The side panel's "Calls" tab: real calls through this IVR, newest first and paged; choosing one shows the nodes it
// went through in order (what the caller did at each, how long it took, what failed) and its variables, while the
// builder highlights that path on the canvas.
import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { pageInfo } from '../../../components/DataTable';
import { errorMessage } from '../../../api/errors';
import type { Id } from '../../../api/types';
import { useIvrTraces, type IvrTrace } from '../api';
import { CallSteps } from './CallSteps';
import { callDurationMs, describeOutcome, formatDuration } from './traceWords';
import styles from './Calls.module.css';

const PAGE_SIZE = 10;

/** Calls are told apart by the second they started. */
export function formatCallTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export interface CallsPanelProps {
  ivrId: Id;
  /** The live version; a call recorded on an older one is flagged. */
  publishedVersion: number | null;
  selected: IvrTrace | null;
  onSelect: (trace: IvrTrace | null) => void;
  /** The node's name on the canvas, or null when the canvas no longer has that node. */
  nodeLabel: (nodeId: string) => string | null;
  /** The canvas's label of a node's output (a menu option's name), when it has one. */
  outputLabel: (nodeId: string, handle: string) => string | null;
}

export function CallsPanel({ ivrId, publishedVersion, selected, onSelect, nodeLabel, outputLabel }: CallsPanelProps) {
  const [offset, setOffset] = useState(0);
  const traces = useIvrTraces(ivrId, { limit: PAGE_SIZE, offset }, true);

  if (selected) {
    return (
      <div className={styles.panel} role="region" aria-label="Calls">
        <Button size="sm" variant="ghost" icon="chevronLeft" className={styles.back} onClick={() => onSelect(null)}>
          All calls
        </Button>
        <CallDetail
          trace={selected}
          ivrId={ivrId}
          publishedVersion={publishedVersion}
          nodeLabel={nodeLabel}
          outputLabel={outputLabel}
        />
      </div>
    );
  }

  const items = traces.data?.items ?? [];
  const total = traces.data?.total ?? 0;
  const page = pageInfo(total, PAGE_SIZE, offset, items.length);
  return (
    <div className={styles.panel} role="region" aria-label="Calls">
      <div className={styles.intro}>
        <div>
          <h2>Calls</h2>
          <p>Real calls through this IVR, newest first. Choose one to see its path.</p>
        </div>
        <Button size="sm" variant="ghost" icon="refresh" busy={traces.isFetching} onClick={() => void traces.refetch()}>
          Refresh
        </Button>
      </div>
      {traces.error ? <Alert tone="error">{errorMessage(traces.error)}</Alert> : null}
      {traces.isLoading && <p className={styles.muted}>Loading…</p>}
      {traces.data && total === 0 && (
        <EmptyState icon="phone" title="No calls yet">
          Calls routed to this IVR show up here when they leave it.
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className={styles.calls} aria-label="Recent calls">
          {items.map((trace) => {
            const outcome = describeOutcome(trace.outcome);
            return (
              <li key={trace.id}>
                <button type="button" className={styles.call} onClick={() => onSelect(trace)}>
                  <span className={styles.callTop}>
                    <strong>{formatCallTime(trace.startedAt)}</strong>
                    <Badge tone={outcome.tone}>{outcome.label}</Badge>
                  </span>
                  <span className={styles.callMeta}>
                    {trace.caller || 'Unknown caller'} · version {trace.version} ·{' '}
                    {formatDuration(callDurationMs(trace))}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {total > PAGE_SIZE && (
        <nav className={styles.pager} aria-label="Calls pages">
          <Button
            size="sm"
            icon="chevronLeft"
            aria-label="Newer calls"
            disabled={!page.hasPrevious}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          />
          <span>
            {page.from}–{page.to} of {total}
          </span>
          <Button
            size="sm"
            icon="chevronRight"
            aria-label="Older calls"
            disabled={!page.hasNext}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          />
        </nav>
      )}
    </div>
  );
}

function CallDetail({
  trace,
  ivrId,
  publishedVersion,
  nodeLabel,
  outputLabel,
}: {
  trace: IvrTrace;
  ivrId: Id;
  publishedVersion: number | null;
  nodeLabel: CallsPanelProps['nodeLabel'];
  outputLabel: CallsPanelProps['outputLabel'];
}) {
  const outcome = describeOutcome(trace.outcome);
  const variables = Object.entries(trace.variables ?? {});
  return (
    <>
      <div className={styles.intro}>
        <div>
          <h2>Call from {trace.caller || 'an unknown caller'}</h2>
          <p>
            {formatCallTime(trace.startedAt)} · {formatDuration(callDurationMs(trace))} · version {trace.version}
          </p>
        </div>
      </div>
      <div className={styles.outcome} data-testid="call-outcome">
        <Badge tone={outcome.tone}>{outcome.label}</Badge>
        <span>{outcome.explanation}</span>
      </div>
      {publishedVersion !== null && trace.version < publishedVersion && (
        <Alert tone="warning">
          This call ran on version {trace.version}; the canvas shows the current draft (version {publishedVersion} is
          live). Nodes may have changed since.
        </Alert>
      )}
      {trace.error && <Alert tone="error">{trace.error}</Alert>}
      <section className={styles.section}>
        <h3>Path taken</h3>
        <CallSteps steps={trace.steps} ivrId={String(ivrId)} nodeLabel={nodeLabel} outputLabel={outputLabel} />
      </section>
      <section className={styles.section}>
        <h3>Variables at the end</h3>
        {variables.length === 0 ? (
          <p className={styles.muted}>None.</p>
        ) : (
          <dl className={styles.variables} aria-label="Variables">
            {variables.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value === '' ? <em>empty</em> : value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <p className={styles.muted}>Asterisk call id {trace.callId}</p>
    </>
  );
}
