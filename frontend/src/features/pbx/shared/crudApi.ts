// React-query hooks for one PBX object kind. Every PBX write also changes what Asterisk would run, so each
// successful mutation refreshes all PBX queries: the lists, the destination picker and the "changes not applied"
// flag of the Asterisk status.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Id, ListQuery, Page } from '../../../api/types';

/** The prefix of every PBX query key; invalidating it refreshes every PBX page, picker and the pending flag. */
export const pbxKey = ['pbx'] as const;

/** Large enough for any picker of a small business PBX (the API's maximum page). */
export const pickerLimit = 500;

export function useInvalidatePbx() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: pbxKey });
}

export interface CrudApi<TItem, TInput, TCreated> {
  useList: (query: ListQuery) => ReturnType<typeof useQuery<Page<TItem>>>;
  /** Every object (up to the API's maximum page), for pickers and selects. */
  useAll: (enabled?: boolean) => ReturnType<typeof useQuery<Page<TItem>>>;
  useCreate: () => ReturnType<typeof useMutation<TCreated, Error, TInput>>;
  useUpdate: () => ReturnType<typeof useMutation<TItem, Error, { id: Id; input: TInput }>>;
  useDelete: () => ReturnType<typeof useMutation<void, Error, Id>>;
  itemPath: (id: Id) => string;
}

/** The five hooks of a `{ items, total }` CRUD resource at `basePath` (e.g. `/api/queues`). */
export function crudApi<TItem, TInput, TCreated = TItem>(
  basePath: string,
  name: string,
): CrudApi<TItem, TInput, TCreated> {
  const key = [...pbxKey, name] as const;
  const itemPath = (id: Id) => `${basePath}/${encodeURIComponent(String(id))}`;
  return {
    itemPath,
    useList: (query) =>
      useQuery({
        queryKey: [...key, 'list', query],
        queryFn: ({ signal }) =>
          api.get<Page<TItem>>(basePath, {
            signal,
            query: { search: query.search, limit: query.limit, offset: query.offset },
          }),
        placeholderData: keepPreviousData,
      }),
    useAll: (enabled = true) =>
      useQuery({
        queryKey: [...key, 'all'],
        queryFn: ({ signal }) => api.get<Page<TItem>>(basePath, { signal, query: { limit: pickerLimit } }),
        enabled,
      }),
    useCreate: () => {
      const invalidate = useInvalidatePbx();
      return useMutation({ mutationFn: (input: TInput) => api.post<TCreated>(basePath, input), onSuccess: invalidate });
    },
    useUpdate: () => {
      const invalidate = useInvalidatePbx();
      return useMutation({
        mutationFn: ({ id, input }: { id: Id; input: TInput }) => api.put<TItem>(itemPath(id), input),
        onSuccess: invalidate,
      });
    },
    useDelete: () => {
      const invalidate = useInvalidatePbx();
      return useMutation({ mutationFn: (id: Id) => api.delete(itemPath(id)), onSuccess: invalidate });
    },
  };
}
