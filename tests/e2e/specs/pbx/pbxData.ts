// Test data for the PBX specs, created through the API as the per-run admin. Each test uses its own numbers so
// specs never depend on each other's data.
import { expect, test, type APIRequestContext } from '@playwright/test';

let issued = 0;

/**
 * A 4-digit internal number no other test of the run uses. Random numbers clashed (about 30 drawn from 8000 collide in
 * one run out of twenty), so each worker counts up in its own block of 600: 2000–2599 for the first, and so on, below
 * the 7000–8999 the IVR builder spec draws from.
 */
export function uniqueNumber(): string {
  const block = test.info().workerIndex % 8;
  issued += 1;
  if (issued >= 600) throw new Error('uniqueNumber: this worker has used its whole block of numbers');
  return String(2000 + block * 600 + issued);
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
