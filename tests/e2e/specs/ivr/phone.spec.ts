// The builder on a phone-sized screen: the palette becomes a strip above the canvas, the side panel goes below it,
// and tapping a palette item adds the node (there is no drag and drop on touch screens).
import { randomBytes } from 'node:crypto';
import { expect, test } from '../../support/fixtures';
import { keepScreenshot } from '../../support/screenshots';
import { node } from './canvas';

test.use({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });

test('an IVR can be edited on a phone-sized screen', async ({ adminPage: page, adminApi }) => {
  const created = await adminApi.post('/api/ivrs', { data: { name: `Phone ${randomBytes(3).toString('hex')}` } });
  const { id } = (await created.json()) as { id: number };

  await page.goto(`/ivrs/${id}`);
  await expect(node(page, 'start')).toBeInViewport();
  await page.getByRole('navigation', { name: 'Node palette' }).getByRole('button', { name: 'Play Message' }).click();
  await expect(node(page, 'playMessage1')).toBeVisible();

  const settings = page.getByRole('region', { name: 'Play Message settings' });
  await settings.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello from a phone');
  await expect(node(page, 'playMessage1')).toContainText('Hello from a phone');
  await keepScreenshot(page, 'ivr-builder-phone');
});
