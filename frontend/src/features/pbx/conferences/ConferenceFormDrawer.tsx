import { Alert } from '../../../components/Alert';
import { FormDrawer } from '../../../components/FormDrawer';
import { CheckboxField, FormStack, SelectField, TextField } from '../../../components/form/Field';
import { useMohClassNames } from '../musicOnHold/api';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, errorsFor } from '../shared/fieldErrors';
import { FieldRow } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import {
  conferencesApi,
  conferenceToInput,
  newConference,
  pinFromField,
  toConferenceRequest,
  type Conference,
  type ConferenceInput,
} from './api';

const shown = ['number', 'name', 'pin', 'adminPin', 'maxMembers', 'mohClass'];

export function ConferenceFormDrawer({ mode, onClose, onSaved }: FormProps<Conference>) {
  const { busy, save } = useSaveEntity(conferencesApi);
  const mohClasses = useMohClassNames(mode !== null);
  const { form, set, errors, failure, run } = useEntityForm<ConferenceInput>(mode, () =>
    mode?.kind === 'edit' ? conferenceToInput(mode.item) : newConference(),
  );
  const editing = mode?.kind === 'edit';
  const hasPin = editing && mode.item.hasPin;
  const hasAdminPin = editing && mode.item.hasAdminPin;

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const { saved, created } = await save(mode, toConferenceRequest(form));
      onSaved(`Conference ${saved.number} ${saved.name} was ${created ? 'created' : 'saved'}.`);
    });

  const banner = bannerFor(failure, shown);

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit conference room' : 'Add conference room'}
      description="A number several people dial to talk together."
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create room'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <FieldRow>
          <TextField
            label="Room number"
            inputMode="numeric"
            placeholder="800"
            value={form.number}
            onChange={set('number')}
            errors={errorsFor(errors, 'number')}
            required
          />
          <TextField
            label="Name"
            placeholder="Weekly meeting"
            value={form.name}
            onChange={set('name')}
            errors={errorsFor(errors, 'name')}
            required
          />
        </FieldRow>
        <FieldRow>
          <TextField
            label="PIN"
            inputMode="numeric"
            value={form.pin ?? ''}
            placeholder={hasPin ? 'Unchanged' : undefined}
            onChange={(value) => set('pin')(pinFromField(editing, value))}
            hint={hasPin ? 'Leave empty to keep the current PIN.' : 'Optional. Callers must type it to join.'}
            errors={errorsFor(errors, 'pin')}
          />
          <TextField
            label="Host PIN"
            inputMode="numeric"
            value={form.adminPin ?? ''}
            placeholder={hasAdminPin ? 'Unchanged' : undefined}
            onChange={(value) => set('adminPin')(pinFromField(editing, value))}
            hint={
              hasAdminPin
                ? 'Leave empty to keep the current host PIN.'
                : 'Optional. Joins as the host, who can manage the room.'
            }
            errors={errorsFor(errors, 'adminPin')}
          />
        </FieldRow>
        {hasPin && (
          <CheckboxField
            label="Remove the PIN (anyone may join)"
            checked={form.pin === ''}
            onChange={(remove) => set('pin')(remove ? '' : null)}
          />
        )}
        {hasAdminPin && (
          <CheckboxField
            label="Remove the host PIN"
            checked={form.adminPin === ''}
            onChange={(remove) => set('adminPin')(remove ? '' : null)}
          />
        )}
        <NumberField
          label="Most people at once"
          value={form.maxMembers}
          onChange={set('maxMembers')}
          hint="0 means no limit."
          errors={errorsFor(errors, 'maxMembers')}
        />
        <SelectField
          label="Music while alone in the room"
          value={form.mohClass}
          options={(mohClasses.includes(form.mohClass) ? mohClasses : [form.mohClass, ...mohClasses]).map((n) => ({
            value: n,
            label: n,
          }))}
          onChange={set('mohClass')}
          errors={errorsFor(errors, 'mohClass')}
        />
        <CheckboxField
          label="Announce people joining and leaving"
          checked={form.announceJoinLeave}
          onChange={set('announceJoinLeave')}
        />
        <CheckboxField label="Record the conference" checked={form.record} onChange={set('record')} />
      </FormStack>
    </FormDrawer>
  );
}
