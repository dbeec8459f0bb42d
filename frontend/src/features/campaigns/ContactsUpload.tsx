import { useRef } from 'react';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { useUploadContacts } from './api';
import styles from './campaigns.module.css';

/** Seed 003's CSV (a phone column; every other column a variable) and the per-row report of what was refused. */
export function ContactsUpload({ campaignId }: { campaignId: number }) {
  const upload = useUploadContacts(campaignId);
  const input = useRef<HTMLInputElement>(null);
  const result = upload.data;

  return (
    <Card
      title="Upload contacts"
      description="A CSV with a phone column; first_name, appointment_date and any other column become variables for the agent and the IVR."
      actions={
        <>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            aria-label="Contacts CSV"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
              e.target.value = '';
            }}
          />
          <Button icon="plus" busy={upload.isPending} onClick={() => input.current?.click()}>
            Upload CSV
          </Button>
        </>
      }
    >
      {upload.error && <Alert>{errorMessage(upload.error)}</Alert>}
      {result && (
        <>
          <Alert
            tone={result.errors.length ? 'warning' : 'success'}
            title={`${result.inserted} added, ${result.merged} merged, ${result.doNotCall} on a do-not-call list`}
          >
            {result.received} rows read; {result.errors.length} refused.
          </Alert>
          {result.errors.length > 0 && (
            <div className={styles.rowErrors}>
              <table className={styles.table} aria-label="Rows refused">
                <thead>
                  <tr>
                    <th>Row</th>
                    <th>Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {result.errors.map((e) => (
                    <tr key={e.row}>
                      <td>{e.row}</td>
                      <td>{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {!result && !upload.error && (
        <p className={styles.note}>Numbers are normalised to E.164; duplicates are merged.</p>
      )}
    </Card>
  );
}
