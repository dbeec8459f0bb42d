import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';
import { createExtension, createQueue, uniqueNumber } from './pbxData';

test.describe('deleting a PBX object something points at', () => {
  test('shows what still uses it and keeps it', async ({ adminPage: page, adminApi }) => {
    const number = uniqueNumber();
    const { id } = await createExtension(adminApi, number, 'Still Needed');
    await createQueue(adminApi, uniqueNumber(), 'Needs Agent', [{ extensionId: id, penalty: 0 }]);

    await openFromSidebar(page, 'Extensions');
    await page.getByRole('searchbox').fill(number);
    const row = page.getByRole('table', { name: 'Extensions' }).getByRole('row').filter({ hasText: number });
    await row.getByRole('button', { name: `Delete ${number} Still Needed` }).click();

    const dialog = page.getByRole('alertdialog', { name: 'Delete extension?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Needs Agent');
    await keepScreenshot(page, 'pbx-delete-conflict');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(row).toBeVisible();
  });
});
