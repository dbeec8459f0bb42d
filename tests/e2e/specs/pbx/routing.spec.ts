import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';
import { createExtension, createQueue, uniqueNumber } from './pbxData';

test.describe('trunks and routes', () => {
  test('a provider preset fills the trunk form, and Test explains that Asterisk is not connected', async ({
    adminPage: page,
  }) => {
    await openFromSidebar(page, 'Trunks');
    await page.getByRole('button', { name: 'Add trunk' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add trunk' });
    await drawer.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Telnyx' });
    await expect(drawer.getByRole('textbox', { name: 'Server (host)' })).toHaveValue('sip.telnyx.com');
    await expect(drawer.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Telnyx');
    const codecs = drawer.getByRole('group', { name: 'codec' });
    await expect(codecs.getByRole('listitem')).toHaveText([/Opus/, /µ-law/, /A-law/]);
    await codecs.getByRole('button', { name: 'Move codec 1 down' }).click();
    await expect(codecs.getByRole('listitem')).toHaveText([/µ-law/, /Opus/, /A-law/]);

    await drawer.getByRole('textbox', { name: 'Username' }).fill('acme');
    await drawer.getByLabel('Password').fill('a-long-provider-password');
    await keepScreenshot(page, 'pbx-trunk-preset');
    await drawer.getByRole('button', { name: 'Create trunk' }).click();
    await expect(drawer).toHaveCount(0);

    const row = page.getByRole('table', { name: 'Trunks' }).getByRole('row').filter({ hasText: 'Telnyx' });
    await expect(row).toContainText('ulaw, opus, alaw');
    await row.getByRole('button', { name: 'Test Telnyx' }).click();
    const test = page.getByRole('dialog', { name: 'Test Telnyx' });
    await expect(test.getByText('Asterisk not connected')).toBeVisible();
  });

  test('outbound routes show what a pattern matches and are reordered with the arrows', async ({
    adminPage: page,
    adminApi,
  }) => {
    const trunk = await adminApi.post('/api/trunks', {
      data: { name: 'Carrier A', host: 'sip.carrier-a.example', register: false },
    });
    expect(trunk.status(), await trunk.text()).toBe(201);
    const later = await adminApi.post('/api/outbound-routes', {
      data: {
        name: 'Zeroth fallback',
        position: 1000,
        patterns: ['_X.'],
        trunkIds: [((await trunk.json()) as { id: number }).id],
      },
    });
    expect(later.status(), await later.text()).toBe(201);

    await openFromSidebar(page, 'Outbound Routes');
    await page.getByRole('button', { name: 'Add outbound route' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add outbound route' });
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Local calls');
    await drawer.getByRole('textbox', { name: 'Pattern 1' }).fill('9NXXNXXXXXX');
    await drawer.getByRole('spinbutton', { name: 'Remove digits from the front' }).fill('1');
    await drawer.getByRole('textbox', { name: 'Then add in front' }).fill('+1');
    await drawer.getByRole('textbox', { name: 'Try a number' }).fill('95552345678');
    await expect(drawer.getByRole('status')).toHaveText('Matches 9NXXNXXXXXX; the trunk dials +15552345678.');
    await drawer.getByRole('combobox', { name: 'Add a trunk' }).selectOption({ label: 'Carrier A' });
    await keepScreenshot(page, 'pbx-outbound-route-form');
    await drawer.getByRole('button', { name: 'Create route' }).click();
    await expect(drawer).toHaveCount(0);

    const table = page.getByRole('table', { name: 'Outbound Routes' });
    await expect(table.getByRole('row').nth(1)).toContainText('Zeroth fallback');
    await expect(table.getByRole('row').nth(2)).toContainText('Local calls');
    await table.getByRole('button', { name: 'Move Local calls up' }).click();
    await expect(table.getByRole('row').nth(1)).toContainText('Local calls');
    await expect(table.getByRole('row').nth(2)).toContainText('Zeroth fallback');
    await keepScreenshot(page, 'pbx-outbound-routes-order');
  });

  test('an inbound route sends a number to a queue chosen in the destination picker', async ({
    adminPage: page,
    adminApi,
  }) => {
    const agent = await createExtension(adminApi, uniqueNumber(), 'Inbound Agent');
    const queueNumber = uniqueNumber();
    await createQueue(adminApi, queueNumber, 'Front Line', [{ extensionId: agent.id, penalty: 0 }]);

    await openFromSidebar(page, 'Inbound Routes');
    await page.getByRole('button', { name: 'Add inbound route' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add inbound route' });
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Main number');
    await drawer.getByRole('textbox', { name: 'Phone number (DID)' }).fill('+15557654321');
    await drawer.getByRole('combobox', { name: 'Send the call to' }).selectOption('queue');
    await drawer.getByRole('combobox', { name: 'Queue' }).selectOption({ label: `${queueNumber} Front Line` });
    await keepScreenshot(page, 'pbx-inbound-route-destination');
    await drawer.getByRole('button', { name: 'Create route' }).click();
    await expect(drawer).toHaveCount(0);

    const row = page
      .getByRole('table', { name: 'Inbound Routes' })
      .getByRole('row')
      .filter({ hasText: '+15557654321' });
    await expect(row).toContainText(`Put in a call queue: ${queueNumber} Front Line`);
  });
});
