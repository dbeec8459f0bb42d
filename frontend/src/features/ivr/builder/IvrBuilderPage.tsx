// /ivrs/:id — the visual IVR builder: palette, canvas, side panel (settings, simulator or calls) and toolbar.
// /ivrs/:id?view=calls opens it on the recorded calls (the IVR list links there).
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { errorMessage } from '../../../api/errors';
import { useIvr, type Ivr } from '../api';
import { parseDocument } from '../flow/document';
import type { FlowDocument } from '../flow/types';
import { layoutIfCrowded } from './autoLayout';
import { BuilderWorkspace } from './BuilderWorkspace';
import styles from './Builder.module.css';

const startOnly: FlowDocument = {
  schemaVersion: 1,
  nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }],
  edges: [],
};

function openDocument(ivr: Ivr): { document: FlowDocument; problem: string | null } {
  try {
    return { document: layoutIfCrowded(parseDocument(ivr.flow)), problem: null };
  } catch (error) {
    return { document: startOnly, problem: errorMessage(error) };
  }
}

export default function IvrBuilderPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const ivrId = Number(id);
  const ivr = useIvr(ivrId);
  // The workspace reads this once, when it mounts; later refetches of the IVR do not replace work in progress.
  const opened = useMemo(() => (ivr.data ? openDocument(ivr.data) : null), [ivr.data]);

  if (!Number.isSafeInteger(ivrId) || ivrId <= 0) return <Alert tone="error">This is not an IVR address.</Alert>;
  if (ivr.error) {
    return (
      <div className={styles.message}>
        <Alert tone="error" title="The IVR could not be opened">
          {errorMessage(ivr.error)}
        </Alert>
        <Button icon="refresh" onClick={() => void ivr.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (!ivr.data || !opened) return <p className={styles.message}>Loading…</p>;

  return (
    <ReactFlowProvider>
      <BuilderWorkspace
        key={ivrId}
        ivr={ivr.data}
        initial={opened.document}
        openProblem={opened.problem}
        initialTab={search.get('view') === 'calls' ? 'calls' : 'settings'}
      />
    </ReactFlowProvider>
  );
}
