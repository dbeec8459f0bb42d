// The side panel's settings form, generated from the shared flow schema (`$defs/<type>Data`), so the builder asks
// for exactly what the server validates: enums become selects, integers number boxes, templates text areas, lists of
// objects editable lists, a set of choices checkboxes. Prompts and destinations have their own editors.
import { Button } from '../../../components/Button';
import { CheckboxField, SelectField, TextField } from '../../../components/form/Field';
import type { Destination, FlowIssue, Prompt } from '../flow/types';
import { ChoiceGroup, NumberField, TextAreaField } from './controls';
import { DestinationField } from './DestinationField';
import { IvrPicker, TimeZonePicker } from './pickers';
import { PromptField } from './PromptField';
import { humanize, messagesAt, newItem, resolve, type JsonSchema } from './schemaTools';
import styles from './Inspector.module.css';

export interface FieldContext {
  issues: readonly FlowIssue[];
  labels: Record<string, string>;
  /** Values the server assumes for unset optional settings of the node (top level only). */
  defaults?: Record<string, unknown>;
}

interface FieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  required: boolean;
  path: string;
  onChange: (value: unknown) => void;
  context: FieldContext;
  label?: string;
}

/** The select value of "not set": not a value any schema enum holds. */
const UNSET = '\u0000unset';

