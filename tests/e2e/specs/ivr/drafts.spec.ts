// Drafts, publishing and versions in the builder: the server's refusal shown on the nodes, import and export of the
// flow JSON, undo/redo of an import, and restoring a published version.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../../support/fixtures';
import { repoRoot } from '../../support/paths';
import { keepScreenshot } from '../../support/screenshots';
import { node } from './canvas';
import type { APIRequestContext } from '@playwright/test';

async function ensurePbxObjects(api: APIRequestContext): Promise<void> {
  const attempts = [
    api.post('/api/extensions', { data: { number: '1000', name: 'Operator', voicemail: { enabled: true, pin: '4321' } } }),
    api.post('/api/queues', { data: { number: '605', name: 'Support' } }),
    api.post('/api/queues', { data: { number: '610', name: 'Sales' } }),
  ];
  for (const response of await Promise.all(attempts)) {
    expect([201, 409], await response.text()).toContain(response.status());
  }
}

test.use({ viewport: { width: 1600, height: 1000 }, reducedMotion: 'reduce' });

const brokenFlow = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'greeting',
      type: 'playMessage',
      position: { x: 300, y: 0 },
      data: { label: 'Greeting', prompt: { kind: 'tts', text: '' } },
    },
    { id: 'bye', type: 'hangup', position: { x: 600, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'greeting' },
    { id: 'e2', source: 'greeting', sourceHandle: 'next', target: 'bye' },
  ],
};

test('a draft with errors is saved but not published, and the problems are shown on the nodes', async ({
  adminPage: page,
  adminApi,
}) => {
  const created = await adminApi.post('/api/ivrs', {
    data: { name: `Broken ${randomBytes(3).toString('hex')}`, flow: brokenFlow },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: number };

  await page.goto(`/ivrs/${id}`);
  await expect(node(page, 'greeting')).toBeVisible();
  await expect(page.getByText('1 error', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('The draft has errors; fix them before publishing.')).toBeVisible();
  const problems = page.getByRole('region', { name: 'Flow overview' }).getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('text must not be empty');
  await keepScreenshot(page, 'ivr-builder-publish-refused');

  // The problem leads to the node, whose side panel marks the field.
  await problems.getByRole('button', { name: /^Greeting/ }).click();
  const settings = page.getByRole('region', { name: 'Play Message settings' });
  const message = settings.getByRole('textbox', { name: 'Message', exact: true });
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await message.fill('Hello and goodbye');
  await expect(message).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Valid', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 1. New calls use it now.')).toBeVisible();
});

test('imports and exports flow JSON, undoes an import, and restores a published version', async ({
  adminPage: page,
  adminApi,
}) => {
  const flow = {
    ...brokenFlow,
    nodes: brokenFlow.nodes.map((n) =>
      n.id === 'greeting' ? { ...n, data: { prompt: { kind: 'tts', text: 'Hi' } } } : n,
    ),
  };
  const name = `Versions ${randomBytes(3).toString('hex')}`;
  const created = await adminApi.post('/api/ivrs', { data: { name, flow } });
  const { id } = (await created.json()) as { id: number };
  expect((await adminApi.post(`/api/ivrs/${id}/publish`)).status()).toBe(200);

  await page.goto(`/ivrs/${id}`);
  const nodes = page.locator('.react-flow__node');
  await expect(nodes).toHaveCount(3);

  // The example shipped with the IVR docs transfers to queues 605 and 610 and to extension 1000, whose mailbox takes
  // messages after hours. Publishing checks those exist, so the PBX gets them first (a repeated run finds them there).
  await ensurePbxObjects(adminApi);

  // The example shipped with the IVR docs, imported through the toolbar.
  const example = path.join(repoRoot, 'docs', 'ivr', 'examples', 'main-menu.json');
  const exampleNodes = (JSON.parse(await readFile(example, 'utf8')) as { nodes: unknown[] }).nodes.length;
  await page.getByTestId('ivr-import-file').setInputFiles(example);
  await expect(nodes).toHaveCount(exampleNodes);
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  const tools = page.getByRole('toolbar', { name: 'Flow tools' });
  await tools.getByRole('button', { name: 'Undo' }).click();
  await expect(nodes).toHaveCount(3);
  await tools.getByRole('button', { name: 'Redo' }).click();
  await expect(nodes).toHaveCount(exampleNodes);

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 2. New calls use it now.')).toBeVisible();
  await keepScreenshot(page, 'ivr-builder-imported-example');

  const download = page.waitForEvent('download');
  await tools.getByRole('button', { name: 'Export JSON' }).click();
  const exported = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as {
    schemaVersion: number;
    nodes: unknown[];
  };
  expect(exported.schemaVersion).toBe(1);
  expect(exported.nodes).toHaveLength(exampleNodes);

  await tools.getByRole('button', { name: 'Version history' }).click();
  const history = page.getByRole('dialog', { name: 'Version history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await history.getByRole('listitem').filter({ hasText: 'Version 1' }).getByRole('button', { name: 'Restore' }).click();
  await page
    .getByRole('alertdialog', { name: 'Restore version 1?' })
    .getByRole('button', { name: 'Restore into the draft' })
    .click();
  await expect(page.getByText('Version 1 is the draft again. Publish to make it live.')).toBeVisible();
  await expect(nodes).toHaveCount(3);
  await expect(page.getByText('Published v2')).toBeVisible();
});
