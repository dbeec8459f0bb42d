// React-query hooks for the call log (GET /api/calls, /api/calls/stats, POST /api/calls/originate); docs/call-logs.md.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client';
import type { Id, Page } from '../../api/types';

export const callsKey = ['calls'] as const;

export type Direction = 'inbound' | 'outbound' | 'internal';
export type Disposition = 'ANSWERED' | 'NO ANSWER' | 'BUSY' | 'FAILED' | 'CONGESTION';

export interface Call {
  id: Id;
  callId: string;
  direction: Direction;
  from: string;
  fromName: string;
  to: string;
  did: string | null;
  trunkId: Id | null;
  trunk: string | null;
  extension: string | null;
  extensions: string[];
  answeredBy: string | null;
  queue: string | null;
  ivrPath: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  duration: number;
  billsec: number;
  waitSeconds: number | null;
  disposition: Disposition;
  hangupCause: string | null;
  recordingUrl: string | null;
  transcriptId: Id | null;
  originatedBy: string | null;
  legs: number;
}

/** The list's filters as the API takes them (empty strings are left out). */
export interface CallFilters {
  start: string;
  end: string;
  direction: '' | Direction;
  extension: string;
  search: string;
  disposition: '' | 'answered' | 'no_answer' | 'busy' | 'failed' | 'congestion';
  trunk: string;
  queue: string;
  sort: string;
}

export const noFilters: CallFilters = {
  start: '',
  end: '',
  direction: '',
  extension: '',
  search: '',
  disposition: '',
  trunk: '',
  queue: '',
  sort: '-startedAt',
};

export function filterQuery(filters: CallFilters): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(filters)) query[key] = value === '' ? undefined : value;
  return query;
}

export function useCalls(filters: CallFilters, limit: number, offset: number) {
  return useQuery({
    queryKey: [...callsKey, filters, limit, offset],
    queryFn: ({ signal }) =>
      api.get<Page<Call>>('/api/calls', { signal, query: { ...filterQuery(filters), limit, offset } }),
    placeholderData: keepPreviousData,
    // New calls end all the time: keep the first page fresh without a reload.
    refetchInterval: 15_000,
  });
}

/** Where the browser downloads the CSV of the current filters (the session cookie authenticates it). */
export function exportUrl(filters: CallFilters): string {
  return buildUrl('/api/calls/export.csv', filterQuery(filters));
}

export interface HourFigures {
  hour: number;
  answered: number;
  missed: number;
}

export interface CallStats {
  date: string;
  timeZone: string;
  total: number;
  answered: number;
  missed: number;
  averageWaitSeconds: number | null;
  byHour: HourFigures[];
  busiestExtensions: { extension: string; name: string | null; calls: number }[];
}

export function useCallStats() {
  return useQuery({
    queryKey: [...callsKey, 'stats'],
    queryFn: ({ signal }) => api.get<CallStats>('/api/calls/stats', { signal }),
    refetchInterval: 30_000,
  });
}

export function useOriginate() {
  return useMutation({
    mutationFn: (to: string) =>
      api.post<{ status: string; extension: string; to: string }>('/api/calls/originate', { to }),
  });
}
