// The saved flow document, typed after schemas/ivr-flow.schema.json (the schema the server validates with).
// Only data is saved: no xyflow UI state (selection, measured sizes) ever reaches the API.

export interface Position {
  x: number;
  y: number;
}

export interface Prompt {
  kind: 'tts' | 'recording';
  text?: string;
  engine?: string;
  voice?: string;
  recordingId?: string;
}

export type DestinationKind = 'extension' | 'external' | 'queue' | 'ringGroup' | 'aiAgent';

export interface Destination {
  kind: DestinationKind;
  target: string;
}

export type DigitKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';

interface Labelled {
  /** Shown on the canvas only. */
  label?: string;
}

export interface StartData extends Labelled {
  answer?: boolean;
}
export interface PlayMessageData extends Labelled {
  prompt: Prompt;
}
export interface DtmfInputData extends Labelled {
  prompt?: Prompt;
  variable: string;
  maxDigits: number;
  timeoutSeconds: number;
  terminator?: '#' | '*' | '';
}
export interface MenuOption {
  digit: DigitKey;
  label?: string;
}
export interface MenuData extends Labelled {
  prompt: Prompt;
  options: MenuOption[];
  timeoutSeconds?: number;
  retries?: number;
  invalidPrompt?: Prompt;
  timeoutPrompt?: Prompt;
}
export interface TransferData extends Labelled {
  destination: Destination;
}
export interface VoicemailData extends Labelled {
  mailbox: string;
}
export interface Assignment {
  variable: string;
  value: string;
  channel?: boolean;
}
export interface SetVariableData extends Labelled {
  assignments: Assignment[];
}
export type BranchOperator =
  'equals' | 'notEquals' | 'contains' | 'startsWith' | 'regex' | 'lt' | 'lte' | 'gt' | 'gte' | 'isEmpty';
export interface BranchRule {
  id: string;
  variable: string;
  operator: BranchOperator;
  value: string;
  ignoreCase?: boolean;
}
export interface BranchData extends Labelled {
  rules: BranchRule[];
}
export interface HttpMapping {
  variable: string;
  path: string;
}
export interface HttpRequestData extends Labelled {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutSeconds?: number;
  mappings?: HttpMapping[];
}
export interface PlayDigitsData extends Labelled {
  value: string;
  format: 'digits' | 'number';
}
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export interface TimeRange {
  days: Weekday[];
  start: string;
  end: string;
}
export interface TimeConditionData extends Labelled {
  timeZone: string;
  ranges: TimeRange[];
  holidays?: string[];
}
export interface AiAgentData extends Labelled {
  agentId: string;
  context?: string;
}
export interface RecordMessageData extends Labelled {
  prompt?: Prompt;
  maxSeconds: number;
  silenceSeconds?: number;
  beep?: boolean;
  variable: string;
}
export interface GoToIvrData extends Labelled {
  ivrId: string;
}
export type HangupData = Labelled;

/** Each node type's settings; the keys are exactly the schema's node type enum (a unit test checks both ways). */
export interface NodeDataByType {
  start: StartData;
  playMessage: PlayMessageData;
  dtmfInput: DtmfInputData;
  menu: MenuData;
  transfer: TransferData;
  voicemail: VoicemailData;
  setVariable: SetVariableData;
  branch: BranchData;
  httpRequest: HttpRequestData;
  playDigits: PlayDigitsData;
  timeCondition: TimeConditionData;
  aiAgent: AiAgentData;
  recordMessage: RecordMessageData;
  goToIvr: GoToIvrData;
  hangup: HangupData;
}

export type NodeType = keyof NodeDataByType;

/** A node as saved: the discriminated union over `type`, so `node.type === 'menu'` narrows `node.data`. */
export type FlowNode = {
  [T in NodeType]: { id: string; type: T; position: Position; data: NodeDataByType[T] };
}[NodeType];

export interface FlowEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
}

export const FLOW_SCHEMA_VERSION = 1;

export interface FlowDocument {
  schemaVersion: typeof FLOW_SCHEMA_VERSION;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** One validation finding, the same shape the API answers (`FlowIssueResponse`). */
export interface FlowIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  nodeId?: string | null;
  edgeId?: string | null;
  /** Inside the node, e.g. `data.prompt.text`. */
  field?: string | null;
}
