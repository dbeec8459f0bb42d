// Small inputs of the side panel that the shared form building blocks do not have: a multi-line text field, a
// number field that can be left empty, and a group of checkboxes for a set of choices.
import { useId, type ReactNode } from 'react';
import { fieldMessage } from '../../../components/form/formErrors';
import fieldStyles from '../../../components/form/Field.module.css';
import styles from './Inspector.module.css';

interface ShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  errors: readonly string[];
  required?: boolean;
  children: ReactNode;
}

function Shell({ id, label, hint, errors, required, children }: ShellProps) {
  return (
    <div className={fieldStyles.field}>
      <label htmlFor={id} className={fieldStyles.label}>
        {label}
        {required && (
          <span className={fieldStyles.required} aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {errors.length > 0 ? (
        <ul id={`${id}-error`} className={fieldStyles.errors}>
          {errors.map((message) => (
            <li key={message}>{fieldMessage(label, message)}</li>
          ))}
        </ul>
      ) : (
        hint && (
          <p id={`${id}-hint`} className={fieldStyles.hint}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

const describedBy = (id: string, errors: readonly string[], hint?: ReactNode) =>
  errors.length > 0 ? `${id}-error` : hint ? `${id}-hint` : undefined;

export function TextAreaField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: readonly string[];
  hint?: ReactNode;
  required?: boolean;
  rows?: number;
}) {
  const id = useId();
  return (
    <Shell id={id} {...props}>
      <textarea
        id={id}
        className={`${fieldStyles.input} ${styles.textarea}`}
        rows={props.rows ?? 3}
        value={props.value}
        aria-invalid={props.errors.length > 0 || undefined}
        aria-describedby={describedBy(id, props.errors, props.hint)}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Shell>
  );
}

/** A whole number; an empty box means "not set" (undefined), which lets optional settings fall back to defaults. */
export function NumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  errors: readonly string[];
  hint?: ReactNode;
  required?: boolean;
  min?: number;
  max?: number;
}) {
  const id = useId();
  return (
    <Shell id={id} {...props}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        className={fieldStyles.input}
        min={props.min}
        max={props.max}
        value={props.value ?? ''}
        aria-invalid={props.errors.length > 0 || undefined}
        aria-describedby={describedBy(id, props.errors, props.hint)}
        onChange={(event) => {
          const text = event.target.value;
          props.onChange(text === '' ? undefined : Number(text));
        }}
      />
    </Shell>
  );
}

export function ChoiceGroup(props: {
  label: string;
  choices: readonly string[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  errors: readonly string[];
}) {
  const id = useId();
  return (
    <fieldset className={styles.choices} aria-describedby={props.errors.length > 0 ? `${id}-error` : undefined}>
      <legend className={fieldStyles.label}>{props.label}</legend>
      <div className={styles.chips}>
        {props.choices.map((choice) => {
          const on = props.value.includes(choice);
          return (
            <label key={choice} className={`${styles.chip} ${on ? styles.chipOn : ''}`}>
              <input
                type="checkbox"
                checked={on}
                onChange={() =>
                  props.onChange(
                    on
                      ? props.value.filter((v) => v !== choice)
                      : props.choices.filter((c) => c === choice || props.value.includes(c)),
                  )
                }
              />
              {choice}
            </label>
          );
        })}
      </div>
      {props.errors.length > 0 && (
        <ul id={`${id}-error`} className={fieldStyles.errors}>
          {props.errors.map((m) => (
            <li key={m}>{fieldMessage(props.label, m)}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
