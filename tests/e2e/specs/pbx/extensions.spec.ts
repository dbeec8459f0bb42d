import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';
import { uniqueNumber } from './pbxData';

test.describe('extensions page', () => {
  test('an admin creates an extension and sees its SIP password once, then reveals it on purpose', async ({
    adminPage: page,
  }) => {
    const number = uniqueNumber();
    await openFromSidebar(page, 'Extensions');
    await page.getByRole('button', { name: 'Add extension' }).first().click();

    const drawer = page.getByRole('dialog', { name: 'Add extension' });
    await drawer.getByRole('textbox', { name: 'Extension number' }).fill(number);
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Front desk');
    await expect(drawer.getByRole('textbox', { name: 'Voicemail PIN' })).toHaveValue(/^\d{6}$/);
    await keepScreenshot(page, 'pbx-extension-form');
    await drawer.getByRole('button', { name: 'Create extension' }).click();

    const created = page.getByRole('dialog', { name: 'Extension created' });
    const secret = created.getByTestId('secret-value');
    await expect(secret).toHaveText(/^\S{16,}$/);
    const shown = (await secret.textContent()) ?? '';
    await expect(created.getByRole('button', { name: 'Copy' })).toBeVisible();
    await keepScreenshot(page, 'pbx-extension-secret-once');
    await created.getByRole('button', { name: 'Done' }).click();
    await expect(created).toHaveCount(0);

    // The list and the edit form never carry the password again.
    const row = page.getByRole('table', { name: 'Extensions' }).getByRole('row').filter({ hasText: number });
    await expect(row).toContainText('Front desk');
    await expect(page.getByText(shown)).toHaveCount(0);
    await row.getByRole('button', { name: `Edit ${number} Front desk` }).click();
    const edit = page.getByRole('dialog', { name: 'Edit extension' });
    await expect(edit.getByLabel('SIP password')).toHaveCount(0);
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // Saved but not yet running in Asterisk: the page says so.
    await expect(page.getByTestId('pending-changes')).toContainText('Changes not applied');

    await row.getByRole('button', { name: `Reveal SIP password of ${number} Front desk` }).click();
    await page
      .getByRole('alertdialog', { name: 'Reveal SIP password?' })
      .getByRole('button', { name: 'Reveal password' })
      .click();
    await expect(page.getByRole('dialog', { name: 'SIP password' }).getByTestId('secret-value')).toHaveText(shown);
  });

  test('an invalid value is shown next to its field, and the message goes once the field is edited', async ({
    adminPage: page,
  }) => {
    await openFromSidebar(page, 'Extensions');
    await page.getByRole('button', { name: 'Add extension' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Add extension' });
    await drawer.getByRole('textbox', { name: 'Extension number' }).fill('12ab');
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill('Broken');
    await drawer.getByRole('textbox', { name: 'Voicemail PIN' }).fill('12');
    await drawer.getByRole('button', { name: 'Create extension' }).click();

    const number = drawer.getByRole('textbox', { name: 'Extension number' });
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(number).toHaveAccessibleDescription(/^Extension number .+/);
    const pin = drawer.getByRole('textbox', { name: 'Voicemail PIN' });
    await expect(pin).toHaveAttribute('aria-invalid', 'true');
    await expect(pin).toHaveAccessibleDescription(/4 to 10 digits/);
    await keepScreenshot(page, 'pbx-extension-inline-errors');

    await number.fill(uniqueNumber());
    await expect(number).not.toHaveAttribute('aria-invalid', 'true');
    await expect(pin).toHaveAttribute('aria-invalid', 'true');
  });
});
