import { expect, test } from '../support/fixtures';
import { signIn } from '../support/pages';
import { keepScreenshot } from '../support/screenshots';

test.describe('signing in', () => {
  test('an administrator signs in through the form and sees the dashboard', async ({ page, admin }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, admin.email, admin.password);

    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    const status = page.getByRole('region', { name: 'System status' });
    await expect(status.getByTestId('status-version')).not.toHaveText('…');
    await expect(status.getByText('PostgreSQL is answering.')).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveText('Administrator');
    await keepScreenshot(page, 'dashboard');
  });

  test('a wrong password shows an error and stays on the login page', async ({ page, admin }) => {
    await signIn(page, admin.email, 'not-the-password');

    await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel('Password')).toHaveValue('');
  });

  test('a page asked for before signing in opens after signing in', async ({ page, admin }) => {
    await page.goto('/settings');
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);

    await signIn(page, admin.email, admin.password);

    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });
});
