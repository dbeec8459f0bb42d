// /api/campaigns: the form's shape, contacts, do-not-call and the live statistics (docs/campaigns.md).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { networkError, toApiError } from '../../api/errors';
import type { Destination } from '../../components/DestinationPicker';

export type CampaignStatus = 'draft' | 'running' | 'paused' | 'stopped' | 'completed';
export type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface AmdSettings {
  enabled: boolean;
  initialSilence: number;
  greeting: number;
  afterGreetingSilence: number;
  totalAnalysisTime: number;
  minWordLength: number;
  betweenWordsSilence: number;
  maximumWords: number;
  silenceThreshold: number;
  maximumWordLength: number;
}

export interface CampaignSettings {
  callerId: string;
  trunkId: number;
  defaultRegion: string;
  schedule: { start: string; end: string; days: Day[]; timeZone: string };
  concurrentCalls: number;
  callsPerMinute: number;
  answerTimeoutSeconds: number;
  retry: { attempts: number; noAnswerDelaySeconds: number; busyDelaySeconds: number; failedDelaySeconds: number };
  amd: AmdSettings;
  onAnswer: Destination;
  onVoicemail: { action: 'playRecording' | 'hangup'; recordingId?: string | null; text?: string | null };
  conversionDispositions: string[];
}

export interface Campaign {
  id: number;
  name: string;
  status: CampaignStatus;
  settings: CampaignSettings;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  /** Whether the schedule's window is open now (kept by the server's window jobs); calls are placed only then. */
  windowOpen: boolean;
}

export type CampaignInput = CampaignSettings & { name: string };

export interface StatsBucket {
  minute: string;
  calls: number;
  connected: number;
  voicemail: number;
  unreached: number;
}

export interface CampaignStats {
  total: number;
  connected: number;
  voicemail: number;
  noAnswer: number;
  busy: number;
  failed: number;
  abandoned: number;
  inProgress: number;
  conversions: number;
  conversionRate: number;
  abandonRate: number;
  contacts: number;
  contactStates: Record<string, number>;
  timeline: StatsBucket[];
}

export interface RowError {
  row: number;
  reason: string;
}

export interface ImportResult {
  received: number;
  inserted: number;
  merged: number;
  doNotCall: number;
  errors: RowError[];
}

export interface Contact {
  id: number;
  phone: string;
  variables: Record<string, string>;
  state: string;
  attempts: number;
  nextAttemptAt: string;
  lastOutcome: string | null;
  disposition: string | null;
  updatedAt: string;
}

/** Seed 003's AMD settings with Asterisk's defaults, and what each means, for the form. */
export const amdFields: readonly {
  key: keyof Omit<AmdSettings, 'enabled'>;
  label: string;
  unit: string;
  min: number;
  max: number;
}[] = [
  { key: 'initialSilence', label: 'Initial silence', unit: 'ms', min: 500, max: 10000 },
  { key: 'greeting', label: 'Greeting', unit: 'ms', min: 500, max: 10000 },
  { key: 'afterGreetingSilence', label: 'After greeting silence', unit: 'ms', min: 100, max: 5000 },
  { key: 'totalAnalysisTime', label: 'Total analysis time', unit: 'ms', min: 1000, max: 30000 },
  { key: 'minWordLength', label: 'Min word length', unit: 'ms', min: 10, max: 1000 },
  { key: 'betweenWordsSilence', label: 'Between words silence', unit: 'ms', min: 10, max: 1000 },
  { key: 'maximumWords', label: 'Maximum words', unit: '', min: 1, max: 20 },
  { key: 'silenceThreshold', label: 'Silence threshold', unit: '', min: 1, max: 32767 },
  { key: 'maximumWordLength', label: 'Maximum word length', unit: 'ms', min: 100, max: 10000 },
];

