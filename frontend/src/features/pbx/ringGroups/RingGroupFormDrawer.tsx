import { Alert } from '../../../components/Alert';
import { DestinationPicker } from '../../../components/DestinationPicker';
import { toRequest } from '../../../components/DestinationPicker.value';
import { FormDrawer } from '../../../components/FormDrawer';
import { FormStack, SelectField, TextField } from '../../../components/form/Field';
import { extensionLabel, extensionsApi } from '../extensions/api';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { orderAfterMove, orderAfterRemove, reindexErrors } from '../shared/orderedList';
import { OrderedListEditor } from '../shared/OrderedListEditor';
import styles from '../shared/pbx.module.css';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import { ringGroupsApi, ringStrategies, type RingGroup, type RingGroupInput, type RingStrategy } from './api';

const shown = [
  'number',
  'name',
  'strategy',
  'ringSeconds',
  'memberExtensionIds',
  'memberExtensionIds[]',
  'noAnswerDestination',
  'noAnswerDestination.type',
  'noAnswerDestination.target',
];

function initial(group?: RingGroup): RingGroupInput {
  if (group) {
    const { id: _id, ...rest } = group;
    return rest;
  }
  return {
    number: '',
    name: '',
    strategy: 'ringAll',
    ringSeconds: 20,
    memberExtensionIds: [],
    noAnswerDestination: { type: 'hangup' },
  };
}

export function RingGroupFormDrawer({ mode, onClose, onSaved }: FormProps<RingGroup>) {
  const { busy, save } = useSaveEntity(ringGroupsApi);
  const extensions = extensionsApi.useAll(mode !== null);
  const { form, setForm, set, errors, setErrors, failure, run } = useEntityForm<RingGroupInput>(mode, () =>
    initial(mode?.kind === 'edit' ? mode.item : undefined),
  );
  const editing = mode?.kind === 'edit';
  const all = extensions.data?.items ?? [];
  const free = all.filter((e) => !form.memberExtensionIds.includes(e.id));
  const strategy = ringStrategies.find((s) => s.value === form.strategy);

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input: RingGroupInput = {
        ...form,
        number: form.number.trim(),
        name: form.name.trim(),
        noAnswerDestination: toRequest(form.noAnswerDestination),
      };
      const { saved, created } = await save(mode, input);
      onSaved(`Ring group ${saved.number} ${saved.name} was ${created ? 'created' : 'saved'}.`);
    });

  const banner = bannerFor(failure, shown);

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit ring group' : 'Add ring group'}
      description="Several phones that ring for one number."
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create ring group'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <FieldRow>
          <TextField
            label="Group number"
            inputMode="numeric"
            placeholder="700"
            value={form.number}
            onChange={set('number')}
            errors={errorsFor(errors, 'number')}
            required
          />
          <TextField
            label="Name"
            placeholder="Sales team"
            value={form.name}
            onChange={set('name')}
            errors={errorsFor(errors, 'name')}
            required
          />
        </FieldRow>
        <FieldRow>
          <SelectField
            label="How phones ring"
            value={form.strategy}
            options={ringStrategies.map((s) => ({ value: s.value, label: s.label }))}
            onChange={(v) => set('strategy')(v as RingStrategy)}
            hint={strategy?.description}
            errors={errorsFor(errors, 'strategy')}
          />
          <NumberField
            label={form.strategy === 'hunt' ? 'Ring each phone for (seconds)' : 'Ring for (seconds)'}
            value={form.ringSeconds}
            onChange={set('ringSeconds')}
            errors={errorsFor(errors, 'ringSeconds')}
          />
        </FieldRow>
        <FormSection
          title="Phones in the group"
          description={form.strategy === 'hunt' ? 'They ring in this order.' : undefined}
        >
          <OrderedListEditor
            label="group member"
            items={form.memberExtensionIds}
            ordered={form.strategy === 'hunt'}
            emptyText="No phones yet."
            errors={errorsFor(errors, 'memberExtensionIds')}
            onChange={(ids, change) => {
              setForm((f) => ({ ...f, memberExtensionIds: ids }));
              setErrors((e) =>
                reindexErrors(
                  e,
                  'memberExtensionIds',
                  change.kind === 'move'
                    ? orderAfterMove(form.memberExtensionIds.length, change.index, change.delta)
                    : orderAfterRemove(form.memberExtensionIds.length, change.index),
                ),
              );
            }}
            renderItem={(id, index) => {
              const ext = all.find((e) => e.id === id);
              return (
                <div>
                  <span className={styles.listText}>{ext ? extensionLabel(ext) : `Extension #${id} (missing)`}</span>
                  {errorsFor(errors, `memberExtensionIds[${index}]`).map((m) => (
                    <span key={m} className={styles.listErrors}>
                      {m}
                    </span>
                  ))}
                </div>
              );
            }}
          />
          {free.length > 0 && (
            <SelectField
              label="Add a phone"
              value=""
              options={[
                { value: '', label: 'Choose an extension…' },
                ...free.map((e) => ({ value: String(e.id), label: extensionLabel(e) })),
              ]}
              onChange={(v) => {
                if (v === '') return;
                setForm((f) => ({ ...f, memberExtensionIds: [...f.memberExtensionIds, Number(v)] }));
                setErrors((e) => clearErrorsUnder(e, 'memberExtensionIds'));
              }}
            />
          )}
        </FormSection>
        <DestinationPicker
          label="If nobody answers, send the call to"
          value={form.noAnswerDestination}
          onChange={(noAnswerDestination) => {
            setForm((f) => ({ ...f, noAnswerDestination }));
            setErrors((e) => clearErrorsUnder(e, 'noAnswerDestination'));
          }}
          errors={errors}
          path="noAnswerDestination"
        />
      </FormStack>
    </FormDrawer>
  );
}
