// The one "where does the call go?" input, shared by inbound routes, queues, ring groups and time conditions:
// a kind of destination in plain words, then the object (or number) it goes to.
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api } from '../api/client';
import type { FieldErrors } from '../api/errors';
import { SelectField, TextField } from './form/Field';
import { errorsFor } from './form/formErrors';
import {
  changeType,
  destinationKinds,
  kindOf,
  optionsFor,
  type Destination,
  type DestinationOption,
  type DestinationType,
} from './DestinationPicker.value';
import styles from './DestinationPicker.module.css';

export type { Destination, DestinationOption, DestinationType } from './DestinationPicker.value';

/** Under the PBX query prefix (features/pbx/shared/crudApi.ts), so saving any PBX object refreshes the choices. */
export const destinationOptionsKey = ['pbx', 'destinations'] as const;

/** Everything a call can be sent to right now: extensions, groups, queues, IVRs, AI agents, rooms… */
export function useDestinationOptions() {
  return useQuery({
    queryKey: destinationOptionsKey,
    queryFn: ({ signal }) => api.get<DestinationOption[]>('/api/destinations', { signal }),
  });
}

export interface DestinationPickerProps {
  label: string;
  value: Destination;
  onChange: (value: Destination) => void;
  /** The form's field errors and this destination's path in them (`timeoutDestination`, `open`). */
  errors?: FieldErrors;
  path?: string;
  hint?: string;
}

export function DestinationPicker({ label, value, onChange, errors = {}, path = '', hint }: DestinationPickerProps) {
  const id = useId();
  const options = useDestinationOptions();
  const all = options.data ?? [];
  const kind = kindOf(value.type);
  const choices = optionsFor(value.type, all);
  const typeErrors = [...errorsFor(errors, path), ...errorsFor(errors, `${path}.type`)];
  const targetErrors = errorsFor(errors, `${path}.target`);

  return (
    <div className={styles.picker} role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className={styles.legend}>
        {label}
      </span>
      <div className={styles.inputs}>
        <SelectField
          label="Send the call to"
          value={value.type}
          options={destinationKinds.map((k) => ({ value: k.type, label: k.label }))}
          onChange={(type) => onChange(changeType(value, type as DestinationType, all))}
          errors={typeErrors}
          hint={hint}
        />
        {kind.input === 'select' && (
          <SelectField
            label={kind.targetLabel}
            value={value.target ?? ''}
            options={
              choices.length === 0
                ? [{ value: '', label: options.isLoading ? 'Loading…' : `No ${kind.targetLabel.toLowerCase()} yet` }]
                : [
                    ...(choices.some((c) => c.target === value.target)
                      ? []
                      : [
                          { value: value.target ?? '', label: value.target ? `#${value.target} (missing)` : 'Choose…' },
                        ]),
                    ...choices.map((c) => ({ value: c.target ?? '', label: c.label })),
                  ]
            }
            onChange={(target) => onChange({ type: value.type, target })}
            errors={targetErrors}
          />
        )}
        {kind.input === 'number' && (
          <TextField
            label={kind.targetLabel}
            inputMode="tel"
            placeholder="e.g. 15551234567"
            value={value.target ?? ''}
            onChange={(target) => onChange({ type: value.type, target })}
            errors={targetErrors}
          />
        )}
      </div>
    </div>
  );
}
