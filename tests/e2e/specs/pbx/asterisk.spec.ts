import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';

test.describe('Asterisk page', () => {
  test('says plainly when Asterisk is not connected, and apply reports why it cannot run', async ({
    adminPage: page,
    adminApi,
  }) => {
    // Any saved change marks the configuration as not applied.
    const saved = await adminApi.put('/api/feature-codes', { data: {} });
    expect(saved.status(), await saved.text()).toBe(200);

    await openFromSidebar(page, 'Asterisk');
    await expect(page.getByText('Asterisk not connected')).toBeVisible();
    await expect(page.getByTestId('pending-changes')).toBeVisible();
    await keepScreenshot(page, 'pbx-asterisk-not-connected');

    await page.getByTestId('pending-changes').getByRole('button', { name: 'Apply now' }).click();
    const result = page.getByRole('dialog', { name: 'Apply result' });
    await expect(result.getByRole('alert')).toContainText('AMI is not configured');
    await keepScreenshot(page, 'pbx-apply-unavailable');
  });
});