export function SchemaField({ name, schema: raw, value, required, path, onChange, context, label: given }: FieldProps) {
  const { schema, refName } = resolve(raw);
  // A node's own label names it on the canvas; a label inside a list item (a menu option) names that output.
  const label =
    given ??
    context.labels[name] ??
    (name === 'label' ? (path === 'data.label' ? 'Name on the canvas' : 'Label') : humanize(name));
  const errors = messagesAt(context.issues, path);

  if (refName === 'prompt') {
    return (
      <PromptField
        label={label}
        value={value as Prompt | undefined}
        required={required}
        path={path}
        issues={context.issues}
        onChange={onChange}
      />
    );
  }
  if (refName === 'destination') {
    return (
      <DestinationField
        value={value as Destination | undefined}
        path={path}
        issues={context.issues}
        onChange={onChange}
      />
    );
  }
  if (refName === 'ivrId') {
    return (
      <IvrPicker label={label} value={typeof value === 'string' ? value : ''} errors={errors} onChange={onChange} />
    );
  }
  if (name === 'timeZone' && path === 'data.timeZone') {
    return (
      <TimeZonePicker
        label={label}
        value={typeof value === 'string' ? value : ''}
        errors={errors}
        onChange={onChange}
      />
    );
  }
  if (schema.enum) {
    const choices = schema.enum.map(String);
    // An optional setting can be left unset (the server's default applies), which differs from an empty choice
    // such as a DTMF input's terminator "" (no terminator).
    const options = [
      ...(required ? [] : [{ value: UNSET, label: 'Default' }]),
      ...choices.map((c) => ({ value: c, label: c === '' ? 'None' : c })),
    ];
    return (
      <SelectField
        label={label}
        required={required}
        errors={errors}
        options={options}
        value={value === undefined ? (required ? '' : UNSET) : String(value)}
        onChange={(v) => onChange(v === UNSET ? undefined : v)}
      />
    );
  }
  switch (schema.type) {
    case 'boolean':
      return (
        <CheckboxField
          label={label}
          checked={(value ?? (path === `data.${name}` ? context.defaults?.[name] : undefined)) === true}
          errors={errors}
          onChange={(checked) => onChange(checked)}
        />
      );
    case 'integer':
    case 'number':
      return (
        <NumberField
          label={label}
          required={required}
          errors={errors}
          min={schema.minimum}
          max={schema.maximum}
          hint={
            schema.minimum !== undefined && schema.maximum !== undefined
              ? `${schema.minimum}–${schema.maximum}`
              : undefined
          }
          value={typeof value === 'number' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'array':
      return (
        <ArrayField
          name={name}
          label={label}
          schema={schema}
          value={value}
          path={path}
          onChange={onChange}
          context={context}
        />
      );
    case 'object':
      if (schema.properties) {
        return (
          <fieldset className={styles.group}>
            <legend>{label}</legend>
            <ObjectFields
              schema={schema}
              value={(value ?? {}) as Record<string, unknown>}
              path={path}
              onChange={onChange}
              context={context}
            />
          </fieldset>
        );
      }
      return (
        <KeyValueField
          label={label}
          value={(value ?? {}) as Record<string, string>}
          errors={errors}
          onChange={onChange}
        />
      );
    default: {
      const text = typeof value === 'string' ? value : '';
      const change = (v: string) => onChange(!required && v === '' ? undefined : v);
      const hint = refName === 'template' ? 'Use ${NAME} for a call variable.' : schema.description;
      if (refName === 'template' || (schema.maxLength ?? 0) > 200) {
        return (
          <TextAreaField
            label={label}
            required={required}
            errors={errors}
            hint={hint}
            value={text}
            rows={2}
            onChange={change}
          />
        );
      }
      return <TextField label={label} required={required} errors={errors} hint={hint} value={text} onChange={change} />;
    }
  }
}

/** The properties of an object schema, in schema order; an unset optional setting is removed, not saved empty. */
export function ObjectFields({
  schema,
  value,
  path,
  onChange,
  context,
  skip = [],
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  path: string;
  onChange: (value: Record<string, unknown>) => void;
  context: FieldContext;
  skip?: readonly string[];
}) {
  const required = new Set(schema.required ?? []);
  return (
    <div className={styles.fields}>
      {Object.entries(schema.properties ?? {})
        .filter(([key]) => !skip.includes(key))
        .map(([key, property]) => (
          <SchemaField
            key={key}
            name={key}
            schema={property}
            value={value[key]}
            required={required.has(key)}
            path={`${path}.${key}`}
            context={context}
            onChange={(next) => {
              const copy = { ...value };
              if (next === undefined && !required.has(key)) delete copy[key];
              else copy[key] = next;
              onChange(copy);
            }}
          />
        ))}
    </div>
  );
}

function ArrayField({
  name,
  label,
  schema,
  value,
  path,
  onChange,
  context,
}: Omit<FieldProps, 'required'> & { label: string }) {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const itemSchema = resolve(schema.items ?? {}).schema;
  const errors = messagesAt(context.issues, path);
  const set = (next: unknown[]) => onChange(next.length === 0 && (schema.minItems ?? 0) === 0 ? undefined : next);

  if (itemSchema.enum) {
    return (
      <ChoiceGroup
        label={label}
        choices={itemSchema.enum.map(String)}
        value={items.map(String)}
        errors={errors}
        onChange={set}
      />
    );
  }
  const singular = label.replace(/s$/, '');
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;
  return (
    <fieldset className={styles.group}>
      <legend>{label}</legend>
      {errors.length > 0 && (
        <ul className={styles.groupErrors}>
          {errors.map((m) => (
            <li key={m}>{`${label} ${m}`}</li>
          ))}
        </ul>
      )}
      <ol className={styles.items}>
        {items.map((item, index) => (
          <li key={index} className={styles.item} aria-label={`${singular} ${index + 1}`}>
            <div className={styles.itemFields}>
              {itemSchema.type === 'object' ? (
                <ObjectFields
                  schema={itemSchema}
                  value={(item ?? {}) as Record<string, unknown>}
                  path={`${path}[${index}]`}
                  context={context}
                  onChange={(next) => set(items.map((old, i) => (i === index ? next : old)))}
                />
              ) : (
                <SchemaField
                  name={name}
                  label={`${singular} ${index + 1}`}
                  schema={itemSchema}
                  value={item}
                  required
                  path={`${path}[${index}]`}
                  context={context}
                  onChange={(next) => set(items.map((old, i) => (i === index ? next : old)))}
                />
              )}
            </div>
            <Button
              size="sm"
              variant="ghost"
              icon="trash"
              aria-label={`Remove ${singular.toLowerCase()} ${index + 1}`}
              title="Remove"
              onClick={() => set(items.filter((_, i) => i !== index))}
            />
          </li>
        ))}
      </ol>
      <Button size="sm" icon="plus" disabled={full} onClick={() => set([...items, newItem(itemSchema, items)])}>
        Add {singular.toLowerCase()}
      </Button>
    </fieldset>
  );
}

/** Header name → value pairs (httpRequest headers). */
function KeyValueField({
  label,
  value,
  errors,
  onChange,
}: {
  label: string;
  value: Record<string, string>;
  errors: readonly string[];
  onChange: (value: unknown) => void;
}) {
  const entries = Object.entries(value);
  const set = (next: [string, string][]) => onChange(next.length === 0 ? undefined : Object.fromEntries(next));
  return (
    <fieldset className={styles.group}>
      <legend>{label}</legend>
      {errors.map((m) => (
        <p key={m} className={styles.groupErrors}>{`${label} ${m}`}</p>
      ))}
      {entries.map(([key, text], index) => (
        <div key={index} className={styles.pair}>
          <TextField
            label="Name"
            value={key}
            onChange={(k) => set(entries.map((e, i) => (i === index ? [k, e[1]] : e)))}
          />
          <TextField
            label="Value"
            value={text}
            onChange={(v) => set(entries.map((e, i) => (i === index ? [e[0], v] : e)))}
          />
          <Button
            size="sm"
            variant="ghost"
            icon="trash"
            aria-label={`Remove ${key || 'entry'}`}
            onClick={() => set(entries.filter((_, i) => i !== index))}
          />
        </div>
      ))}
      <Button size="sm" icon="plus" onClick={() => set([...entries, [`X-Header-${entries.length + 1}`, '']])}>
        Add {label.toLowerCase().replace(/s$/, '')}
      </Button>
    </fieldset>
  );
}
