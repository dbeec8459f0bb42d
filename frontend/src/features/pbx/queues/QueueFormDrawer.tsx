import { Alert } from '../../../components/Alert';
import { DestinationPicker } from '../../../components/DestinationPicker';
import { toRequest } from '../../../components/DestinationPicker.value';
import { FormDrawer } from '../../../components/FormDrawer';
import { CheckboxField, FormStack, SelectField, TextField } from '../../../components/form/Field';
import { extensionsApi } from '../extensions/api';
import { useMohClassNames } from '../musicOnHold/api';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import { newQueue, queueStrategies, queuesApi, type CallQueue, type CallQueueInput, type QueueStrategy } from './api';
import { QueueMembersEditor } from './QueueMembersEditor';

const shown = [
  'number',
  'name',
  'strategy',
  'memberTimeoutSeconds',
  'retrySeconds',
  'weight',
  'wrapUpSeconds',
  'members',
  'members[]',
  'mohClass',
  'announceFrequencySeconds',
  'periodicAnnounce',
  'periodicAnnounceFrequencySeconds',
  'maxWaitSeconds',
  'timeoutDestination',
  'timeoutDestination.type',
  'timeoutDestination.target',
];

export function QueueFormDrawer({ mode, onClose, onSaved }: FormProps<CallQueue>) {
  const { busy, save } = useSaveEntity(queuesApi);
  const extensions = extensionsApi.useAll(mode !== null);
  const mohClasses = useMohClassNames(mode !== null);
  const { form, setForm, set, errors, setErrors, failure, run } = useEntityForm<CallQueueInput>(mode, () => {
    if (mode?.kind !== 'edit') return newQueue();
    const { id: _id, ...rest } = mode.item;
    return { ...newQueue(), ...rest };
  });
  const editing = mode?.kind === 'edit';
  const strategy = queueStrategies.find((s) => s.value === form.strategy);

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input: CallQueueInput = {
        ...form,
        number: form.number.trim(),
        name: form.name.trim(),
        periodicAnnounce: form.periodicAnnounce.trim(),
        timeoutDestination: toRequest(form.timeoutDestination),
      };
      const { saved, created } = await save(mode, input);
      onSaved(`Queue ${saved.number} ${saved.name} was ${created ? 'created' : 'saved'}.`);
    });

  const banner = bannerFor(failure, shown);

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit queue' : 'Add queue'}
      description="Callers wait in line, hearing music, until an agent is free."
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create queue'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <FieldRow>
          <TextField
            label="Queue number"
            inputMode="numeric"
            placeholder="600"
            value={form.number}
            onChange={set('number')}
            hint="Dialled to reach the queue."
            errors={errorsFor(errors, 'number')}
            required
          />
          <TextField
            label="Name"
            placeholder="Support"
            value={form.name}
            onChange={set('name')}
            errors={errorsFor(errors, 'name')}
            required
          />
        </FieldRow>
        <SelectField
          label="Who rings first"
          value={form.strategy}
          options={queueStrategies.map((s) => ({ value: s.value, label: s.label }))}
          onChange={(v) => set('strategy')(v as QueueStrategy)}
          hint={strategy?.description}
          errors={errorsFor(errors, 'strategy')}
        />

        <FormSection title="Agents" description="Extensions that answer this queue's calls.">
          <QueueMembersEditor
            members={form.members}
            extensions={extensions.data?.items ?? []}
            errors={errors}
            onChange={(members, nextErrors) => {
              setForm((f) => ({ ...f, members }));
              setErrors(nextErrors);
            }}
          />
          <CheckboxField
            label="Agents may log in and out"
            description="With the queue login and logout codes, followed by the queue number."
            checked={form.allowDynamicMembers}
            onChange={set('allowDynamicMembers')}
          />
          <FieldRow>
            <NumberField
              label="Ring each agent for (seconds)"
              value={form.memberTimeoutSeconds}
              onChange={set('memberTimeoutSeconds')}
              errors={errorsFor(errors, 'memberTimeoutSeconds')}
            />
            <NumberField
              label="Pause between tries (seconds)"
              value={form.retrySeconds}
              onChange={set('retrySeconds')}
              errors={errorsFor(errors, 'retrySeconds')}
            />
            <NumberField
              label="Rest after a call (seconds)"
              value={form.wrapUpSeconds}
              onChange={set('wrapUpSeconds')}
              errors={errorsFor(errors, 'wrapUpSeconds')}
            />
          </FieldRow>
        </FormSection>

        <FormSection title="While callers wait">
          <SelectField
            label="Music on hold"
            value={form.mohClass}
            options={(mohClasses.includes(form.mohClass) ? mohClasses : [form.mohClass, ...mohClasses]).map((n) => ({
              value: n,
              label: n,
            }))}
            onChange={set('mohClass')}
            errors={errorsFor(errors, 'mohClass')}
          />
          <CheckboxField
            label="Tell callers their place in line"
            checked={form.announcePosition}
            onChange={set('announcePosition')}
          />
          <CheckboxField
            label="Tell callers the expected wait"
            checked={form.announceHoldTime}
            onChange={set('announceHoldTime')}
          />
          {(form.announcePosition || form.announceHoldTime) && (
            <NumberField
              label="Repeat every (seconds)"
              value={form.announceFrequencySeconds}
              onChange={set('announceFrequencySeconds')}
              errors={errorsFor(errors, 'announceFrequencySeconds')}
            />
          )}
          <FieldRow>
            <TextField
              label="Periodic message"
              placeholder="queue-periodic-announce"
              value={form.periodicAnnounce}
              onChange={set('periodicAnnounce')}
              hint="An Asterisk sound name; empty for none."
              errors={errorsFor(errors, 'periodicAnnounce')}
            />
            <NumberField
              label="Every (seconds)"
              value={form.periodicAnnounceFrequencySeconds}
              onChange={set('periodicAnnounceFrequencySeconds')}
              errors={errorsFor(errors, 'periodicAnnounceFrequencySeconds')}
            />
          </FieldRow>
          <CheckboxField
            label="Let callers join when no agent is logged in"
            checked={form.joinEmpty}
            onChange={set('joinEmpty')}
          />
          <CheckboxField
            label="Send waiting callers on when the last agent leaves"
            checked={form.leaveWhenEmpty}
            onChange={set('leaveWhenEmpty')}
          />
        </FormSection>

        <FormSection title="When nobody answers">
          <NumberField
            label="Longest wait (seconds)"
            value={form.maxWaitSeconds}
            onChange={set('maxWaitSeconds')}
            hint="0 means callers wait as long as they like."
            errors={errorsFor(errors, 'maxWaitSeconds')}
          />
          <DestinationPicker
            label="Then send the call to"
            value={form.timeoutDestination}
            onChange={(timeoutDestination) => {
              setForm((f) => ({ ...f, timeoutDestination }));
              setErrors((e) => clearErrorsUnder(e, 'timeoutDestination'));
            }}
            errors={errors}
            path="timeoutDestination"
          />
        </FormSection>
      </FormStack>
    </FormDrawer>
  );
}
