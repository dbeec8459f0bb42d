// The IVR API (backend/BotPbx.Api/Features/Ivr): react-query hooks and the shapes it answers.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Id, ListQuery, Page } from '../../api/types';
import type { FlowDocument, FlowIssue } from './flow/types';

export const ivrsKey = ['ivrs'] as const;

export interface IvrSummary {
  id: Id;
  name: string;
  publishedVersion: number | null;
  draftUpdatedAt: string;
  updatedAt: string;
}

export interface FlowValidation {
  valid: boolean;
  issues: FlowIssue[];
}

export interface Ivr extends IvrSummary {
  flow: unknown;
  createdAt: string;
  validation: FlowValidation;
}

export interface IvrVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: Id | null;
  live: boolean;
}

export interface IvrVersion extends IvrVersionSummary {
  flow: unknown;
}

export interface PublishResult {
  version: number;
  publishedAt: string;
  warnings: FlowIssue[];
}

export interface SimulationEvent {
  sequence: number;
  kind: string;
  detail?: string | null;
  file?: string | null;
  promptUrl?: string | null;
}

export interface SimulationStep {
  index: number;
  nodeId: string;
  type: string;
  handle: string | null;
  digits: string | null;
  detail: string | null;
  error: string | null;
}

export interface SimulationState {
  sessionId: string;
  status: 'waiting' | 'running' | 'ended';
  waitSeconds: number | null;
  outcome: string | null;
  error: string | null;
  events: SimulationEvent[];
  path: SimulationStep[];
  variables: Record<string, string>;
}

/** One node a real call visited (`backend/BotPbx.Ivr/Tracing/IvrTrace.cs`); `ivrId` differs after a goToIvr. */
export interface IvrTraceStep {
  index: number;
  ivrId: string;
  version: number;
  nodeId: string;
  type: string;
  startedAt: string;
  durationMs: number;
  /** The output taken; null when the call ended at this node. */
  handle: string | null;
  digits: string | null;
  detail: string | null;
  error: string | null;
}

/** The record of one real call through the IVR (the FastAGI interpreter writes one per run). */
export interface IvrTrace {
  id: Id;
  /** Asterisk's unique id of the call, e.g. `1795239477.42`. */
  callId: string;
  ivrId: Id | null;
  version: number;
  caller: string;
  startedAt: string;
  endedAt: string | null;
  /** completed, handedOff, callerHungUp, failed, loopGuard, notPublished or aborted (IvrRunOutcome). */
  outcome: string;
  error: string | null;
  steps: IvrTraceStep[];
  variables: Record<string, string>;
}

const ivrPath = (id: Id) => `/api/ivrs/${encodeURIComponent(String(id))}`;

export function useIvrs(query: ListQuery) {
  return useQuery({
    queryKey: [...ivrsKey, 'list', query],
    queryFn: ({ signal }) => api.get<Page<IvrSummary>>('/api/ivrs', { signal, query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useIvr(id: Id) {
  return useQuery({
    queryKey: [...ivrsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Ivr>(ivrPath(id), { signal }),
    // The builder owns the draft once it is open: refetching would overwrite unsaved work.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

function useInvalidateIvrs() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [...ivrsKey, 'list'] });
}

export function useCreateIvr() {
  const invalidate = useInvalidateIvrs();
  return useMutation({
    mutationFn: (input: { name: string; flow?: FlowDocument }) => api.post<Ivr>('/api/ivrs', input),
    onSuccess: invalidate,
  });
}

export function useSaveIvr() {
  const invalidate = useInvalidateIvrs();
  return useMutation({
    mutationFn: ({ id, name, flow }: { id: Id; name: string; flow: unknown }) =>
      api.put<Ivr>(ivrPath(id), { name, flow }),
    onSuccess: invalidate,
  });
}

export function useDeleteIvr() {
  const invalidate = useInvalidateIvrs();
  return useMutation({ mutationFn: (id: Id) => api.delete(ivrPath(id)), onSuccess: invalidate });
}

export function usePublishIvr() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.post<PublishResult>(`${ivrPath(id)}/publish`),
    // Not the open IVR itself: the builder owns its draft while it is open.
    onSuccess: (_result, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...ivrsKey, 'list'] }),
        queryClient.invalidateQueries({ queryKey: [...ivrsKey, 'versions', id] }),
      ]),
  });
}

