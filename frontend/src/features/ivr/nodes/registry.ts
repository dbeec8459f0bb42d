// One entry per node type: what the palette shows, the settings a new node starts with, the output handles (named
// exactly as the server's NodeSpec names them: `next`, `digit-1`, `timeout`, `invalid`, `true`, `false`, `success`,
// `error`, `rule-<id>`, `else`, `maxRetries`), whether the node waits for the caller (a loop without such a node is
// an error), and a one-line summary for the canvas. The palette, xyflow's `nodeTypes` and the TypeScript union are
// all derived from this table; the field rules come from the shared schema's `$defs/<type>Data`.
import { flowSchema } from 'virtual:ivr-flow-schema';
import type { NodeDataByType, NodeType, Prompt } from '../flow/types';
import type { NodeIconName } from './NodeIcon';

export interface OutputHandle {
  id: string;
  label: string;
  /** Outcomes that are not the happy path (timeout, invalid, error) are drawn muted. */
  tone?: 'normal' | 'muted';
}

export type NodeCategory = 'Play' | 'Caller input' | 'Logic' | 'Destination';

export interface NodeSpec<T extends NodeType> {
  type: T;
  label: string;
  description: string;
  icon: NodeIconName;
  category: NodeCategory;
  defaults: () => NodeDataByType[T];
  handles: (data: NodeDataByType[T]) => OutputHandle[];
  waitsForCaller: boolean;
  summary: (data: NodeDataByType[T]) => string;
  /** Labels of the settings in the side panel; others are named after their key. */
  fieldLabels?: Record<string, string>;
  /** What the server assumes for optional settings left unset (the side panel shows these values). */
  fieldDefaults?: Record<string, unknown>;
}

const next: OutputHandle[] = [{ id: 'next', label: 'Next' }];
const none: OutputHandle[] = [];
const tts = (text: string): Prompt => ({ kind: 'tts', text });
const promptText = (prompt: Prompt | undefined) =>
  !prompt
    ? ''
    : prompt.kind === 'tts'
      ? prompt.text
        ? `“${prompt.text}”`
        : ''
      : `Recording ${prompt.recordingId ?? ''}`;

const destinationLabels = {
  extension: 'Extension',
  external: 'External number',
  queue: 'Queue',
  ringGroup: 'Ring group',
  aiAgent: 'AI agent',
} as const;

