import { Badge } from '../../../components/Badge';
import { moduleOk, moduleText } from './moduleResults';
import type { ApplyReport } from './types';
import styles from './asterisk.module.css';

/** Each reloaded module with ok / failed and Asterisk's message, plus the files that changed. */
export function ApplyReportView({ report }: { report: ApplyReport }) {
  return (
    <div className={styles.report}>
      {report.modules.length === 0 ? (
        <p className={styles.muted}>No module needed a reload.</p>
      ) : (
        <table className={styles.modules} aria-label="Apply result per module">
          <thead>
            <tr>
              <th scope="col">Module</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {report.modules.map((result) => (
              <tr key={result.module}>
                <td className={styles.mono}>{result.module}</td>
                <td>
                  <Badge tone={moduleOk(result) ? 'success' : 'danger'}>{moduleOk(result) ? 'OK' : 'Failed'}</Badge>{' '}
                  <span className={styles.muted}>{moduleText(result)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.error && <p className={styles.error}>{report.error}</p>}
      {report.rolledBack && (
        <p className={styles.muted}>The previous configuration files were put back, so calls keep working as before.</p>
      )}
      {report.changedFiles.length > 0 && (
        <p className={styles.muted}>
          Changed files: <span className={styles.mono}>{report.changedFiles.join(', ')}</span>
        </p>
      )}
    </div>
  );
}
