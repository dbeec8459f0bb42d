import { useId, type ReactNode } from 'react';
import { fieldMessage } from '../../components/form/formErrors';
import styles from '../../components/form/Field.module.css';

/** A multi-line text input with label, hint and the server's messages for it (prompts, greetings). */
export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  errors = [],
  rows = 4,
  required,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  errors?: readonly string[];
  rows?: number;
  required?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const invalid = errors.length > 0;
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
        {required && (
          <span className={styles.required} aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <textarea
        id={id}
        className={styles.input}
        rows={rows}
        value={value}
        placeholder={placeholder}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {invalid ? (
        <ul id={`${id}-error`} className={styles.errors}>
          {errors.map((message) => (
            <li key={message}>{fieldMessage(label, message)}</li>
          ))}
        </ul>
      ) : (
        hint && (
          <p id={`${id}-hint`} className={styles.hint}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}
