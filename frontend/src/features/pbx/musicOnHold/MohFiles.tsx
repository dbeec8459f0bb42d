import { useRef } from 'react';
import { errorMessage } from '../../../api/errors';
import { errorsFor, fieldErrorsOf, fieldMessage } from '../../../components/form/formErrors';
import type { Id } from '../../../api/types';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { useToast } from '../../../components/Toasts';
import styles from '../shared/pbx.module.css';
import { useMohFiles, useUploadMohFile } from './api';

/** The audio files of a class with an upload button (one file at a time). */
export function MohFiles({ classId }: { classId: Id }) {
  const files = useMohFiles(classId);
  const upload = useUploadMohFile(classId);
  const input = useRef<HTMLInputElement>(null);
  const toast = useToast();

  const send = async (file: File) => {
    try {
      await upload.mutateAsync(file);
      await files.refetch();
      toast.success(`${file.name} was uploaded.`);
    } catch {
      // Shown below the button.
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const list = files.data?.files ?? [];
  return (
    <div className={styles.stack}>
      {files.error ? <Alert tone="error">{errorMessage(files.error)}</Alert> : null}
      {list.length === 0 ? (
        <p className={styles.help}>No audio files yet: callers hear silence with this class.</p>
      ) : (
        <ul aria-label="Audio files">
          {list.map((name) => (
            <li key={name} className={styles.mono}>
              {name}
            </li>
          ))}
        </ul>
      )}
      <div>
        <input
          ref={input}
          type="file"
          accept="audio/*,.wav,.mp3,.ogg,.gsm,.ulaw,.alaw,.sln"
          aria-label="Audio file to upload"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void send(file);
          }}
        />
        <Button icon="plus" busy={upload.isPending} onClick={() => input.current?.click()}>
          Upload audio
        </Button>
      </div>
      {upload.error ? (
        <Alert tone="error">
          {errorsFor(fieldErrorsOf(upload.error), 'file')
            .map((message) => fieldMessage('The audio file', message))
            .join(' ') || errorMessage(upload.error)}
        </Alert>
      ) : null}
      <p className={styles.help}>
        {files.data?.converts
          ? 'Uploads are converted to the format Asterisk plays (8 kHz mono WAV).'
          : 'Upload 8 kHz mono WAV files: this server cannot convert other formats (sox is not installed).'}
      </p>
    </div>
  );
}
