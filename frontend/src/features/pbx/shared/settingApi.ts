import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { pbxKey, useInvalidatePbx } from './crudApi';

/** GET/PUT of a PBX-wide settings object (`/api/feature-codes`, `/api/sip-settings`). */
export function settingApi<T>(path: string, name: string) {
  const key = [...pbxKey, name] as const;
  return {
    useGet: () => useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<T>(path, { signal }) }),
    usePut: () => {
      const invalidate = useInvalidatePbx();
      return useMutation({ mutationFn: (value: T) => api.put<T>(path, value), onSuccess: invalidate });
    },
  };
}
