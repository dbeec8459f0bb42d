import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';
import { createExtension, uniqueNumber } from './pbxData';

test.describe('queues page', () => {
  test('an admin creates a queue with a member and a penalty', async ({ adminPage: page, adminApi }) => {
    const agent = uniqueNumber();
    await createExtension(adminApi, agent, 'Queue Agent');
    const queueNumber = uniqueNumber();

    await openFromSidebar(page, 'Queues');
    await page.getByRole('button', { name: 'Add queue' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add queue' });
    await drawer.getByRole('textbox', { name: 'Queue number' }).fill(queueNumber);
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Support');
    await drawer.getByLabel('Who rings first').selectOption('leastrecent');
    await expect(drawer.getByText('The agent who finished a call longest ago rings first.')).toBeVisible();

    await drawer.getByRole('button', { name: 'Add member' }).click();
    await drawer
      .getByRole('combobox', { name: 'Member 1', exact: true })
      .selectOption({ label: `${agent} Queue Agent` });
    const penalty = drawer.getByRole('spinbutton', { name: 'Penalty' });
    await penalty.fill('500');
    await drawer.getByRole('button', { name: 'Create queue' }).click();

    // The server's `members[0].penalty` message lands under that member's penalty box.
    await expect(penalty).toHaveAttribute('aria-invalid', 'true');
    await expect(penalty).toHaveAccessibleDescription(/^Penalty .+/);
    await keepScreenshot(page, 'pbx-queue-member-error');

    await penalty.fill('2');
    await drawer.getByRole('button', { name: 'Create queue' }).click();
    await expect(drawer).toHaveCount(0);

    const row = page.getByRole('table', { name: 'Queues' }).getByRole('row').filter({ hasText: queueNumber });
    await expect(row).toContainText('Longest idle first');
    await expect(row).toContainText('1 fixed');
    await keepScreenshot(page, 'pbx-queues-list');

    const saved = await adminApi.get('/api/queues', { params: { search: queueNumber } });
    const body = (await saved.json()) as { items: { members: { penalty: number }[] }[] };
    expect(body.items[0]?.members).toEqual([expect.objectContaining({ penalty: 2 })]);
  });
});
