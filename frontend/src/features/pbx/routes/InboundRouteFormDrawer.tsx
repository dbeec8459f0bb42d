import { Alert } from '../../../components/Alert';
import { DestinationPicker } from '../../../components/DestinationPicker';
import { toRequest } from '../../../components/DestinationPicker.value';
import { FormDrawer } from '../../../components/FormDrawer';
import { FormStack, SelectField, TextField } from '../../../components/form/Field';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import { trunksApi } from '../trunks/api';
import { inboundRoutesApi, type InboundRoute, type InboundRouteInput } from './api';

const shown = ['name', 'did', 'callerIdPattern', 'trunkId', 'destination', 'destination.type', 'destination.target'];

function initial(route?: InboundRoute): InboundRouteInput {
  if (route) {
    const { id: _id, ...rest } = route;
    return rest;
  }
  return { name: '', did: '', callerIdPattern: '', trunkId: null, destination: { type: 'hangup' } };
}

export function InboundRouteFormDrawer({ mode, onClose, onSaved }: FormProps<InboundRoute>) {
  const { busy, save } = useSaveEntity(inboundRoutesApi);
  const trunks = trunksApi.useAll(mode !== null);
  const { form, setForm, set, errors, setErrors, failure, run } = useEntityForm<InboundRouteInput>(mode, () =>
    initial(mode?.kind === 'edit' ? mode.item : undefined),
  );
  const editing = mode?.kind === 'edit';

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input: InboundRouteInput = {
        ...form,
        name: form.name.trim(),
        did: form.did.trim(),
        callerIdPattern: form.callerIdPattern.trim(),
        destination: toRequest(form.destination),
      };
      const { saved, created } = await save(mode, input);
      onSaved(`Inbound route ${saved.name || saved.did} was ${created ? 'created' : 'saved'}.`);
    });

  const banner = bannerFor(failure, shown);
  const trunkOptions = [
    { value: '', label: 'Any trunk' },
    ...(trunks.data?.items ?? []).map((t) => ({ value: String(t.id), label: t.name })),
  ];

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit inbound route' : 'Add inbound route'}
      description="Where calls to one of your phone numbers go."
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create route'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <TextField
          label="Name"
          placeholder="Main number"
          value={form.name}
          onChange={set('name')}
          errors={errorsFor(errors, 'name')}
          required
        />
        <TextField
          label="Phone number (DID)"
          inputMode="tel"
          placeholder="+15551234567"
          value={form.did}
          onChange={set('did')}
          hint="As your provider sends it. A pattern starting with _ matches several numbers (e.g. _+1555123XXXX)."
          errors={errorsFor(errors, 'did')}
          required
        />
        <TextField
          label="Only from callers"
          value={form.callerIdPattern}
          onChange={set('callerIdPattern')}
          hint="Optional caller number or pattern; empty means every caller."
          errors={errorsFor(errors, 'callerIdPattern')}
        />
        <SelectField
          label="Arriving on"
          value={form.trunkId === null ? '' : String(form.trunkId)}
          options={trunkOptions}
          onChange={(v) => set('trunkId')(v === '' ? null : Number(v))}
          errors={errorsFor(errors, 'trunkId')}
        />
        <DestinationPicker
          label="Send calls to"
          value={form.destination}
          onChange={(destination) => {
            setForm((f) => ({ ...f, destination }));
            setErrors((e) => clearErrorsUnder(e, 'destination'));
          }}
          errors={errors}
          path="destination"
        />
      </FormStack>
    </FormDrawer>
  );
}