export const nodeRegistry: { [T in NodeType]: NodeSpec<T> } = {
  start: {
    type: 'start',
    label: 'Start',
    description: 'Where every call begins',
    icon: 'start',
    category: 'Play',
    defaults: () => ({}),
    handles: () => next,
    waitsForCaller: false,
    summary: (d) => (d.answer === false ? 'Does not answer first' : 'Answers the call'),
    fieldLabels: { answer: 'Answer the call first' },
    fieldDefaults: { answer: true },
  },
  playMessage: {
    type: 'playMessage',
    label: 'Play Message',
    description: 'Say a text or play a recording',
    icon: 'speaker',
    category: 'Play',
    defaults: () => ({ prompt: tts('Thanks for calling.') }),
    handles: () => next,
    waitsForCaller: false,
    summary: (d) => promptText(d.prompt),
    fieldLabels: { prompt: 'Message' },
  },
  menu: {
    type: 'menu',
    label: 'Menu',
    description: 'Press 1 for…, one output per digit',
    icon: 'menu',
    category: 'Caller input',
    defaults: () => ({
      prompt: tts('Press 1 for sales, 2 for support.'),
      options: [{ digit: '1' }, { digit: '2' }],
    }),
    handles: (d) => [
      ...(d.options ?? []).map((o) => ({
        id: `digit-${o.digit}`,
        label: o.label ? `${o.digit} · ${o.label}` : o.digit,
      })),
      { id: 'invalid', label: 'Invalid', tone: 'muted' as const },
      { id: 'timeout', label: 'Timeout', tone: 'muted' as const },
      { id: 'maxRetries', label: 'Max retries', tone: 'muted' as const },
    ],
    waitsForCaller: true,
    summary: (d) => promptText(d.prompt),
    fieldLabels: {
      prompt: 'Prompt',
      options: 'Options',
      timeoutSeconds: 'Timeout (seconds)',
      retries: 'Retries',
      invalidPrompt: 'Invalid choice prompt',
      timeoutPrompt: 'Timeout prompt',
    },
  },
  dtmfInput: {
    type: 'dtmfInput',
    label: 'DTMF Input',
    description: 'Collect digits into a variable',
    icon: 'keypad',
    category: 'Caller input',
    defaults: () => ({
      prompt: tts('Please enter your account number.'),
      variable: 'DIGITS',
      maxDigits: 6,
      timeoutSeconds: 5,
    }),
    handles: () => [
      { id: 'next', label: 'Next' },
      { id: 'timeout', label: 'Timeout', tone: 'muted' },
    ],
    waitsForCaller: true,
    summary: (d) => `${d.maxDigits ?? '?'} digits → \${${d.variable ?? ''}}`,
    fieldLabels: { maxDigits: 'Maximum digits', timeoutSeconds: 'Timeout (seconds)' },
  },
  recordMessage: {
    type: 'recordMessage',
    label: 'Record Message',
    description: 'Record the caller into a file',
    icon: 'mic',
    category: 'Caller input',
    defaults: () => ({
      prompt: tts('Please leave your message after the tone.'),
      maxSeconds: 60,
      variable: 'RECORDING',
      beep: true,
    }),
    handles: () => next,
    waitsForCaller: true,
    summary: (d) => `Up to ${d.maxSeconds ?? '?'} s → \${${d.variable ?? ''}}`,
    fieldLabels: { maxSeconds: 'Maximum length (seconds)', silenceSeconds: 'Stop after silence (seconds)' },
    fieldDefaults: { beep: true },
  },
  playDigits: {
    type: 'playDigits',
    label: 'Play Digits',
    description: 'Read a value back as digits or a number',
    icon: 'hash',
    category: 'Play',
    defaults: () => ({ value: '${DIGITS}', format: 'digits' }),
    handles: () => next,
    waitsForCaller: false,
    summary: (d) => `Says ${d.value ?? ''} as ${d.format ?? 'digits'}`,
  },
  setVariable: {
    type: 'setVariable',
    label: 'Set Variable',
    description: 'Give variables a value',
    icon: 'variable',
    category: 'Logic',
    defaults: () => ({ assignments: [{ variable: 'PRIORITY', value: 'normal' }] }),
    handles: () => next,
    waitsForCaller: false,
    summary: (d) => (d.assignments ?? []).map((a) => `${a.variable} = ${a.value}`).join(', '),
    fieldLabels: { channel: 'Also an Asterisk channel variable' },
  },
  branch: {
    type: 'branch',
    label: 'Branch',
    description: 'Go one way or another by a variable',
    icon: 'branch',
    category: 'Logic',
    defaults: () => ({ rules: [{ id: 'r1', variable: 'CUSTOMER_TYPE', operator: 'equals', value: 'vip' }] }),
    handles: (d) => [
      ...(d.rules ?? []).map((r) => ({ id: `rule-${r.id}`, label: `${r.variable} ${r.operator} ${r.value}` })),
      { id: 'else', label: 'Else', tone: 'muted' as const },
    ],
    waitsForCaller: false,
    summary: (d) => `${(d.rules ?? []).length} rule(s)`,
    fieldLabels: { ignoreCase: 'Ignore case' },
  },
  timeCondition: {
    type: 'timeCondition',
    label: 'Time Condition',
    description: 'Open hours and holidays',
    icon: 'clock',
    category: 'Logic',
    defaults: () => ({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      ranges: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
    }),
    handles: () => [
      { id: 'true', label: 'Open' },
      { id: 'false', label: 'Closed', tone: 'muted' },
    ],
    waitsForCaller: false,
    summary: (d) => (d.ranges ?? []).map((r) => `${r.days.join(',')} ${r.start}–${r.end}`).join('; '),
    fieldLabels: { timeZone: 'Time zone', ranges: 'Open hours', holidays: 'Holidays (YYYY-MM-DD)' },
  },
  httpRequest: {
    type: 'httpRequest',
    label: 'HTTP Request',
    description: 'Call an external API',
    icon: 'globe',
    category: 'Logic',
    defaults: () => ({ method: 'GET', url: 'https://api.example.com/customers/${CALLERID}', timeoutSeconds: 5 }),
    handles: () => [
      { id: 'success', label: 'Success' },
      { id: 'error', label: 'Error', tone: 'muted' },
    ],
    waitsForCaller: false,
    summary: (d) => `${d.method ?? ''} ${d.url ?? ''}`,
    fieldLabels: { url: 'URL', timeoutSeconds: 'Timeout (seconds)', mappings: 'Save from the response' },
  },
  transfer: {
    type: 'transfer',
    label: 'Transfer',
    description: 'Send the call to a queue, extension or number',
    icon: 'transfer',
    category: 'Destination',
    defaults: () => ({ destination: { kind: 'queue', target: '' } }),
    handles: () => none,
    waitsForCaller: false,
    summary: (d) => (d.destination ? `${destinationLabels[d.destination.kind]} ${d.destination.target}` : ''),
  },
  voicemail: {
    type: 'voicemail',
    label: 'Voicemail',
    description: 'Let the caller leave a message',
    icon: 'voicemail',
    category: 'Destination',
    defaults: () => ({ mailbox: 'general' }),
    handles: () => none,
    waitsForCaller: true,
    summary: (d) => (d.mailbox === 'general' ? 'General mailbox' : `Mailbox ${d.mailbox ?? ''}`),
  },
  aiAgent: {
    type: 'aiAgent',
    label: 'AI Agent',
    description: 'Hand the call to a voice agent',
    icon: 'bot',
    category: 'Destination',
    defaults: () => ({ agentId: '' }),
    handles: () => none,
    waitsForCaller: false,
    summary: (d) => `Agent ${d.agentId ?? ''}`,
    fieldLabels: { agentId: 'Agent' },
  },
  goToIvr: {
    type: 'goToIvr',
    label: 'Go to IVR',
    description: 'Continue in another IVR',
    icon: 'jump',
    category: 'Destination',
    defaults: () => ({ ivrId: '' }),
    handles: () => none,
    waitsForCaller: false,
    summary: (d) => `IVR ${d.ivrId ?? ''}`,
    fieldLabels: { ivrId: 'IVR' },
  },
  hangup: {
    type: 'hangup',
    label: 'Hang Up',
    description: 'End the call',
    icon: 'hangup',
    category: 'Destination',
    defaults: () => ({}),
    handles: () => none,
    waitsForCaller: false,
    summary: () => 'Ends the call',
  },
};

export const nodeTypeList = Object.keys(nodeRegistry) as NodeType[];

export const paletteCategories: readonly NodeCategory[] = ['Play', 'Caller input', 'Logic', 'Destination'];

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && Object.hasOwn(nodeRegistry, value);
}

/** The spec of a node type, loosely typed for code that handles every type alike. */
export function specOf(type: NodeType): NodeSpec<NodeType> {
  return nodeRegistry[type] as unknown as NodeSpec<NodeType>;
}

/** A node's output handles; tolerant of half-filled data (the canvas draws drafts that do not validate yet). */
export function handlesOf(type: NodeType, data: unknown): OutputHandle[] {
  try {
    return specOf(type).handles((data ?? {}) as never);
  } catch {
    return [];
  }
}

/** The schema of a node type's settings: the shared schema's `$defs/<type>Data`. */
export function dataSchemaOf(type: NodeType): Record<string, unknown> {
  const schema = flowSchema.$defs[`${type}Data`];
  if (!schema) throw new Error(`The flow schema has no $defs/${type}Data`);
  return schema;
}