export function useIvrVersions(id: Id, enabled: boolean) {
  return useQuery({
    queryKey: [...ivrsKey, 'versions', id],
    queryFn: ({ signal }) => api.get<Page<IvrVersionSummary>>(`${ivrPath(id)}/versions`, { signal }),
    enabled,
  });
}

export const fetchIvrVersion = (id: Id, version: number) => api.get<IvrVersion>(`${ivrPath(id)}/versions/${version}`);

export function useRestoreIvrVersion() {
  const invalidate = useInvalidateIvrs();
  return useMutation({
    mutationFn: ({ id, version }: { id: Id; version: number }) =>
      api.post<Ivr>(`${ivrPath(id)}/versions/${version}/restore`),
    onSuccess: invalidate,
  });
}

export const simulation = {
  start: (id: Id, input: { callerId?: string; dnid?: string; version?: number }) =>
    api.post<SimulationState>(`${ivrPath(id)}/simulate`, input),
  send: (id: Id, sessionId: string, input: { digits?: string; timeout?: boolean; hangup?: boolean }) =>
    api.post<SimulationState>(`${ivrPath(id)}/simulate/${encodeURIComponent(sessionId)}`, input),
  end: (id: Id, sessionId: string) => api.delete(`${ivrPath(id)}/simulate/${encodeURIComponent(sessionId)}`),
};

/**
 * The 422 of publish (and of simulate) carries per-node messages as problem-details `errors` keyed
 * `nodes.<id>.<field>`, `edges.<id>` or `flow`; these become issues the canvas shows on the nodes.
 */
export function issuesFromFieldErrors(errors: Record<string, string[]>): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    const match = /^(nodes|edges)\.([A-Za-z0-9_-]+)(?:\.(.+))?$/.exec(key);
    for (const message of messages) {
      if (match) {
        const [, collection, id, field] = match;
        issues.push({
          severity: 'error',
          code: 'server',
          message,
          ...(collection === 'nodes' ? { nodeId: id } : { edgeId: id }),
          field: field ?? null,
        });
      } else {
        issues.push({ severity: 'error', code: 'server', message, field: key === 'flow' ? null : key });
      }
    }
  }
  return issues;
}

/** Numbered PBX objects for the transfer target suggestions; empty while the telephony API is not there. */
export interface NumberedObject {
  number: string;
  name: string;
}

export function useNumberedObjects(path: '/api/queues' | '/api/extensions' | '/api/ring-groups' | null) {
  return useQuery({
    queryKey: ['ivr-targets', path],
    enabled: path !== null,
    retry: false,
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<NumberedObject[]> => {
      try {
        const page = await api.get<Page<Record<string, unknown>>>(path!, { signal, query: { limit: 200 } });
        return (page.items ?? [])
          .filter((item) => typeof item.number === 'string')
          .map((item) => ({ number: item.number as string, name: typeof item.name === 'string' ? item.name : '' }));
      } catch {
        // Not installed yet (404) or not allowed: the field stays a plain input.
        return [];
      }
    },
  });
}

export function useIvrChoices() {
  return useQuery({
    queryKey: [...ivrsKey, 'choices'],
    queryFn: ({ signal }) => api.get<Page<IvrSummary>>('/api/ivrs', { signal, query: { limit: 200 } }),
    staleTime: 60_000,
  });
}

export function useIvrTraces(id: Id, paging: { limit: number; offset: number }, enabled: boolean) {
  return useQuery({
    queryKey: [...ivrsKey, 'traces', id, paging],
    queryFn: ({ signal }) => api.get<Page<IvrTrace>>(`${ivrPath(id)}/traces`, { signal, query: { ...paging } }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
