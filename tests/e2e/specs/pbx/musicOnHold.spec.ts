import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';

test.describe('music on hold', () => {
  test('an admin creates a class, and an upload Asterisk cannot play is refused with the reason', async ({
    adminPage: page,
  }) => {
    await openFromSidebar(page, 'Music on Hold');
    await page.getByRole('button', { name: 'Add music class' }).first().click();
    const create = page.getByRole('dialog', { name: 'Add music on hold' });
    await create.getByRole('textbox', { name: 'Name' }).fill('jazz');
    await create.getByRole('button', { name: 'Create class' }).click();
    await expect(create).toHaveCount(0);

    const row = page.getByRole('table', { name: 'Music on Hold' }).getByRole('row').filter({ hasText: 'jazz' });
    await row.getByRole('button', { name: 'Edit jazz' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit music on hold' });
    await expect(edit.getByText('No audio files yet')).toBeVisible();

    await edit.getByLabel('Audio file to upload').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not audio'),
    });
    await expect(edit.getByRole('alert')).toContainText('The audio file must be one of');
    await keepScreenshot(page, 'pbx-moh-upload-refused');
  });
});
