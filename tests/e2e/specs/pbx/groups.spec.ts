import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';
import { createExtension, uniqueNumber } from './pbxData';

test.describe('ring groups and conference rooms', () => {
  test('a ring group rings two phones in turn and then goes to a voicemail box', async ({
    adminPage: page,
    adminApi,
  }) => {
    const first = uniqueNumber();
    const second = uniqueNumber();
    await createExtension(adminApi, first, 'Sales One');
    await createExtension(adminApi, second, 'Sales Two');
    const groupNumber = uniqueNumber();

    await openFromSidebar(page, 'Ring Groups');
    await page.getByRole('button', { name: 'Add ring group' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add ring group' });
    await drawer.getByRole('textbox', { name: 'Group number' }).fill(groupNumber);
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Sales team');
    await drawer.getByRole('combobox', { name: 'How phones ring' }).selectOption('hunt');
    await expect(drawer.getByText('Phones ring one at a time, in the order of the list.')).toBeVisible();
    await drawer.getByRole('combobox', { name: 'Add a phone' }).selectOption({ label: `${second} Sales Two` });
    await drawer.getByRole('combobox', { name: 'Add a phone' }).selectOption({ label: `${first} Sales One` });
    await drawer.getByRole('button', { name: 'Move group member 2 up' }).click();
    await drawer.getByRole('combobox', { name: 'Send the call to' }).selectOption('voicemail');
    await drawer
      .getByRole('combobox', { name: 'Voicemail box of' })
      .selectOption({ label: `Voicemail ${first} Sales One` });
    await keepScreenshot(page, 'pbx-ring-group-form');
    await drawer.getByRole('button', { name: 'Create ring group' }).click();
    await expect(drawer).toHaveCount(0);

    const row = page.getByRole('table', { name: 'Ring Groups' }).getByRole('row').filter({ hasText: groupNumber });
    await expect(row).toContainText('One after another, 20 s');
    const saved = await adminApi.get('/api/ring-groups', { params: { search: groupNumber } });
    const group = ((await saved.json()) as { items: { memberExtensionIds: number[] }[] }).items[0];
    const extensions = await adminApi.get('/api/extensions', { params: { search: 'Sales' } });
    const ids = ((await extensions.json()) as { items: { id: number; number: string }[] }).items;
    expect(group?.memberExtensionIds).toEqual([
      ids.find((e) => e.number === first)?.id,
      ids.find((e) => e.number === second)?.id,
    ]);
  });

  test('a conference room refuses a host PIN equal to the PIN', async ({ adminPage: page }) => {
    const room = uniqueNumber();
    await openFromSidebar(page, 'Conferences');
    await page.getByRole('button', { name: 'Add conference room' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add conference room' });
    await drawer.getByRole('textbox', { name: 'Room number' }).fill(room);
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Weekly meeting');
    await drawer.getByRole('textbox', { name: 'PIN', exact: true }).fill('1234');
    await drawer.getByRole('textbox', { name: 'Host PIN' }).fill('1234');
    await drawer.getByRole('button', { name: 'Create room' }).click();

    const host = drawer.getByRole('textbox', { name: 'Host PIN' });
    await expect(host).toHaveAttribute('aria-invalid', 'true');
    await expect(host).toHaveAccessibleDescription(/must differ from pin/);
    await host.fill('9876');
    await drawer.getByRole('button', { name: 'Create room' }).click();
    await expect(drawer).toHaveCount(0);
    const row = page.getByRole('table', { name: 'Conferences' }).getByRole('row').filter({ hasText: room });
    await expect(row).toContainText('PIN required');
  });
});
