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
import { conferencesApi, type Conference, type ConferenceInput } from './api';

const shown = ['number', 'name', 'pin', 'adminPin', 'maxMembers', 'mohClass'];

function initial(room?: Conference): ConferenceInput {
  if (room) {
    const { id: _id, ...rest } = room;
    return rest;
  }
  return {
    number: '',
    name: '',
    pin: '',
    adminPin: '',
    maxMembers: 0,
    record: false,
    announceJoinLeave: true,
    mohClass: 'default',
  };
}

export function ConferenceFormDrawer({ mode, onClose, onSaved }: FormProps<Conference>) {
  const { busy, save } = useSaveEntity(conferencesApi);
  const mohClasses = useMohClassNames(mode !== null);
  const { form, set, errors, failure, run } = useEntityForm<ConferenceInput>(mode, () =>
    initial(mode?.kind === 'edit' ? mode.item : undefined),
  );
  const editing = mode?.kind === 'edit';

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input: ConferenceInput = {
        ...form,
        number: form.number.trim(),
        name: form.name.trim(),
        pin: form.pin.trim(),
        adminPin: form.adminPin.trim(),
      };
      const { saved, created } = await save(mode, input);
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
            value={form.pin}
            onChange={set('pin')}
            hint="Optional. Callers must type it to join."
            errors={errorsFor(errors, 'pin')}
          />
          <TextField
            label="Host PIN"
            inputMode="numeric"
            value={form.adminPin}
            onChange={set('adminPin')}
            hint="Optional. Joins as the host, who can manage the room."
            errors={errorsFor(errors, 'adminPin')}
          />
        </FieldRow>
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
