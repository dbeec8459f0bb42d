import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Id } from '../../../api/types';
import { crudApi, pbxKey } from '../shared/crudApi';

export type SipTransport = 'udp' | 'tcp' | 'tls';
export type DtmfMode = 'rfc4733' | 'inband' | 'info' | 'auto';

/** The settings shared by a trunk as read, as written, and as a preset's defaults. */
export interface TrunkSettings {
  name: string;
  provider: string;
  host: string;
  port: number;
  transport: SipTransport;
  register: boolean;
  username: string;
  authUsername: string;
  outboundProxy: string;
  codecs: string[];
  dtmfMode: DtmfMode;
  qualify: boolean;
  qualifySeconds: number;
  directMedia: boolean;
  forceRport: boolean;
  rewriteContact: boolean;
  t38: boolean;
  fromUser: string;
  fromDomain: string;
  inboundMatch: string[];
  enabled: boolean;
}

/** A trunk as the API lists it: the provider password is write-only. */
export interface Trunk extends TrunkSettings {
  id: Id;
  hasPassword: boolean;
}

/** On update, a null password keeps the stored one; "" removes it (IP-authenticated trunks). */
export interface TrunkInput extends TrunkSettings {
  password: string | null;
}

export interface TrunkPreset {
  id: string;
  label: string;
  defaults: Partial<TrunkSettings> & { password?: string };
  notes: string;
}

/** Live state of a trunk as Asterisk reports it. */
export interface TrunkTest {
  endpoint: string;
  registration: string | null;
  reachability: string | null;
  roundtripMs: number | null;
  summary: string;
}

export const trunksApi = crudApi<Trunk, TrunkInput>('/api/trunks', 'trunks');

export function useTrunkPresets() {
  return useQuery({
    queryKey: [...pbxKey, 'trunk-presets'],
    queryFn: ({ signal }) => api.get<TrunkPreset[]>('/api/trunk-presets', { signal }),
    staleTime: Infinity,
  });
}

/** Asks Asterisk about the trunk again every 5 seconds while the test dialog is open. */
export function useTrunkTest(id: Id | null) {
  return useQuery({
    queryKey: [...pbxKey, 'trunk-test', id],
    queryFn: ({ signal }) => api.post<TrunkTest>(`${trunksApi.itemPath(id ?? 0)}/test`, undefined, { signal }),
    enabled: id !== null,
    refetchInterval: 5_000,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
