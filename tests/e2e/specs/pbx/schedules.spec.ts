import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';

test.describe('time conditions', () => {
  test('an admin sets opening hours, a holiday and a time zone', async ({ adminPage: page }) => {
    await openFromSidebar(page, 'Time Conditions');
    await page.getByRole('button', { name: 'Add time condition' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add time condition' });
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Office hours');
    await drawer.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Berlin');

    // New schedules start from Monday to Friday, 9 to 5; Saturday morning is added.
    await drawer.getByRole('button', { name: 'Add hours' }).click();
    const hours = drawer.getByRole('group', { name: 'opening hours' }).getByRole('listitem');
    await hours.nth(1).getByRole('combobox', { name: 'From' }).selectOption('sat');
    await hours.nth(1).getByRole('combobox', { name: 'To' }).selectOption('sat');
    await hours.nth(1).getByLabel('Opens').fill('10:00');
    await hours.nth(1).getByLabel('Closes').fill('09:00');

    await drawer.getByRole('button', { name: 'Add holiday' }).click();
    const holiday = drawer.getByRole('group', { name: 'holiday' }).getByRole('listitem').first();
    await holiday.getByRole('textbox', { name: 'Holiday' }).fill('Christmas');
    await holiday.getByRole('combobox', { name: 'Month' }).selectOption({ label: 'December' });
    await holiday.getByRole('spinbutton', { name: 'First day' }).fill('24');
    await holiday.getByRole('spinbutton', { name: 'Last day' }).fill('26');
    await drawer.getByRole('button', { name: 'Create time condition' }).click();

    // Closing before opening is refused for that row only (`ranges[1].end`).
    const closes = hours.nth(1).getByLabel('Closes');
    await expect(closes).toHaveAttribute('aria-invalid', 'true');
    await expect(hours.nth(0).getByLabel('Closes')).not.toHaveAttribute('aria-invalid', 'true');
    await keepScreenshot(page, 'pbx-time-condition-error');
    await closes.fill('14:00');
    await drawer.getByRole('button', { name: 'Create time condition' }).click();
    await expect(drawer).toHaveCount(0);

    const row = page
      .getByRole('table', { name: 'Time Conditions' })
      .getByRole('row')
      .filter({ hasText: 'Office hours' });
    await expect(row).toContainText('Europe/Berlin');
    await expect(row).toContainText('Mon–Fri 09:00–17:00, Sat 10:00–14:00');
  });

  test('PBX pages work on a phone-sized screen', async ({ adminPage: page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/queues');
    await expect(page.getByRole('heading', { level: 1, name: 'Queues' })).toBeVisible();
    await page.getByRole('button', { name: 'Add queue' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add queue' });
    await expect(drawer.getByRole('button', { name: 'Create queue' })).toBeInViewport();
    await keepScreenshot(page, 'pbx-queue-form-phone');
  });
});
