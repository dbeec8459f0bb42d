import { expect, test } from '../support/fixtures';
import { keepScreenshot } from '../support/screenshots';

test.describe('live dashboard', () => {
  test('with no calls the dashboard says so, counts zero and keeps the live feed open', async ({ adminPage: page }) => {
    await expect(page.getByText('No calls right now')).toBeVisible();
    await expect(page.getByTestId('kpi-active')).toHaveText('0');
    await expect(page.getByTestId('kpi-waiting')).toHaveText('0');
    // The e2e API runs without Asterisk: the SignalR feed is up, and the page says Asterisk is not connected.
    await expect(page.getByTestId('live-indicator')).toContainText('Asterisk is not connected');
    await expect(page.getByRole('heading', { name: 'Extensions' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Queues' })).toBeVisible();
    await keepScreenshot(page, 'dashboard-live-no-calls');
  });
});
