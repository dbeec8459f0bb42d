import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CompanySettings } from '../../api/types';

export const settingsKey = ['settings'] as const;

export function useCompanySettings(enabled: boolean) {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<CompanySettings>('/api/settings', { signal }),
    enabled,
  });
}

export function useSaveCompanySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: CompanySettings) => api.put<CompanySettings>('/api/settings', settings),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.put<void>('/api/auth/password', input),
  });
}
