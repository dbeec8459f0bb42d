import { useState } from 'react';
import { ApiError, errorMessage } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Modal } from '../../../components/Modal';
import { useToast } from '../../../components/Toasts';
import { useCurrentUser } from '../../../auth/AuthProvider';
import { hasRole } from '../../../auth/roles';
import { useApplyConfiguration, useAsteriskStatus } from './api';
import { ApplyReportView } from './ApplyReportView';
import { applySummary } from './moduleResults';
import type { ApplyReport } from './types';
import styles from './asterisk.module.css';

/** An apply that failed on the server may still carry its report inside the problem details. */
function reportOf(error: unknown): ApplyReport | null {
  if (!(error instanceof ApiError)) return null;
  const report = (error as ApiError & { report?: ApplyReport }).report;
  return report ?? null;
}

/**
 * "Changes not applied — Apply now", on every PBX page: saving an object only stores it; Asterisk runs it after an
 * apply (render → swap files → reload the changed modules). The result is shown per module.
 */
export function PendingChangesBanner() {
  const status = useAsteriskStatus();
  const apply = useApplyConfiguration();
  const toast = useToast();
  const canApply = hasRole(useCurrentUser().role, 'admin');
  const [report, setReport] = useState<ApplyReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const run = async () => {
    setFailure(null);
    try {
      const result = await apply.mutateAsync();
      setReport(result);
      if (result.success) toast.success(applySummary(result));
      else toast.error(applySummary(result));
    } catch (error) {
      setFailure(error);
      setReport(reportOf(error));
      toast.error(errorMessage(error));
    }
  };

  const pending = status.data?.pendingChanges === true;
  const open = report !== null || failure !== null;

  return (
    <>
      {pending && (
        <div className={styles.banner} role="status" data-testid="pending-changes">
          <div>
            <p className={styles.bannerTitle}>Changes not applied</p>
            <p className={styles.bannerText}>
              Your saved changes are stored but phones and calls do not use them until{' '}
              {canApply ? 'you apply them' : 'an administrator applies them'}.
            </p>
          </div>
          {canApply && (
            <Button variant="primary" icon="refresh" busy={apply.isPending} onClick={() => void run()}>
              Apply now
            </Button>
          )}
        </div>
      )}
      <Modal
        open={open}
        title={report?.success ? 'Changes applied' : 'Apply result'}
        onClose={() => {
          setReport(null);
          setFailure(null);
        }}
        footer={
          <Button
            variant="primary"
            onClick={() => {
              setReport(null);
              setFailure(null);
            }}
          >
            Close
          </Button>
        }
      >
        {failure !== null && !report && <Alert tone="error">{errorMessage(failure)}</Alert>}
        {report && (
          <>
            <Alert tone={report.success ? 'success' : 'error'}>{applySummary(report)}</Alert>
            <ApplyReportView report={report} />
          </>
        )}
      </Modal>
    </>
  );
}
