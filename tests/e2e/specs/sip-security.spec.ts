import { expect, test } from '../support/fixtures';
import { openFromSidebar } from '../support/pages';
import { keepScreenshot } from '../support/screenshots';

// The bans themselves come from Asterisk's security events, which this suite has no Asterisk to send: they are proven
// on the real Asterisk by BotPbx.Calls.Tests (SipBanTests). Here: the page, and the allow-list against the real API.
test.describe('SIP security', () => {
  test('an administrator edits the allow-list; a range with host bits set is refused by the server', async ({
    adminPage: page,
    adminApi,
  }) => {
    await openFromSidebar(page, 'SIP Security');
    await expect(
      page.getByRole('table', { name: 'SIP bans' }).or(page.getByText('No address is banned')),
    ).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Allowed address 1' })).toHaveValue('127.0.0.1/32');

    await page.getByRole('button', { name: 'Add address' }).click();
    const added = page.getByRole('textbox', { name: 'Allowed address 3' });
    await added.fill('10.0.0.1/8');
    await page.getByRole('button', { name: 'Save protection settings' }).click();
    await expect(added).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('the range is 10.0.0.0/8')).toBeVisible();
    await keepScreenshot(page, 'sip-security-allow-list-refused');

    await added.fill('10.0.0.0/8');
    await page.getByRole('button', { name: 'Save protection settings' }).click();
    await expect(page.getByText('SIP protection settings saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Allowed address 3' })).toHaveValue('10.0.0.0/8');

    // Leave the defaults for the other specs.
    const restored = await adminApi.put('/api/security/sip-protection', {
      data: {
        enabled: true,
        maxFailures: 5,
        windowSeconds: 60,
        banSeconds: 3600,
        allowList: ['127.0.0.1/32', '::1/128'],
      },
    });
    expect(restored.status()).toBe(200);
  });
});
