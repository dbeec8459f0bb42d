// Seed 003's campaign form: caller ID and trunk, the schedule, dial settings, AMD, and what happens on each outcome.
import { useState, type FormEvent } from 'react';
import { useDestinationOptions } from '../../components/DestinationPicker';
import { CheckboxField, FormStack, SelectField, TextField } from '../../components/form/Field';
import { errorsFor, fieldErrorsOf, formBanner } from '../../components/form/formErrors';
import { FormDrawer } from '../../components/FormDrawer';
import { Alert } from '../../components/Alert';
import {
  amdFields,
  days,
  newCampaign,
  useSaveCampaign,
  useTrunks,
  type Campaign,
  type CampaignInput,
  type Day,
} from './api';
import styles from './campaigns.module.css';
import { VoicemailMessageUpload } from './VoicemailMessageUpload';

const answerKinds = [
  { value: 'aiAgent', label: 'AI agent' },
  { value: 'ivr', label: 'IVR' },
  { value: 'queue', label: 'Queue' },
  { value: 'extension', label: 'Extension' },
];

const topFields = [
  'name',
  'callerId',
  'trunkId',
  'schedule',
  'concurrentCalls',
  'callsPerMinute',
  'answerTimeoutSeconds',
  'retry',
  'amd',
  'onAnswer',
  'onVoicemail',
  'defaultRegion',
];

