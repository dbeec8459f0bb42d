import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { pbxKey } from '../shared/crudApi';
import type { ApplyReport, AsteriskStatus } from './types';

/** Under the PBX prefix, so every PBX save refreshes the "changes not applied" flag at once. */
export const asteriskStatusKey = [...pbxKey, 'asterisk', 'status'] as const;

/** Asterisk's live state and the pending flag, refreshed every 15 seconds while a PBX page is open. */
export function useAsteriskStatus() {
  return useQuery({
    queryKey: asteriskStatusKey,
    queryFn: ({ signal }) => api.get<AsteriskStatus>('/api/system/asterisk', { signal }),
    refetchInterval: 15_000,
    staleTime: 0,
  });
}

/** Render the configuration, swap it in and reload the changed modules; answers the per-module report. */
export function useApplyConfiguration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ApplyReport>('/api/system/asterisk/reload'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: asteriskStatusKey }),
  });
}
