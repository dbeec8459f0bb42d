// React-query hooks for SIP brute-force protection: the bans BotPBX made and the settings that decide them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Id, ListQuery, Page } from '../../api/types';

export const sipBansKey = ['sip-bans'] as const;
export const sipProtectionKey = ['sip-protection'] as const;

export interface SipBan {
  id: Id;
  address: string;
  bannedAt: string;
  expiresAt: string;
  failures: number;
  /** What the sender tried to sign in as (untrusted text from the network). */
  lastAccount: string | null;
  lastEvent: string | null;
  liftedAt: string | null;
  liftReason: 'expired' | 'unbanned' | 'allow_listed' | null;
  liftedBy: Id | null;
  active: boolean;
}

export interface SipProtectionSettings {
  enabled: boolean;
  maxFailures: number;
  windowSeconds: number;
  banSeconds: number;
  allowList: string[];
}

export type BanStatus = 'active' | 'all';

export function useSipBans(status: BanStatus, query: ListQuery) {
  return useQuery({
    queryKey: [...sipBansKey, status, query],
    queryFn: ({ signal }) =>
      api.get<Page<SipBan>>('/api/security/sip-bans', {
        signal,
        query: { status, search: query.search, limit: query.limit, offset: query.offset },
      }),
    placeholderData: keepPreviousData,
    // Bans come and go without anyone touching the page: keep it current.
    refetchInterval: 10_000,
  });
}

export function useUnban() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.delete<SipBan>(`/api/security/sip-bans/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sipBansKey }),
  });
}

export function useSipProtection() {
  return useQuery({
    queryKey: sipProtectionKey,
    queryFn: ({ signal }) => api.get<SipProtectionSettings>('/api/security/sip-protection', { signal }),
  });
}

export function useSaveSipProtection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: SipProtectionSettings) =>
      api.put<SipProtectionSettings>('/api/security/sip-protection', settings),
    onSuccess: (saved) => {
      queryClient.setQueryData(sipProtectionKey, saved);
      // Saving can lift bans of addresses that are now allow-listed.
      void queryClient.invalidateQueries({ queryKey: sipBansKey });
    },
  });
}
