// Where a transfer sends the call. Queues, extensions and ring groups are reached by number in the dialplan
// (each kind's own context, named once in the backend's DialplanContexts), so the target is a number; the telephony API's objects are offered as suggestions
// and, while it is not installed, the field is a plain input.
import { useId } from 'react';
import { SelectField } from '../../../components/form/Field';
import { fieldMessage } from '../../../components/form/formErrors';
import fieldStyles from '../../../components/form/Field.module.css';
import { useNumberedObjects } from '../api';
import type { Destination, DestinationKind, FlowIssue } from '../flow/types';
import { messagesAt } from './schemaTools';

const kinds: { value: DestinationKind; label: string; target: string; hint: string }[] = [
  { value: 'queue', label: 'Queue', target: 'Queue number', hint: 'The number callers are queued on, e.g. 600.' },
  { value: 'extension', label: 'Extension', target: 'Extension number', hint: 'e.g. 1001' },
  { value: 'ringGroup', label: 'Ring group', target: 'Ring group number', hint: 'e.g. 700' },
  { value: 'external', label: 'External number', target: 'Phone number', hint: 'Dialled through the outbound routes.' },
  { value: 'aiAgent', label: 'AI agent', target: 'AI agent id', hint: 'The id of a configured AI agent.' },
];

const listOf = { queue: '/api/queues', extension: '/api/extensions', ringGroup: '/api/ring-groups' } as const;

export function DestinationField({
  value,
  path,
  issues,
  onChange,
}: {
  value: Destination | undefined;
  path: string;
  issues: readonly FlowIssue[];
  onChange: (value: Destination) => void;
}) {
  const destination = value ?? { kind: 'queue', target: '' };
  const kind = kinds.find((k) => k.value === destination.kind) ?? kinds[0]!;
  const objects = useNumberedObjects(listOf[destination.kind as keyof typeof listOf] ?? null);
  const id = useId();
  const errors = messagesAt(issues, `${path}.target`);
  const suggestions = objects.data ?? [];

  return (
    <>
      <SelectField
        label="Transfer to"
        required
        options={kinds.map((k) => ({ value: k.value, label: k.label }))}
        value={destination.kind}
        errors={messagesAt(issues, `${path}.kind`)}
        onChange={(next) => onChange({ kind: next as DestinationKind, target: '' })}
      />
      <div className={fieldStyles.field}>
        <label htmlFor={id} className={fieldStyles.label}>
          {kind.target}
          <span className={fieldStyles.required} aria-hidden="true">
            {' '}
            *
          </span>
        </label>
        <input
          id={id}
          className={fieldStyles.input}
          list={suggestions.length > 0 ? `${id}-list` : undefined}
          value={destination.target}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={`${id}-note`}
          onChange={(event) => onChange({ ...destination, target: event.target.value.trim() })}
        />
        {suggestions.length > 0 && (
          <datalist id={`${id}-list`}>
            {suggestions.map((o) => (
              <option key={o.number} value={o.number}>
                {o.name}
              </option>
            ))}
          </datalist>
        )}
        {errors.length > 0 ? (
          <ul id={`${id}-note`} className={fieldStyles.errors}>
            {errors.map((m) => (
              <li key={m}>{fieldMessage(kind.target, m)}</li>
            ))}
          </ul>
        ) : (
          <p id={`${id}-note`} className={fieldStyles.hint}>
            {suggestions.length > 0 ? `${kind.hint} Start typing to pick one of ${suggestions.length}.` : kind.hint}
          </p>
        )}
      </div>
    </>
  );
}
