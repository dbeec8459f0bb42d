import type { FieldErrors } from '../../../api/errors';
import { SelectField } from '../../../components/form/Field';
import { extensionLabel, type Extension } from '../extensions/api';
import { clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { orderAfterMove, orderAfterRemove, reindexErrors, replaceAt } from '../shared/orderedList';
import { OrderedListEditor } from '../shared/OrderedListEditor';
import type { QueueMember } from './api';

/** Static agents of a queue with their penalty; errors arrive as `members[i].extensionId` / `members[i].penalty`. */
export function QueueMembersEditor({
  members,
  extensions,
  errors,
  onChange,
}: {
  members: QueueMember[];
  extensions: Extension[];
  errors: FieldErrors;
  onChange: (members: QueueMember[], errors: FieldErrors) => void;
}) {
  const firstFree = extensions.find((e) => !members.some((m) => m.extensionId === e.id));
  const options = (current: number) => [
    ...(extensions.some((e) => e.id === current)
      ? []
      : [{ value: String(current), label: `Extension #${current} (missing)` }]),
    ...extensions
      .filter((e) => e.id === current || !members.some((m) => m.extensionId === e.id))
      .map((e) => ({ value: String(e.id), label: extensionLabel(e) })),
  ];

  return (
    <OrderedListEditor
      label="member"
      items={members}
      ordered={false}
      addLabel="Add member"
      emptyText={
        extensions.length === 0
          ? 'Create extensions first; then add them here.'
          : 'No fixed members: agents log in with the queue login code.'
      }
      errors={errorsFor(errors, 'members')}
      onAdd={
        firstFree
          ? () => onChange([...members, { extensionId: firstFree.id, penalty: 0 }], clearErrorsUnder(errors, 'members'))
          : undefined
      }
      onChange={(next, change) =>
        onChange(
          next,
          reindexErrors(
            errors,
            'members',
            change.kind === 'move'
              ? orderAfterMove(members.length, change.index, change.delta)
              : orderAfterRemove(members.length, change.index),
          ),
        )
      }
      renderItem={(member, index) => (
        <FieldRow>
          <SelectField
            label={`Member ${index + 1}`}
            value={String(member.extensionId)}
            options={options(member.extensionId)}
            onChange={(v) =>
              onChange(
                replaceAt(members, index, { ...member, extensionId: Number(v) }),
                clearErrorsUnder(errors, `members[${index}].extensionId`),
              )
            }
            errors={errorsFor(errors, `members[${index}].extensionId`)}
          />
          <NumberField
            label="Penalty"
            value={member.penalty}
            hint="0 rings first; higher numbers only when lower ones are busy."
            onChange={(penalty) =>
              onChange(
                replaceAt(members, index, { ...member, penalty }),
                clearErrorsUnder(errors, `members[${index}].penalty`),
              )
            }
            errors={errorsFor(errors, `members[${index}].penalty`)}
          />
        </FieldRow>
      )}
    />
  );
}
