// Data of the AI Agents area: agents (seed 003's /api/agents), AI provider settings, conversations and metrics.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const agentsKey = ['agents'] as const;
export const providersKey = ['ai-providers'] as const;
export const conversationsKey = ['agent-conversations'] as const;

export interface AgentContext {
  name: string;
  greeting: string;
  prompt: string;
}

export interface AgentFunction {
  id?: number;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  url: string;
  hasSecret?: boolean;
  /** Only in the answer to the save that generated it. */
  secret?: string;
}

export type WebhookEvent = 'call.start' | 'call.end' | 'transfer' | 'function.call';
export const webhookEvents: readonly WebhookEvent[] = ['call.start', 'call.end', 'transfer', 'function.call'];

export interface AgentWebhook {
  id?: number;
  url: string;
  events: WebhookEvent[];
  hasSecret?: boolean;
  secret?: string;
}

export type TransferKind = 'extension' | 'queue' | 'ringGroup' | 'external';
export const transferKinds: { value: TransferKind; label: string }[] = [
  { value: 'extension', label: 'Extension' },
  { value: 'queue', label: 'Queue' },
  { value: 'ringGroup', label: 'Ring group' },
  { value: 'external', label: 'External number' },
];

export interface AgentTransferTarget {
  name: string;
  kind: TransferKind;
  number: string;
  description: string;
  warm: boolean;
}

export interface AgentInput {
  name: string;
  description: string;
  llmProvider: string;
  model: string;
  temperature: number;
  maxTokens: number;
  systemPrompt: string;
  greeting: string;
  ttsEngine: string;
  ttsVoice: string;
  ttsSpeed: number;
  sttEngine: string;
  sttLanguage: string;
  sttModel: string;
  realtimeProvider: string | null;
  /** Internal number phones dial to reach the agent (shares the extensions' numbers); null = not dialable. */
  number: string | null;
  maxTurns: number;
  silenceTimeoutSeconds: number;
  endCallPhrases: string[];
  contexts: AgentContext[];
  functions: AgentFunction[];
  webhooks: AgentWebhook[];
  transferTargets: AgentTransferTarget[];
}

export interface Agent extends AgentInput {
  id: number;
  createdAt: string;
  updatedAt: string;
}

export function newAgent(): AgentInput {
  return {
    name: '',
    description: '',
    llmProvider: 'openai-compatible',
    model: '',
    temperature: 0.7,
    maxTokens: 300,
    systemPrompt: '',
    greeting: '',
    ttsEngine: 'flite',
    ttsVoice: '',
    ttsSpeed: 1,
    sttEngine: 'pocketsphinx',
    sttLanguage: 'en-US',
    sttModel: '',
    realtimeProvider: null,
    number: null,
    maxTurns: 20,
    silenceTimeoutSeconds: 8,
    endCallPhrases: ['goodbye', 'bye'],
    contexts: [],
    functions: [],
    webhooks: [],
    transferTargets: [],
  };
}

export type ProviderRole = 'llm' | 'tts' | 'stt' | 'speechToSpeech';

export interface AiProvider {
  id: string;
  label: string;
  role: ProviderRole;
  kind: string;
  needsKey: boolean;
  needsBaseUrl: boolean;
  defaultBaseUrl: string | null;
  baseUrl: string | null;
  hasApiKey: boolean;
}

export interface ConversationSummary {
  id: number;
  agentId: number | null;
  agentName: string;
  source: 'call' | 'chat' | 'campaign';
  channel: string | null;
  callerId: string | null;
  did: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
  transferredTo: string | null;
  error: string | null;
  turns: number;
}

export interface TurnWaterfall {
  endOfSpeech: string;
  sttFinalMs: number | null;
  llmFirstTokenMs: number | null;
  ttsFirstAudioMs: number | null;
  firstFrameSentMs: number | null;
}

export interface Turn {
  index: number;
  role: 'caller' | 'agent' | 'tool';
  text: string;
  at: string;
  toolName: string | null;
  toolArguments: string | null;
  toolResult: string | null;
  interrupted: boolean;
  timings: TurnWaterfall | null;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  variables: Record<string, string>;
  turns: Turn[];
}

export interface AgentMetrics {
  agentId: number;
  conversations: number;
  ended: number;
  averageHandleTimeSeconds: number | null;
  transferRate: number | null;
  resolutionRate: number | null;
  errorRate: number | null;
  outcomes: Record<string, number>;
  latency: {
    turns: number;
    sttFinalP50: number | null;
    sttFinalP95: number | null;
    llmFirstTokenP50: number | null;
    llmFirstTokenP95: number | null;
    ttsFirstAudioP50: number | null;
    ttsFirstAudioP95: number | null;
    firstFrameSentP50: number | null;
    firstFrameSentP95: number | null;
  };
}

export function useAgents() {
  return useQuery({
    queryKey: agentsKey,
    queryFn: ({ signal }) => api.get<Page<Agent>>('/api/agents', { signal, query: { limit: 500 } }),
  });
}

export function useAgent(id: number | null) {
  return useQuery({
    queryKey: [...agentsKey, id],
    queryFn: ({ signal }) => api.get<Agent>(`/api/agents/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useSaveAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: AgentInput }) =>
      id === null ? api.post<Agent>('/api/agents', input) : api.put<Agent>(`/api/agents/${id}`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agentsKey }),
  });
}

export function useDeleteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/agents/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agentsKey }),
  });
}

export function useAgentMetrics(id: number | null) {
  return useQuery({
    queryKey: [...agentsKey, id, 'metrics'],
    queryFn: ({ signal }) => api.get<AgentMetrics>(`/api/agents/${id}/metrics`, { signal }),
    enabled: id !== null,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: providersKey,
    queryFn: ({ signal }) => api.get<AiProvider[]>('/api/ai-providers', { signal }),
  });
}

export function useSaveProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: string;
      body: { apiKey?: string; clearApiKey?: boolean; baseUrl?: string | null };
    }) => api.put<AiProvider>(`/api/ai-providers/${id}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: providersKey }),
  });
}

export function useConversations(agentId: number | null) {
  return useQuery({
    queryKey: [...conversationsKey, agentId],
    queryFn: ({ signal }) =>
      api.get<Page<ConversationSummary>>('/api/agents/conversations', { signal, query: { agentId, limit: 100 } }),
  });
}

export function useConversation(id: number) {
  return useQuery({
    queryKey: [...conversationsKey, 'one', id],
    queryFn: ({ signal }) => api.get<ConversationDetail>(`/api/agents/conversations/${id}`, { signal }),
  });
}
