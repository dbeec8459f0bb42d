// Test data for the PBX specs, created through the API as the per-run admin. Each test uses its own numbers so
// specs never depend on each other's data.
import { randomInt } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';

/** A 4-digit internal number unlikely to clash with other tests of the same run. */
export function uniqueNumber(): string {
  return String(randomInt(2000, 9999));
}

export async function createExtension(api: APIRequestContext, number: string, name: string): Promise<{ id: number }> {
  const response = await api.post('/api/extensions', {
    data: { number, name, voicemail: { enabled: true, pin: '4321' } },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { extension: { id: number } };
  return { id: body.extension.id };
}

export async function createQueue(
  api: APIRequestContext,
  number: string,
  name: string,
  members: { extensionId: number; penalty: number }[],
): Promise<{ id: number }> {
  const response = await api.post('/api/queues', { data: { number, name, members } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: number };
}
