import { randomBytes } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { openFromSidebar } from '../support/pages';
import { keepScreenshot } from '../support/screenshots';

const unique = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}@e2e.botpbx.test`;

test.describe('users page', () => {
  test('shows the server’s field errors next to the fields and a conflict for a taken email', async ({
    adminPage: page,
    adminApi,
  }) => {
    const taken = unique('taken');
    const response = await adminApi.post('/api/users', { data: { email: taken, name: 'Taken', role: 'agent' } });
    expect(response.status()).toBe(201);

    await openFromSidebar(page, 'Users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add user' });
    await drawer.getByLabel('Email').fill('not an email');
    await drawer.getByRole('button', { name: 'Create user' }).click();

    const email = drawer.getByLabel('Email');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/^Email .+/);
    await keepScreenshot(page, 'users-field-errors');

    await email.fill(taken);
    await expect(email).not.toHaveAttribute('aria-invalid', 'true');
    await drawer.getByRole('button', { name: 'Create user' }).click();
    await expect(drawer.getByRole('alert')).toContainText('already exists');
  });

  test('an admin edits, disables, resets the password of and deletes a user', async ({ adminPage: page, adminApi }) => {
    const email = unique('agent');
    const response = await adminApi.post('/api/users', {
      data: { email, name: 'Alex Agent', role: 'agent', password: 'a long enough password' },
    });
    expect(response.status()).toBe(201);

    await openFromSidebar(page, 'Users');
    await page.getByRole('searchbox').fill(email);
    const table = page.getByRole('table', { name: 'Users' });
    const row = table.getByRole('row').filter({ hasText: email });
    await expect(table.getByRole('row')).toHaveCount(2); // the header and the one match
    await keepScreenshot(page, 'users-list');

    await row.getByRole('button', { name: 'Edit Alex Agent' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit user' });
    await drawer.getByLabel('Name').fill('Alex Renamed');
    await drawer.getByLabel('Role').selectOption('supervisor');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await expect(drawer).toHaveCount(0);
    await expect(row).toContainText('Alex Renamed');
    await expect(row).toContainText('Supervisor');

    await row.getByRole('button', { name: 'Disable Alex Renamed' }).click();
    await expect(row).toContainText('Disabled');

    await row.getByRole('button', { name: 'Reset password of Alex Renamed' }).click();
    await page.getByRole('alertdialog', { name: 'Reset password?' }).getByRole('button', { name: 'Reset password' }).click();
    const reveal = page.getByRole('dialog', { name: 'Password reset' });
    await expect(reveal.getByTestId('secret-value')).toHaveText(/^\S{12,}$/);
    await keepScreenshot(page, 'users-password-reset');
    await reveal.getByRole('button', { name: 'Done' }).click();

    await row.getByRole('button', { name: 'Delete Alex Renamed' }).click();
    await page.getByRole('alertdialog', { name: 'Delete user?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No matches')).toBeVisible();
  });

  test('the sidebar folds into a menu on a phone-sized screen', async ({ adminPage: page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).not.toBeInViewport();

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect(nav).toBeInViewport();
    await keepScreenshot(page, 'mobile-navigation');

    await nav.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(nav).not.toBeInViewport();
  });
});
