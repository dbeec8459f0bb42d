// The campaign form's "upload a message" control: the audio goes to the server (converted there by sox, like hold music)
// and the recording id it answers becomes onVoicemail.recordingId.
import { useRef } from 'react';
import { errorsFor, fieldErrorsOf } from '../../components/form/formErrors';
import { errorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { useUploadVoicemailMessage } from './api';
import styles from './campaigns.module.css';

export function VoicemailMessageUpload({
  recordingId,
  onUploaded,
}: {
  recordingId: string | null | undefined;
  onUploaded: (recordingId: string) => void;
}) {
  const upload = useUploadVoicemailMessage();
  const input = useRef<HTMLInputElement>(null);
  const fileErrors = errorsFor(fieldErrorsOf(upload.error), 'file');
  const problems = upload.error ? (fileErrors.length ? fileErrors : [errorMessage(upload.error)]) : [];

  return (
    <div className={styles.upload}>
      <input
        ref={input}
        type="file"
        accept=".wav,.mp3,.ogg,.flac,audio/*"
        aria-label="Voicemail message audio"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file, { onSuccess: (r) => onUploaded(r.recordingId) });
          e.target.value = '';
        }}
      />
      <Button
        type="button"
        variant="secondary"
        icon="plus"
        busy={upload.isPending}
        onClick={() => input.current?.click()}
      >
        Upload a message
      </Button>
      <span className={styles.uploadNote}>
        {upload.isSuccess && recordingId === upload.data.recordingId
          ? `Uploaded: ${upload.data.recordingId} (8 kHz WAV)`
          : 'WAV (or MP3 where sox can read it); converted for the phone line.'}
      </span>
      {problems.map((p) => (
        <p key={p} role="alert" className={styles.uploadError}>
          {p}
        </p>
      ))}
    </div>
  );
}
