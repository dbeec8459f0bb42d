// The live feed's shapes as the hub sends them (camelCase), mirroring backend/BotPbx.Telephony/Live/LiveSnapshots.cs.

export interface LiveChannel {
  uniqueid: string;
  linkedid: string;
  channel: string;
  state: string;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  context: string;
  exten: string;
  application: string;
  applicationData: string;
  bridgeId: string | null;
  endpoint: string | null;
  createdAt: string;
  answeredAt: string | null;
}

export interface LiveCall {
  callId: string;
  from: string;
  fromName: string;
  to: string;
  direction: 'inbound' | 'outbound' | 'internal';
  state: 'ringing' | 'answered';
  startedAt: string;
  answeredAt: string | null;
  answeredBy: string | null;
  queue: string | null;
  extensions: string[];
  channels: LiveChannel[];
}

export type PresenceStatus = 'available' | 'ringing' | 'busy' | 'on_hold' | 'unavailable' | 'dnd';

export interface LiveExtension {
  extension: string;
  name: string;
  status: PresenceStatus;
  hintState: string;
  dnd: boolean;
  contacts: { uri: string; status: string; userAgent: string | null }[];
  since: string;
}

export interface LiveQueueCaller {
  uniqueid: string;
  callId: string;
  position: number;
  callerIdNum: string;
  callerIdName: string;
  joinedAt: string;
}

export interface LiveQueueMember {
  interface: string;
  name: string;
  extension: string | null;
  status: 'available' | 'in_call' | 'ringing' | 'busy' | 'unavailable' | 'paused';
  paused: boolean;
  callsTaken: number;
  membership: string;
}

export interface LiveQueue {
  queue: string;
  name: string;
  callers: LiveQueueCaller[];
  members: LiveQueueMember[];
  completed: number;
  abandoned: number;
  strategy: string;
  callsWaiting: number;
  agentsAvailable: number;
}

export interface LiveSnapshot {
  version: number;
  serverTime: string;
  connected: boolean;
  syncedAt: string | null;
  calls: LiveCall[];
  extensions: LiveExtension[];
  queues: LiveQueue[];
}

export type LiveDelta =
  | { kind: 'call'; version: number; call: LiveCall }
  | { kind: 'callEnded'; version: number; callId: string }
  | { kind: 'extension'; version: number; extension: LiveExtension }
  | { kind: 'queue'; version: number; queue: LiveQueue }
  | { kind: 'status'; version: number; connected: boolean; syncedAt: string | null };
