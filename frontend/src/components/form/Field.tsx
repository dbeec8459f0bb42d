// Form inputs that carry their own label, hint and per-field error messages (from ApiError.fieldErrors),
// wired for accessibility (aria-invalid, aria-describedby) so browsers and tests find errors by their field.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { fieldMessage } from './formErrors';
import styles from './Field.module.css';

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  required?: boolean;
  children: ReactNode;
}

function FieldShell({ id, label, hint, errors = [], required, children }: FieldShellProps) {
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
      {children}
      {errors.length > 0 ? (
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

function describedBy(id: string, errors: readonly string[] | undefined, hint: ReactNode): string | undefined {
  if (errors && errors.length > 0) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  onChange: (value: string) => void;
}

export function TextField({
  label,
  hint,
  errors,
  onChange,
  id: givenId,
  required,
  className,
  ...input
}: TextFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const invalid = !!errors && errors.length > 0;
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required}>
      <input
        id={id}
        className={[styles.input, className].filter(Boolean).join(' ')}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        required={required}
        onChange={(event) => onChange(event.target.value)}
        {...input}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> {
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  options: readonly SelectOption[];
  onChange: (value: string) => void;
}

export function SelectField({
  label,
  hint,
  errors,
  options,
  onChange,
  id: givenId,
  required,
  ...select
}: SelectFieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const invalid = !!errors && errors.length > 0;
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required}>
      <select
        id={id}
        className={styles.input}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, hint)}
        required={required}
        onChange={(event) => onChange(event.target.value)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface CheckboxFieldProps {
  label: string;
  description?: ReactNode;
  checked: boolean;
  errors?: readonly string[];
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}

export function CheckboxField({ label, description, checked, errors = [], disabled, onChange }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.checkbox}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>
          <span className={styles.checkboxLabel}>{label}</span>
          {description && <span className={styles.hint}>{description}</span>}
        </span>
      </label>
      {errors.length > 0 && (
        <ul id={`${id}-error`} className={styles.errors}>
          {errors.map((message) => (
            <li key={message}>{fieldMessage(label, message)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Vertical stack of fields with consistent spacing. */
export function FormStack({ children }: { children: ReactNode }) {
  return <div className={styles.stack}>{children}</div>;
}
