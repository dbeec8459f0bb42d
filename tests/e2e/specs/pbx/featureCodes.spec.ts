import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';

test.describe('feature codes', () => {
  test('a code that clashes with another is refused next to the field; a valid change is saved', async ({
    adminPage: page,
    adminApi,
  }) => {
    await openFromSidebar(page, 'Feature Codes');
    const own = page.getByRole('textbox', { name: 'My voicemail' });
    await expect(own).toHaveValue(/^\*\d+$/);
    const dnd = await page.getByRole('textbox', { name: 'Do not disturb on/off' }).inputValue();

    await own.fill(dnd);
    await page.getByRole('button', { name: 'Save feature codes' }).click();
    await expect(own).toHaveAttribute('aria-invalid', 'true');
    await keepScreenshot(page, 'pbx-feature-code-clash');

    await own.fill('*4321');
    await page.getByRole('button', { name: 'Save feature codes' }).click();
    await expect(own).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Feature codes were saved.', { exact: false })).toBeVisible();

    const saved = await adminApi.get('/api/feature-codes');
    expect(((await saved.json()) as { voicemailOwn: string }).voicemailOwn).toBe('*4321');
  });
});
