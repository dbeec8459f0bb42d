// Schema errors from the build-time-compiled Ajv validator, worded and addressed the way the server's
// FlowValidator words them (BotPbx.Ivr/Validation/FlowValidator.cs, Schema/JsonSchemaEvaluator.cs): by node or edge
// id rather than array index, the field inside it (`data.prompt.text`), and a message that starts with the name of
// the setting it is about ("text must not be empty").
import { validateFlow, type SchemaError } from 'virtual:ivr-flow-schema';
import type { FlowIssue } from '../flow/types';

type Segment = string | number;

function segmentsOf(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function formatPath(segments: readonly Segment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** The error's message and the path it is about, or null for errors that only explain another (if/then, allOf). */
function describe(error: SchemaError): { segments: Segment[]; message: string } | null {
  const segments = segmentsOf(error.instancePath);
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return { segments: [...segments, String(p.missingProperty)], message: 'is required' };
    case 'additionalProperties':
      return { segments: [...segments, String(p.additionalProperty)], message: 'is not a known setting' };
    case 'type':
      return { segments, message: `must be of type ${Array.isArray(p.type) ? p.type.join(' or ') : String(p.type)}` };
    case 'const':
      return { segments, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'enum':
      return { segments, message: `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'minItems':
      return { segments, message: `must have at least ${String(p.limit)} item(s)` };
    case 'maxItems':
      return { segments, message: `must have at most ${String(p.limit)} item(s)` };
    case 'minLength':
      return {
        segments,
        message: p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`,
      };
    case 'maxLength':
      return { segments, message: `must be at most ${String(p.limit)} characters` };
    case 'pattern':
      return { segments, message: `does not have the expected form (${String(p.pattern)})` };
    case 'minimum':
      return { segments, message: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { segments, message: `must be at most ${String(p.limit)}` };
    case 'maxProperties':
      return { segments, message: `must have at most ${String(p.limit)} entries` };
    case 'if':
    case 'allOf':
      return null;
    default:
      return { segments, message: error.message ?? 'is not valid' };
  }
}

function idAt(document: unknown, collection: string, index: number): string | null {
  const items = (document as Record<string, unknown>)[collection];
  const item = Array.isArray(items) ? (items[index] as { id?: unknown } | undefined) : undefined;
  return item && typeof item.id === 'string' ? item.id : null;
}

/** Everything in `document` that breaks the shared flow schema, as flow issues (all errors). */
export function schemaIssues(document: unknown): FlowIssue[] {
  if (validateFlow(document)) return [];
  const issues: FlowIssue[] = [];
  const seen = new Set<string>();
  for (const error of validateFlow.errors ?? []) {
    const described = describe(error);
    if (!described) continue;
    const { segments } = described;
    const last = segments[segments.length - 1];
    const message = typeof last === 'string' ? `${last} ${described.message}` : described.message;
    let issue: FlowIssue;
    const [collection, index] = segments;
    if ((collection === 'nodes' || collection === 'edges') && typeof index === 'number') {
      const id = idAt(document, collection, index) ?? `#${index}`;
      const field = formatPath(segments.slice(2));
      issue =
        collection === 'nodes'
          ? { severity: 'error', code: 'schema', message, nodeId: id, field }
          : { severity: 'error', code: 'schema', message, edgeId: id, field };
    } else {
      issue = { severity: 'error', code: 'schema', message, field: formatPath(segments) };
    }
    const key = `${issue.nodeId ?? issue.edgeId ?? ''}|${issue.field}|${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
