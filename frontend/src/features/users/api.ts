// React-query hooks for the users API. The pattern every feature follows: one key prefix, a list hook that keeps
// the previous page while the next loads, and mutations that invalidate the prefix when they succeed.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CreatedUser, Id, ListQuery, Page, Role, User } from '../../api/types';

export const usersKey = ['users'] as const;

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  /** Leave out to have the server generate one (returned once as `initialPassword`). */
  password?: string;
}

export interface UpdateUserInput {
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

export function useUsers(query: ListQuery) {
  return useQuery({
    queryKey: [...usersKey, 'list', query],
    queryFn: ({ signal }) =>
      api.get<Page<User>>('/api/users', {
        signal,
        query: { search: query.search, limit: query.limit, offset: query.offset },
      }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: usersKey });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<CreatedUser>('/api/users', input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, input }: { id: Id; input: UpdateUserInput }) =>
      api.put<User>(`/api/users/${encodeURIComponent(String(id))}`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: Id) => api.delete(`/api/users/${encodeURIComponent(String(id))}`),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: Id) =>
      api.post<{ password: string }>(`/api/users/${encodeURIComponent(String(id))}/reset-password`),
    onSuccess: invalidate,
  });
}

/** The body for `PUT /api/users/{id}` from a listed user, with one change applied (enable/disable from the list). */
export function toUpdateInput(user: User, change: Partial<UpdateUserInput> = {}): UpdateUserInput {
  return { email: user.email, name: user.name, role: user.role, disabled: user.disabled, ...change };
}
