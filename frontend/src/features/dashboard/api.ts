import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SystemStatus } from '../../api/types';

export const systemStatusKey = ['system', 'status'] as const;

/** System status, refreshed every 10 seconds while the dashboard is open. */
export function useSystemStatus() {
  return useQuery({
    queryKey: systemStatusKey,
    queryFn: ({ signal }) => api.get<SystemStatus>('/api/system/status', { signal }),
    refetchInterval: 10_000,
    staleTime: 0,
  });
}
