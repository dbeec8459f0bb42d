// What the caller hears: text spoken by the TTS engine, or an uploaded recording by id. An optional prompt (a
// menu's "invalid choice" prompt) can be added and removed; a required one is always there.
import { Button } from '../../../components/Button';
import { SelectField, TextField } from '../../../components/form/Field';
import type { FlowIssue, Prompt } from '../flow/types';
import { TextAreaField } from './controls';
import { messagesAt } from './schemaTools';
import styles from './Inspector.module.css';

const kinds = [
  { value: 'tts', label: 'Text to speech' },
  { value: 'recording', label: 'Recording' },
];

export function PromptField({
  label,
  value,
  required,
  path,
  issues,
  onChange,
}: {
  label: string;
  value: Prompt | undefined;
  required: boolean;
  path: string;
  issues: readonly FlowIssue[];
  onChange: (value: Prompt | undefined) => void;
}) {
  if (!value) {
    return (
      <div className={styles.optional}>
        <span>{label}</span>
        <Button size="sm" icon="plus" onClick={() => onChange({ kind: 'tts', text: '' })}>
          Add
        </Button>
        {messagesAt(issues, path).map((m) => (
          <p key={m} className={styles.groupErrors}>{`${label} ${m}`}</p>
        ))}
      </div>
    );
  }
  const set = (change: Partial<Prompt>) => {
    const next: Prompt = { ...value, ...change };
    for (const key of Object.keys(next) as (keyof Prompt)[]) if (next[key] === '' && key !== 'text') delete next[key];
    onChange(next);
  };
  return (
    <fieldset className={styles.group}>
      <legend>{label}</legend>
      <div className={styles.fields}>
        <SelectField
          label={`${label}: played as`}
          options={kinds}
          value={value.kind}
          errors={messagesAt(issues, `${path}.kind`)}
          onChange={(kind) =>
            onChange(
              kind === 'tts'
                ? { kind: 'tts', text: value.text ?? '' }
                : { kind: 'recording', recordingId: value.recordingId ?? '' },
            )
          }
        />
        {value.kind === 'tts' ? (
          <>
            <TextAreaField
              label={label}
              required
              value={value.text ?? ''}
              errors={messagesAt(issues, `${path}.text`)}
              hint="Spoken by the text-to-speech engine. ${NAME} inserts a call variable."
              onChange={(text) => set({ text })}
            />
            <TextField
              label="Voice"
              value={value.voice ?? ''}
              errors={messagesAt(issues, `${path}.voice`)}
              hint="Leave empty for the engine’s default voice."
              onChange={(voice) => set({ voice })}
            />
          </>
        ) : (
          <TextField
            label="Recording id"
            required
            value={value.recordingId ?? ''}
            errors={messagesAt(issues, `${path}.recordingId`)}
            onChange={(recordingId) => set({ recordingId })}
          />
        )}
        {!required && (
          <Button size="sm" variant="ghost" icon="trash" onClick={() => onChange(undefined)}>
            Remove {label.toLowerCase()}
          </Button>
        )}
      </div>
    </fieldset>
  );
}
