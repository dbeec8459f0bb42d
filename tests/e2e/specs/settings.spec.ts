import { randomBytes } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { openFromSidebar, signIn, signOut } from '../support/pages';

test.describe('settings', () => {
  test('an agent changes their own password and signs in with the new one', async ({ page, adminApi }) => {
    const email = `agent-${randomBytes(3).toString('hex')}@e2e.botpbx.test`;
    const oldPassword = 'the old password 1';
    const newPassword = 'the new password 22';
    const created = await adminApi.post('/api/users', {
      data: { email, name: 'Pat Agent', role: 'agent', password: oldPassword },
    });
    expect(created.status()).toBe(201);

    await signIn(page, email, oldPassword);
    await openFromSidebar(page, 'Settings');
    await expect(page.getByRole('heading', { name: 'Company' })).toHaveCount(0); // administrators only

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByLabel('Repeat new password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Current password').fill(oldPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your password was changed.')).toBeVisible();

    await signOut(page);
    await signIn(page, email, oldPassword);
    await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');
    await signIn(page, email, newPassword);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  });

  test('an administrator saves the company settings', async ({ adminPage: page }) => {
    const company = `Acme ${randomBytes(2).toString('hex')}`;
    await openFromSidebar(page, 'Settings');

    await page.getByLabel('Company name').fill(company);
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Save company settings' }).click();
    await expect(page.getByText('Company settings saved.')).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Company name')).toHaveValue(company);
    await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
    await expect(page.getByLabel('Language')).toHaveValue('de');

    await page.getByLabel('Company name').fill('');
    await page.getByRole('button', { name: 'Save company settings' }).click();
    await expect(page.getByLabel('Company name')).toHaveAttribute('aria-invalid', 'true');
  });
});
