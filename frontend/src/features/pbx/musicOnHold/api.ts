import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { networkError, toApiError } from '../../../api/errors';
import type { Id } from '../../../api/types';
import { crudApi, pbxKey } from '../shared/crudApi';

export type MohSort = 'random' | 'alpha';

export interface MohClass {
  id: Id;
  name: string;
  sort: MohSort;
}

export type MohClassInput = Omit<MohClass, 'id'>;

/** The audio files of a class, and whether the server converts uploads (sox installed). */
export interface MohFiles {
  directory: string;
  files: string[];
  converts: boolean;
}

export const mohClassesApi = crudApi<MohClass, MohClassInput>('/api/moh-classes', 'moh-classes');

const filesKey = (id: Id) => [...pbxKey, 'moh-files', id] as const;

export function useMohFiles(id: Id | null) {
  return useQuery({
    queryKey: filesKey(id ?? 0),
    queryFn: ({ signal }) => api.get<MohFiles>(`${mohClassesApi.itemPath(id ?? 0)}/files`, { signal }),
    enabled: id !== null,
  });
}

/**
 * Uploads one audio file as multipart form data (field `file`). The JSON client cannot send a form, so this is the
 * one place that calls fetch itself; errors still become ApiError (422 with the message under `file`).
 */
export async function uploadMohFile(id: Id, file: File): Promise<MohFiles> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(`${mohClassesApi.itemPath(id)}/files`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (cause) {
    throw networkError(cause);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw toApiError(response.status, parsed, response.headers.get('retry-after'));
  return parsed as MohFiles;
}

export function useUploadMohFile(id: Id | null) {
  return useMutation({
    mutationFn: (file: File) => uploadMohFile(id ?? 0, file),
  });
}

/** The class names a queue or conference can play ("default" is Asterisk's built-in class). */
export function useMohClassNames(enabled = true): string[] {
  const classes = mohClassesApi.useAll(enabled);
  const names = (classes.data?.items ?? []).map((c) => c.name);
  return names.includes('default') ? names : ['default', ...names];
}
