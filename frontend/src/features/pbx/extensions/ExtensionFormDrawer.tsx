import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { FormDrawer } from '../../../components/FormDrawer';
import { CheckboxField, FormStack, SelectField, TextField } from '../../../components/form/Field';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { useEntityForm } from '../shared/useEntityForm';
import {
  extensionLabel,
  extensionsApi,
  newExtension,
  toInput,
  type Extension,
  type ExtensionInput,
  type RecordingPolicy,
} from './api';
import { VoicemailAndForwarding } from './VoicemailAndForwarding';
import { SecretDialog } from './SecretDialog';
import { useUsers } from '../../users/api';

const recordingOptions: { value: RecordingPolicy; label: string }[] = [
  { value: 'never', label: 'Never record' },
  { value: 'always', label: 'Record every call' },
  { value: 'onDemand', label: 'Only when the user presses the record code' },
];

/** Every path the form renders; other server messages go to the banner. */
const shown = [
  'number',
  'name',
  'email',
  'secret',
  'outboundCallerId',
  'userId',
  'ringTimeoutSeconds',
  'maxDevices',
  'recording',
  'voicemail.pin',
  'voicemail.maxMessages',
  'voicemail.maxMessageSeconds',
  'forwarding.always',
  'forwarding.busy',
  'forwarding.noAnswer',
  'followMe',
  'followMe[]',
];

export function ExtensionFormDrawer({ mode, onClose, onSaved }: FormProps<Extension>) {
  const create = extensionsApi.useCreate();
  const update = extensionsApi.useUpdate();
  const { form, setForm, set, errors, setErrors, failure, run } = useEntityForm<ExtensionInput>(mode, () =>
    mode?.kind === 'edit' ? toInput(mode.item) : newExtension(),
  );
  // The BotPBX user this phone belongs to (their web phone and "my calls" use it).
  const users = useUsers({ limit: 500, offset: 0 });
  const [created, setCreated] = useState<{ label: string; secret: string } | null>(null);

  const busy = create.isPending || update.isPending;
  const editing = mode?.kind === 'edit';

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input: ExtensionInput = {
        ...form,
        number: form.number.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
      };
      if (mode.kind === 'create') {
        const result = await create.mutateAsync(input);
        const label = extensionLabel(result.extension);
        onSaved(`Extension ${label} was created.`);
        setCreated({ label, secret: result.secret });
      } else {
        const saved = await update.mutateAsync({ id: mode.item.id, input });
        onSaved(`Extension ${extensionLabel(saved)} was saved.`);
      }
    });

  const banner = bannerFor(failure, shown);

  return (
    <>
      <FormDrawer
        open={mode !== null}
        title={editing ? 'Edit extension' : 'Add extension'}
        description={
          editing
            ? extensionLabel(mode.item)
            : 'A phone number inside your company, for a desk phone, softphone or browser.'
        }
        busy={busy}
        submitLabel={editing ? 'Save changes' : 'Create extension'}
        onClose={onClose}
        onSubmit={() => void submit()}
      >
        <FormStack>
          {banner && <Alert tone="error">{banner}</Alert>}
          <FormSection title="Basics">
            <FieldRow>
              <TextField
                label="Extension number"
                inputMode="numeric"
                placeholder="101"
                value={form.number}
                onChange={set('number')}
                hint="2 to 8 digits (not starting with 0) that colleagues dial."
                errors={errorsFor(errors, 'number')}
                required
              />
              <TextField
                label="Name"
                placeholder="Front desk"
                value={form.name}
                onChange={set('name')}
                errors={errorsFor(errors, 'name')}
                required
              />
            </FieldRow>
            <TextField
              label="Email"
              type="email"
              value={form.email}
              onChange={set('email')}
              hint="Where voicemail notifications go. Optional."
              errors={errorsFor(errors, 'email')}
            />
            <TextField
              label="Outbound caller ID"
              inputMode="tel"
              value={form.outboundCallerId}
              onChange={set('outboundCallerId')}
              hint="The number people see when this extension calls out. Leave empty to use the route's or trunk's."
              errors={errorsFor(errors, 'outboundCallerId')}
            />
            <SelectField
              label="Belongs to"
              value={form.userId === null ? '' : String(form.userId)}
              options={[
                { value: '', label: 'Nobody (a shared phone)' },
                ...(users.data?.items ?? []).map((u) => ({
                  value: String(u.id),
                  label: u.name ? `${u.name} (${u.email})` : u.email,
                })),
              ]}
              onChange={(value) => set('userId')(value === '' ? null : Number(value))}
              hint="The person who signs in to BotPBX with this extension."
              errors={errorsFor(errors, 'userId')}
            />
            {!editing && (
              <TextField
                label="SIP password"
                type="password"
                autoComplete="new-password"
                value={form.secret}
                onChange={set('secret')}
                hint="Leave empty to generate a strong password, shown once after saving."
                errors={errorsFor(errors, 'secret')}
              />
            )}
          </FormSection>

          <FormSection title="Calls">
            <FieldRow>
              <NumberField
                label="Ring for (seconds)"
                value={form.ringTimeoutSeconds}
                onChange={set('ringTimeoutSeconds')}
                errors={errorsFor(errors, 'ringTimeoutSeconds')}
              />
              <NumberField
                label="Phones at once"
                value={form.maxDevices}
                onChange={set('maxDevices')}
                hint="How many devices may sign in with this extension."
                errors={errorsFor(errors, 'maxDevices')}
              />
            </FieldRow>
            <SelectField
              label="Call recording"
              value={form.recording}
              options={recordingOptions}
              onChange={(value) => set('recording')(value as RecordingPolicy)}
              errors={errorsFor(errors, 'recording')}
            />
            <CheckboxField
              label="Browser phone (WebRTC)"
              description="Lets this extension make and take calls in the BotPBX web phone."
              checked={form.webRtc}
              onChange={set('webRtc')}
            />
            <CheckboxField
              label="Call waiting"
              description="A second call beeps during a call instead of getting busy."
              checked={form.callWaiting}
              onChange={set('callWaiting')}
            />
            <CheckboxField
              label="Do not disturb"
              description="Calls go straight to voicemail (or the busy forward)."
              checked={form.doNotDisturb}
              onChange={set('doNotDisturb')}
            />
          </FormSection>

          <VoicemailAndForwarding
            form={form}
            setForm={setForm}
            errors={errors}
            setErrors={setErrors}
            pinIsSet={editing && mode.item.voicemail.hasPin}
          />
        </FormStack>
      </FormDrawer>
      <SecretDialog
        open={created !== null}
        title="Extension created"
        intro={`Enter this SIP password in the phone of ${created?.label ?? ''}. Admins can reveal it later.`}
        secret={created?.secret ?? ''}
        onClose={() => setCreated(null)}
      />
    </>
  );
}
