import { api } from '../../api/client';
import type { PhoneCredentials } from './sipPhone';

export type MonitorMode = 'listen' | 'whisper' | 'barge';

export const monitorModes: readonly MonitorMode[] = ['listen', 'whisper', 'barge'];

export const monitorModeLabels: Record<MonitorMode, string> = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' };

export const monitorModeHints: Record<MonitorMode, string> = {
  listen: 'Hear both parties; nobody hears you',
  whisper: 'Speak to the agent only',
  barge: 'Join the conversation: both hear you',
};

export interface MonitorSession {
  id: string;
  target: string;
  extension: string;
  spyChannel: string;
  device: 'browser' | 'phone';
  mode: MonitorMode;
  startedAt: string;
}

export interface LiveChannel {
  channel: string;
  uniqueid: string;
  linkedid: string;
  state: string;
  callerIdNumber: string;
  callerIdName: string;
  connectedLineNumber: string;
  connectedLineName: string;
  application: string;
  duration: string;
  extension: string | null;
}

export const phoneApi = {
  credentials: () => api.get<PhoneCredentials>('/api/phone/credentials'),
  channels: () => api.get<{ items: LiveChannel[] }>('/api/calls/monitor/channels'),
  startMonitor: (channel: string, mode: MonitorMode, device?: 'browser' | 'phone') =>
    api.post<MonitorSession>('/api/calls/monitor', { channel, mode, device }),
  switchMode: (id: string, mode: MonitorMode) =>
    api.post<MonitorSession>(`/api/calls/monitor/${encodeURIComponent(id)}/mode`, { mode }),
  stopMonitor: (id: string) => api.delete(`/api/calls/monitor/${encodeURIComponent(id)}`),
};