export const days: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function newCampaign(): CampaignInput {
  return {
    name: '',
    callerId: '',
    trunkId: 0,
    defaultRegion: 'US',
    schedule: { start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'America/New_York' },
    concurrentCalls: 5,
    callsPerMinute: 30,
    answerTimeoutSeconds: 30,
    retry: { attempts: 3, noAnswerDelaySeconds: 3600, busyDelaySeconds: 600, failedDelaySeconds: 1800 },
    amd: {
      enabled: true,
      initialSilence: 2500,
      greeting: 1500,
      afterGreetingSilence: 800,
      totalAnalysisTime: 5000,
      minWordLength: 100,
      betweenWordsSilence: 50,
      maximumWords: 3,
      silenceThreshold: 256,
      maximumWordLength: 5000,
    },
    onAnswer: { type: 'queue', target: '' },
    onVoicemail: { action: 'hangup' },
    conversionDispositions: ['converted'],
  };
}

const key = ['campaigns'] as const;

export function useCampaigns() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<Campaign[]>('/api/campaigns', { signal }),
    refetchInterval: 5000,
  });
}

export function useCampaign(id: number) {
  return useQuery({
    queryKey: [...key, id],
    queryFn: ({ signal }) => api.get<Campaign>(`/api/campaigns/${id}`, { signal }),
    refetchInterval: 5000,
  });
}

/** Polled every 2 s on the live page: the dialer writes outcomes as calls end. */
export function useCampaignStats(id: number) {
  return useQuery({
    queryKey: [...key, id, 'stats'],
    queryFn: ({ signal }) => api.get<CampaignStats>(`/api/campaigns/${id}/stats`, { signal }),
    refetchInterval: 2000,
  });
}

export function useContacts(id: number, state: string) {
  return useQuery({
    queryKey: [...key, id, 'contacts', state],
    queryFn: ({ signal }) =>
      api.get<{ items: Contact[]; total: number }>(`/api/campaigns/${id}/contacts`, {
        signal,
        query: { state, limit: 100 },
      }),
    refetchInterval: 3000,
  });
}

export function useSaveCampaign(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignInput) =>
      id === null ? api.post<Campaign>('/api/campaigns', input) : api.put<Campaign>(`/api/campaigns/${id}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useCampaignAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'start' | 'pause' | 'resume' | 'stop') => api.post<Campaign>(`/api/campaigns/${id}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/campaigns/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

/** Multipart upload (field `file`): the JSON client cannot send a form, so this calls fetch itself. */
export function uploadContactsCsv(id: number, file: File): Promise<ImportResult> {
  return postFile<ImportResult>(`/api/campaigns/${id}/contacts/csv`, file);
}

/** The message left on answering machines: converted by the server (sox) and stored as a recording; returns its id. */
export function uploadVoicemailMessage(file: File): Promise<{ recordingId: string }> {
  return postFile<{ recordingId: string }>('/api/campaigns/voicemail-messages', file);
}

export function useUploadVoicemailMessage() {
  return useMutation({ mutationFn: uploadVoicemailMessage });
}

async function postFile<T>(url: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (cause) {
    throw networkError(cause);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw toApiError(response.status, parsed, response.headers.get('retry-after'));
  return parsed as T;
}

export function useUploadContacts(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadContactsCsv(id, file),
    onSuccess: () => client.invalidateQueries({ queryKey: [...key, id] }),
  });
}

export interface Trunk {
  id: number;
  name: string;
}

export function useTrunks() {
  return useQuery({
    queryKey: ['pbx', 'trunks', 'for-campaigns'],
    queryFn: ({ signal }) => api.get<{ items: Trunk[] }>('/api/trunks', { signal, query: { limit: 500 } }),
  });
}

export const statusTone: Record<CampaignStatus, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  draft: 'neutral',
  running: 'success',
  paused: 'warning',
  stopped: 'danger',
  completed: 'info',
};

/** Share of contacts that reached a final state, 0–1. */
export function progressOf(stats: CampaignStats): number {
  if (stats.contacts === 0) return 0;
  const final = ['answered-human', 'machine', 'done', 'dnc'].reduce((sum, s) => sum + (stats.contactStates[s] ?? 0), 0);
  return final / stats.contacts;
}
