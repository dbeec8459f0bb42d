import type { FieldErrors } from '../../../api/errors';
import { TextField } from '../../../components/form/Field';
import { clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { orderAfterMove, orderAfterRemove, reindexErrors, replaceAt } from '../shared/orderedList';
import { OrderedListEditor } from '../shared/OrderedListEditor';
import type { FollowMeStep } from './api';

/** The follow-me list: numbers tried in order after the extension rang out, each for its own ring time. */
export function FollowMeEditor({
  steps,
  errors,
  onChange,
}: {
  steps: FollowMeStep[];
  errors: FieldErrors;
  onChange: (steps: FollowMeStep[], errors: FieldErrors) => void;
}) {
  const edit = (index: number, step: FollowMeStep, field: keyof FollowMeStep) =>
    onChange(replaceAt(steps, index, step), clearErrorsUnder(errors, `followMe[${index}].${field}`));

  return (
    <OrderedListEditor
      label="follow-me step"
      items={steps}
      emptyText="No follow-me numbers."
      addLabel="Add number"
      errors={errorsFor(errors, 'followMe')}
      onAdd={() => onChange([...steps, { number: '', ringSeconds: 20 }], errors)}
      onChange={(next, change) =>
        onChange(
          next,
          reindexErrors(
            errors,
            'followMe',
            change.kind === 'move'
              ? orderAfterMove(steps.length, change.index, change.delta)
              : orderAfterRemove(steps.length, change.index),
          ),
        )
      }
      renderItem={(step, index) => (
        <FieldRow>
          <TextField
            label={`Number ${index + 1}`}
            inputMode="tel"
            value={step.number}
            onChange={(number) => edit(index, { ...step, number }, 'number')}
            errors={errorsFor(errors, `followMe[${index}].number`)}
          />
          <NumberField
            label="Ring for (seconds)"
            value={step.ringSeconds}
            onChange={(ringSeconds) => edit(index, { ...step, ringSeconds }, 'ringSeconds')}
            errors={errorsFor(errors, `followMe[${index}].ringSeconds`)}
          />
        </FieldRow>
      )}
    />
  );
}
