// Reading the shared flow schema to build the side panel's forms: resolving `$ref`s into `$defs`, naming settings,
// and the starting value of a new list item.
import { flowSchema } from 'virtual:ivr-flow-schema';
import type { FlowIssue } from '../flow/types';

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
}

/** The schema with its `$ref` followed, and the name of the `$defs` entry it came from (prompt, template…). */
export function resolve(schema: JsonSchema): { schema: JsonSchema; refName: string | null } {
  if (!schema.$ref) return { schema, refName: null };
  const refName = schema.$ref.replace('#/$defs/', '');
  const target = flowSchema.$defs[refName] as JsonSchema | undefined;
  if (!target) return { schema, refName: null };
  const { $ref: _ignored, ...rest } = schema;
  const inner = resolve(target);
  return { schema: { ...inner.schema, ...rest }, refName };
}

/** "timeoutSeconds" → "Timeout seconds". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A new item for a list: every required setting filled, choosing values the other items do not use yet. */
export function newItem(itemSchema: JsonSchema, siblings: readonly unknown[]): unknown {
  const { schema } = resolve(itemSchema);
  if (schema.type !== 'object' || !schema.properties) return defaultValue(schema);
  const item: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    const property = resolve(schema.properties[key] ?? {}).schema;
    const used = new Set(siblings.map((s) => (s as Record<string, unknown> | null)?.[key]));
    if (property.enum) item[key] = property.enum.find((v) => !used.has(v)) ?? property.enum[0];
    else if (key === 'id')
      item[key] = Array.from({ length: siblings.length + 2 }, (_, i) => `r${i + 1}`).find((id) => !used.has(id));
    else item[key] = defaultValue(property);
  }
  return item;
}

function defaultValue(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return '';
  }
}

/**
 * The messages about exactly one setting, for under its input. The validator names the setting first ("text is
 * required"); that name is dropped because the form shows its own label in front.
 */
export function messagesAt(issues: readonly FlowIssue[], path: string): string[] {
  const last =
    path
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? '';
  return issues
    .filter((i) => i.field === path)
    .map((i) => (i.message.startsWith(`${last} `) ? i.message.slice(last.length + 1) : i.message));
}
