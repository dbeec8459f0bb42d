import { randomBytes } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { mainNavigation, openFromSidebar, signIn, signOut } from '../support/pages';

test('a supervisor created by the admin cannot open the users page', async ({ adminPage: page }) => {
  const email = `supervisor-${randomBytes(3).toString('hex')}@e2e.botpbx.test`;

  await openFromSidebar(page, 'Users');
  await page.getByRole('button', { name: 'Add user' }).click();
  const drawer = page.getByRole('dialog', { name: 'Add user' });
  await drawer.getByLabel('Name').fill('Sam Supervisor');
  await drawer.getByLabel('Email').fill(email);
  await drawer.getByLabel('Role').selectOption('supervisor');
  await drawer.getByRole('button', { name: 'Create user' }).click();

  // No password was typed, so the server generated one and the UI shows it exactly once.
  const created = page.getByRole('dialog', { name: 'User created' });
  const password = (await created.getByTestId('secret-value').textContent())?.trim() ?? '';
  expect(password.length).toBeGreaterThanOrEqual(12);
  await created.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Supervisor');

  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText('Sam Supervisor');

  const nav = mainNavigation(page);
  await expect(nav.getByRole('link', { name: 'Live Calls' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.goto('/users');
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
});