export function CampaignFormDrawer({
  campaign,
  open,
  onClose,
}: {
  campaign: Campaign | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form, setForm] = useState<CampaignInput>(() =>
    campaign ? { name: campaign.name, ...campaign.settings } : newCampaign(),
  );
  const save = useSaveCampaign(campaign?.id ?? null);
  const trunks = useTrunks();
  const destinations = useDestinationOptions();
  const errors = fieldErrorsOf(save.error);
  const set = (patch: Partial<CampaignInput>) => setForm((f) => ({ ...f, ...patch }));
  const num = (value: string) => (value === '' ? 0 : Number(value));
  const targets = (destinations.data ?? []).filter((d) => d.type === form.onAnswer.type);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(form, { onSuccess: onClose });
  };

  return (
    <FormDrawer
      open={open}
      title={campaign ? `Edit ${campaign.name}` : 'Create campaign'}
      description="Who to call, when, how fast, and where a person who answers goes."
      busy={save.isPending}
      submitLabel={campaign ? 'Save changes' : 'Create campaign'}
      onClose={onClose}
      onSubmit={submit}
    >
      <FormStack>
        {formBanner(save.error, topFields) && <Alert>{formBanner(save.error, topFields)}</Alert>}
        <TextField
          label="Name"
          required
          value={form.name}
          onChange={(name) => set({ name })}
          errors={errorsFor(errors, 'name')}
        />
        <div className={styles.row}>
          <TextField
            label="Caller ID"
            required
            value={form.callerId}
            placeholder="+15551234567"
            onChange={(callerId) => set({ callerId })}
            errors={errorsFor(errors, 'callerId')}
          />
          <SelectField
            label="Trunk"
            required
            value={String(form.trunkId || '')}
            options={[
              { value: '', label: 'Choose a trunk' },
              ...(trunks.data?.items ?? []).map((t) => ({ value: String(t.id), label: t.name })),
            ]}
            onChange={(v) => set({ trunkId: num(v) })}
            errors={errorsFor(errors, 'trunkId')}
          />
        </div>

        <h3 className={styles.section}>Schedule</h3>
        <div className={styles.row}>
          <TextField
            label="Start"
            type="time"
            value={form.schedule.start}
            onChange={(start) => set({ schedule: { ...form.schedule, start } })}
            errors={errorsFor(errors, 'schedule.start')}
          />
          <TextField
            label="End"
            type="time"
            value={form.schedule.end}
            onChange={(end) => set({ schedule: { ...form.schedule, end } })}
            errors={errorsFor(errors, 'schedule.end')}
          />
          <TextField
            label="Time zone"
            value={form.schedule.timeZone}
            hint="IANA name, e.g. America/New_York"
            onChange={(timeZone) => set({ schedule: { ...form.schedule, timeZone } })}
            errors={errorsFor(errors, 'schedule.timeZone')}
          />
        </div>
        <fieldset className={styles.days} aria-label="Days">
          {days.map((d) => (
            <label key={d} className={styles.day}>
              <input
                type="checkbox"
                checked={form.schedule.days.includes(d)}
                onChange={(e) =>
                  set({
                    schedule: {
                      ...form.schedule,
                      days: e.target.checked
                        ? [...form.schedule.days, d]
                        : form.schedule.days.filter((x: Day) => x !== d),
                    },
                  })
                }
              />
              {d}
            </label>
          ))}
          {errorsFor(errors, 'schedule.days').map((m) => (
            <span key={m} className={styles.error}>
              {m}
            </span>
          ))}
        </fieldset>

        <h3 className={styles.section}>Dial settings</h3>
        <div className={styles.row}>
          <TextField
            label="Concurrent calls"
            type="number"
            value={String(form.concurrentCalls)}
            onChange={(v) => set({ concurrentCalls: num(v) })}
            errors={errorsFor(errors, 'concurrentCalls')}
          />
          <TextField
            label="Calls per minute"
            type="number"
            value={String(form.callsPerMinute)}
            onChange={(v) => set({ callsPerMinute: num(v) })}
            errors={errorsFor(errors, 'callsPerMinute')}
          />
          <TextField
            label="Answer timeout (s)"
            type="number"
            value={String(form.answerTimeoutSeconds)}
            onChange={(v) => set({ answerTimeoutSeconds: num(v) })}
            errors={errorsFor(errors, 'answerTimeoutSeconds')}
          />
        </div>
        <div className={styles.row}>
          <TextField
            label="Retry attempts"
            type="number"
            value={String(form.retry.attempts)}
            onChange={(v) => set({ retry: { ...form.retry, attempts: num(v) } })}
            errors={errorsFor(errors, 'retry.attempts')}
          />
          <TextField
            label="Retry after no answer (s)"
            type="number"
            value={String(form.retry.noAnswerDelaySeconds)}
            onChange={(v) => set({ retry: { ...form.retry, noAnswerDelaySeconds: num(v) } })}
            errors={errorsFor(errors, 'retry.noAnswerDelaySeconds')}
          />
          <TextField
            label="Retry after busy (s)"
            type="number"
            value={String(form.retry.busyDelaySeconds)}
            onChange={(v) => set({ retry: { ...form.retry, busyDelaySeconds: num(v) } })}
            errors={errorsFor(errors, 'retry.busyDelaySeconds')}
          />
          <TextField
            label="Retry after failure (s)"
            type="number"
            value={String(form.retry.failedDelaySeconds)}
            onChange={(v) => set({ retry: { ...form.retry, failedDelaySeconds: num(v) } })}
            errors={errorsFor(errors, 'retry.failedDelaySeconds')}
          />
        </div>

        <h3 className={styles.section}>Answering machine detection</h3>
        <CheckboxField
          label="Detect answering machines (AMD)"
          checked={form.amd.enabled}
          description="Asterisk's AMD() listens to the first seconds: a short hello is a person, a long greeting a machine."
          onChange={(enabled) => set({ amd: { ...form.amd, enabled } })}
        />
        {form.amd.enabled && (
          <div className={styles.grid}>
            {amdFields.map((f) => (
              <TextField
                key={f.key}
                label={`${f.label}${f.unit ? ` (${f.unit})` : ''}`}
                type="number"
                value={String(form.amd[f.key])}
                hint={`${f.min}–${f.max}`}
                onChange={(v) => set({ amd: { ...form.amd, [f.key]: num(v) } })}
                errors={errorsFor(errors, `amd.${f.key}`)}
              />
            ))}
          </div>
        )}

        <h3 className={styles.section}>On answer</h3>
        <div className={styles.row}>
          <SelectField
            label="A person who answers goes to"
            value={form.onAnswer.type}
            options={answerKinds}
            onChange={(type) => set({ onAnswer: { type: type as CampaignInput['onAnswer']['type'], target: '' } })}
            errors={errorsFor(errors, 'onAnswer.type')}
          />
          <SelectField
            label="Which one"
            value={form.onAnswer.target ?? ''}
            options={[
              { value: '', label: targets.length ? 'Choose' : 'None available' },
              ...targets.map((d) => ({ value: d.target ?? '', label: d.label })),
            ]}
            onChange={(target) => set({ onAnswer: { ...form.onAnswer, target } })}
            errors={errorsFor(errors, 'onAnswer.target')}
          />
        </div>

        <h3 className={styles.section}>On voicemail</h3>
        <SelectField
          label="When a machine answers"
          value={form.onVoicemail.action}
          options={[
            { value: 'playRecording', label: 'Leave a message after the beep' },
            { value: 'hangup', label: 'Hang up' },
          ]}
          onChange={(action) =>
            set({ onVoicemail: { ...form.onVoicemail, action: action as 'hangup' | 'playRecording' } })
          }
          errors={errorsFor(errors, 'onVoicemail.action')}
        />
        {form.onVoicemail.action === 'playRecording' && (
          <div className={styles.row}>
            <TextField
              label="Message (spoken by text-to-speech)"
              value={form.onVoicemail.text ?? ''}
              onChange={(text) =>
                set({
                  onVoicemail: { ...form.onVoicemail, text, recordingId: text ? null : form.onVoicemail.recordingId },
                })
              }
              errors={[...errorsFor(errors, 'onVoicemail'), ...errorsFor(errors, 'onVoicemail.text')]}
            />
            <TextField
              label="…or an uploaded recording's id"
              value={form.onVoicemail.recordingId ?? ''}
              hint="Filled in by Upload a message, or an IVR recording's id"
              onChange={(recordingId) =>
                set({
                  onVoicemail: { ...form.onVoicemail, recordingId, text: recordingId ? null : form.onVoicemail.text },
                })
              }
              errors={errorsFor(errors, 'onVoicemail.recordingId')}
            />
          </div>
        )}
        {form.onVoicemail.action === 'playRecording' && (
          <VoicemailMessageUpload
            recordingId={form.onVoicemail.recordingId}
            onUploaded={(recordingId) => set({ onVoicemail: { ...form.onVoicemail, recordingId, text: null } })}
          />
        )}
        <p className={styles.note}>On no answer: tried again after the delay above, while attempts remain.</p>
      </FormStack>
    </FormDrawer>
  );
}
