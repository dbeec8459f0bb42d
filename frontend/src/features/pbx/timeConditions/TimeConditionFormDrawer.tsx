import { Alert } from '../../../components/Alert';
import { DestinationPicker, type Destination } from '../../../components/DestinationPicker';
import { toRequest } from '../../../components/DestinationPicker.value';
import { FormDrawer } from '../../../components/FormDrawer';
import { FormStack, SelectField, TextField } from '../../../components/form/Field';
import { timeZoneOptions } from '../../settings/timeZones';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FormSection } from '../shared/FormSection';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import { timeConditionsApi, type TimeCondition, type TimeConditionInput } from './api';
import { browserTimeZone, newTimeCondition } from './schedule';
import { HolidaysEditor, WeeklyRangesEditor } from './ScheduleEditors';

const shown = [
  'name',
  'timeZone',
  'ranges',
  'ranges[]',
  'holidays',
  'holidays[]',
  'open',
  'open.type',
  'open.target',
  'closed',
  'closed.type',
  'closed.target',
];

export function TimeConditionFormDrawer({ mode, onClose, onSaved }: FormProps<TimeCondition>) {
  const { busy, save } = useSaveEntity(timeConditionsApi);
  const { form, setForm, set, errors, setErrors, failure, run } = useEntityForm<TimeConditionInput>(mode, () => {
    if (mode?.kind !== 'edit') return newTimeCondition(browserTimeZone());
    const { id: _id, ...rest } = mode.item;
    return rest;
  });
  const editing = mode?.kind === 'edit';

  const setDestination = (key: 'open' | 'closed') => (value: Destination) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => clearErrorsUnder(e, key));
  };

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input: TimeConditionInput = {
        ...form,
        name: form.name.trim(),
        holidays: form.holidays.map((h) => ({ ...h, name: h.name.trim() })),
        open: toRequest(form.open),
        closed: toRequest(form.closed),
      };
      const { saved, created } = await save(mode, input);
      onSaved(`Time condition ${saved.name} was ${created ? 'created' : 'saved'}.`);
    });

  const banner = bannerFor(failure, shown);

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit time condition' : 'Add time condition'}
      description="Business hours: calls go one way while you are open and another way when you are closed."
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create time condition'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <TextField
          label="Name"
          placeholder="Office hours"
          value={form.name}
          onChange={set('name')}
          errors={errorsFor(errors, 'name')}
          required
        />
        <SelectField
          label="Time zone"
          value={form.timeZone}
          options={timeZoneOptions(form.timeZone).map((z) => ({ value: z, label: z }))}
          onChange={set('timeZone')}
          hint="The hours below are local times in this zone."
          errors={errorsFor(errors, 'timeZone')}
        />
        <FormSection title="Opening hours">
          <WeeklyRangesEditor
            ranges={form.ranges}
            errors={errors}
            onChange={(ranges, next) => {
              setForm((f) => ({ ...f, ranges }));
              setErrors(next);
            }}
          />
        </FormSection>
        <FormSection title="Holidays" description="Closed all day on these dates, every year.">
          <HolidaysEditor
            holidays={form.holidays}
            errors={errors}
            onChange={(holidays, next) => {
              setForm((f) => ({ ...f, holidays }));
              setErrors(next);
            }}
          />
        </FormSection>
        <DestinationPicker
          label="While open, send calls to"
          value={form.open}
          onChange={setDestination('open')}
          errors={errors}
          path="open"
        />
        <DestinationPicker
          label="While closed, send calls to"
          value={form.closed}
          onChange={setDestination('closed')}
          errors={errors}
          path="closed"
        />
      </FormStack>
    </FormDrawer>
  );
}
