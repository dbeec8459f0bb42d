// The version history drawer: every published version, newest first, to look at or to copy back into the draft.
import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Drawer } from '../../../components/Drawer';
import { Modal } from '../../../components/Modal';
import { errorMessage } from '../../../api/errors';
import type { Id } from '../../../api/types';
import { formatDateTime } from '../../dashboard/format';
import { fetchIvrVersion, useIvrVersions, useRestoreIvrVersion, type Ivr } from '../api';
import { parseDocument } from '../flow/document';
import type { FlowDocument } from '../flow/types';
import { FlowPreview } from './FlowPreview';
import styles from './Builder.module.css';

export function VersionHistory({
  ivrId,
  open,
  dirty,
  onClose,
  onRestored,
}: {
  ivrId: Id;
  open: boolean;
  dirty: boolean;
  onClose: () => void;
  onRestored: (ivr: Ivr, version: number) => void;
}) {
  const versions = useIvrVersions(ivrId, open);
  const restore = useRestoreIvrVersion();
  const [viewing, setViewing] = useState<{ version: number; document: FlowDocument } | null>(null);
  const [viewError, setViewError] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<number | null>(null);

  const view = async (version: number) => {
    setViewError(null);
    try {
      const found = await fetchIvrVersion(ivrId, version);
      setViewing({ version, document: parseDocument(found.flow) });
    } catch (error) {
      setViewError(error);
    }
  };

  return (
    <>
      <Drawer
        open={open}
        title="Version history"
        description="Published versions; new calls use the live one."
        onClose={onClose}
      >
        {versions.error ? <Alert tone="error">{errorMessage(versions.error)}</Alert> : null}
        {viewError ? <Alert tone="error">{errorMessage(viewError)}</Alert> : null}
        {versions.isLoading && <p>Loading…</p>}
        {versions.data?.items.length === 0 && (
          <p className={styles.muted}>Nothing published yet. Publish to create version 1.</p>
        )}
        <ul className={styles.versions}>
          {versions.data?.items.map((v) => (
            <li key={v.version}>
              <div>
                <strong>Version {v.version}</strong> {v.live && <Badge tone="success">Live</Badge>}
                <span className={styles.muted}>{formatDateTime(v.publishedAt)}</span>
              </div>
              <div className={styles.versionActions}>
                <Button size="sm" onClick={() => void view(v.version)}>
                  View
                </Button>
                <Button size="sm" onClick={() => setRestoring(v.version)}>
                  Restore
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Drawer>

      <Modal open={viewing !== null} title={`Version ${viewing?.version ?? ''}`} onClose={() => setViewing(null)}>
        {viewing && <FlowPreview document={viewing.document} />}
      </Modal>

      <ConfirmDialog
        open={restoring !== null}
        title={`Restore version ${restoring ?? ''}?`}
        confirmLabel="Restore into the draft"
        tone="primary"
        busy={restore.isPending}
        error={restore.error}
        onCancel={() => setRestoring(null)}
        onConfirm={async () => {
          if (restoring === null) return;
          try {
            const ivr = await restore.mutateAsync({ id: ivrId, version: restoring });
            onRestored(ivr, restoring);
            setRestoring(null);
            onClose();
          } catch {
            // Shown in the dialog.
          }
        }}
      >
        The draft is replaced by version {restoring}
        {dirty ? ', and your unsaved changes are lost' : ''}. Calls keep using the live version until you publish.
      </ConfirmDialog>
    </>
  );
}
