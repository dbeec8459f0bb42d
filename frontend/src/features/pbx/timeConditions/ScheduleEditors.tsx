import type { FieldErrors } from '../../../api/errors';
import { SelectField, TextField } from '../../../components/form/Field';
import { clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { orderAfterMove, orderAfterRemove, reindexErrors, replaceAt } from '../shared/orderedList';
import { OrderedListEditor } from '../shared/OrderedListEditor';
import type { Holiday, WeekDay, WeeklyRange } from './api';
import { months, newHoliday, officeHours, weekDays } from './schedule';

type Change = { kind: 'move'; index: number; delta: number } | { kind: 'remove'; index: number };

function follow(errors: FieldErrors, field: string, length: number, change: Change): FieldErrors {
  return reindexErrors(
    errors,
    field,
    change.kind === 'move'
      ? orderAfterMove(length, change.index, change.delta)
      : orderAfterRemove(length, change.index),
  );
}

const dayOptions = weekDays.map((d) => ({ value: d.value, label: d.label }));

/** Opening hours: one row per span of days with its start and end time. */
export function WeeklyRangesEditor({
  ranges,
  errors,
  onChange,
}: {
  ranges: WeeklyRange[];
  errors: FieldErrors;
  onChange: (ranges: WeeklyRange[], errors: FieldErrors) => void;
}) {
  const edit = (index: number, range: WeeklyRange, field: keyof WeeklyRange) =>
    onChange(replaceAt(ranges, index, range), clearErrorsUnder(errors, `ranges[${index}].${field}`));
  return (
    <OrderedListEditor
      label="opening hours"
      items={ranges}
      ordered={false}
      addLabel="Add hours"
      emptyText="No opening hours: calls always take the closed route."
      errors={errorsFor(errors, 'ranges')}
      onAdd={() => onChange([...ranges, officeHours()], errors)}
      onChange={(next, change) => onChange(next, follow(errors, 'ranges', ranges.length, change))}
      renderItem={(range, index) => (
        <FieldRow>
          <SelectField
            label="From"
            value={range.fromDay}
            options={dayOptions}
            onChange={(v) => edit(index, { ...range, fromDay: v as WeekDay }, 'fromDay')}
            errors={errorsFor(errors, `ranges[${index}].fromDay`)}
          />
          <SelectField
            label="To"
            value={range.toDay}
            options={dayOptions}
            onChange={(v) => edit(index, { ...range, toDay: v as WeekDay }, 'toDay')}
            errors={errorsFor(errors, `ranges[${index}].toDay`)}
          />
          <TextField
            label="Opens"
            type="time"
            value={range.start}
            onChange={(v) => edit(index, { ...range, start: v }, 'start')}
            errors={errorsFor(errors, `ranges[${index}].start`)}
          />
          <TextField
            label="Closes"
            type="time"
            value={range.end}
            onChange={(v) => edit(index, { ...range, end: v }, 'end')}
            errors={errorsFor(errors, `ranges[${index}].end`)}
          />
        </FieldRow>
      )}
    />
  );
}

const monthOptions = months.map((m, i) => ({ value: String(i + 1), label: m }));

/** Yearly closed days (holidays), each a span of days within one month. */
export function HolidaysEditor({
  holidays,
  errors,
  onChange,
}: {
  holidays: Holiday[];
  errors: FieldErrors;
  onChange: (holidays: Holiday[], errors: FieldErrors) => void;
}) {
  const edit = (index: number, holiday: Holiday, field: keyof Holiday) =>
    onChange(replaceAt(holidays, index, holiday), clearErrorsUnder(errors, `holidays[${index}].${field}`));
  return (
    <OrderedListEditor
      label="holiday"
      items={holidays}
      ordered={false}
      addLabel="Add holiday"
      emptyText="No holidays."
      errors={errorsFor(errors, 'holidays')}
      onAdd={() => onChange([...holidays, newHoliday()], errors)}
      onChange={(next, change) => onChange(next, follow(errors, 'holidays', holidays.length, change))}
      renderItem={(holiday, index) => (
        <FieldRow>
          <TextField
            label="Holiday"
            placeholder="Christmas"
            value={holiday.name}
            onChange={(v) => edit(index, { ...holiday, name: v }, 'name')}
            errors={errorsFor(errors, `holidays[${index}].name`)}
          />
          <SelectField
            label="Month"
            value={String(holiday.month)}
            options={monthOptions}
            onChange={(v) => edit(index, { ...holiday, month: Number(v) }, 'month')}
            errors={errorsFor(errors, `holidays[${index}].month`)}
          />
          <NumberField
            label="First day"
            value={holiday.fromDay}
            onChange={(v) => edit(index, { ...holiday, fromDay: v }, 'fromDay')}
            errors={errorsFor(errors, `holidays[${index}].fromDay`)}
          />
          <NumberField
            label="Last day"
            value={holiday.toDay}
            onChange={(v) => edit(index, { ...holiday, toDay: v }, 'toDay')}
            errors={errorsFor(errors, `holidays[${index}].toDay`)}
          />
        </FieldRow>
      )}
    />
  );
}
