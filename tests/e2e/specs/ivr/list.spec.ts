// The IVR list: state per IVR, renaming and deleting.
import { randomBytes } from 'node:crypto';
import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';

test('the IVR list shows each IVR’s state, renames and deletes', async ({ adminPage: page, adminApi }) => {
  const tag = randomBytes(3).toString('hex');
  const draft = await adminApi.post('/api/ivrs', { data: { name: `Night ${tag}` } });
  const live = await adminApi.post('/api/ivrs', {
    data: {
      name: `Day ${tag}`,
      flow: {
        schemaVersion: 1,
        nodes: [
          { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
          { id: 'bye', type: 'hangup', position: { x: 300, y: 0 }, data: {} },
        ],
        edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'bye' }],
      },
    },
  });
  expect([draft.status(), live.status()]).toEqual([201, 201]);
  const { id: liveId } = (await live.json()) as { id: number };
  expect((await adminApi.post(`/api/ivrs/${liveId}/publish`)).status()).toBe(200);

  await openFromSidebar(page, 'IVRs');
  await page.getByRole('searchbox').fill(tag);
  const table = page.getByRole('table', { name: 'IVRs' });
  await expect(table.getByRole('row').filter({ hasText: `Night ${tag}` })).toContainText('Draft');
  await expect(table.getByRole('row').filter({ hasText: `Day ${tag}` })).toContainText('Published v1');

  await table.getByRole('button', { name: `Rename Night ${tag}` }).click();
  const rename = page.getByRole('dialog', { name: 'Rename IVR' });
  await rename.getByLabel('Name').fill(`Day ${tag}`);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(rename).toContainText('already exists');
  await rename.getByLabel('Name').fill(`After hours ${tag}`);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: `After hours ${tag}` })).toContainText('Draft');

  await table.getByRole('button', { name: `Delete After hours ${tag}` }).click();
  await page.getByRole('alertdialog', { name: 'Delete IVR?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);

  await table.getByRole('link', { name: `Day ${tag}` }).click();
  await expect(page.getByLabel('IVR name')).toHaveValue(`Day ${tag}`);
});
