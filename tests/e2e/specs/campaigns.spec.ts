import { expect, test } from '../support/fixtures';
import { openFromSidebar } from '../support/pages';
import { keepScreenshot } from '../support/screenshots';
import { createExtension, createQueue, uniqueNumber } from './pbx/pbxData';

test.describe('campaigns', () => {
  test('an admin creates a campaign, uploads a CSV with bad rows and sees each refused row with its reason', async ({
    adminPage: page,
    adminApi,
  }) => {
    const agent = await createExtension(adminApi, uniqueNumber(), 'Campaign Agent');
    const queueNumber = uniqueNumber();
    await createQueue(adminApi, queueNumber, 'Reminder team', [{ extensionId: agent.id, penalty: 0 }]);
    const trunk = await adminApi.post('/api/trunks', { data: { name: `Outbound carrier ${queueNumber}`, host: 'sip.example.net' } });
    expect(trunk.status(), await trunk.text()).toBe(201);
    const name = `Appointment reminders ${queueNumber}`;

    await openFromSidebar(page, 'Campaigns');
    await page.getByRole('button', { name: 'Create campaign' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Create campaign' });
    await drawer.getByRole('textbox', { name: 'Name' }).fill(name);
    await drawer.getByRole('textbox', { name: 'Caller ID' }).fill('+15551234567');
    await drawer.getByLabel('Trunk').selectOption({ label: `Outbound carrier ${queueNumber}` });
    await drawer.getByLabel('A person who answers goes to').selectOption('queue');
    await drawer.getByLabel('Which one').selectOption({ label: `${queueNumber} Reminder team` });
    await drawer.getByLabel('When a machine answers').selectOption('playRecording');
    await drawer.getByRole('textbox', { name: 'Message (spoken by text-to-speech)' }).fill('Please call us back about tomorrow.');
    await drawer.getByRole('spinbutton', { name: 'Maximum words' }).fill('50');
    await keepScreenshot(page, 'campaigns-form');
    await drawer.getByRole('button', { name: 'Create campaign' }).click();
    // The server's range check lands under the AMD field.
    await expect(drawer.getByRole('spinbutton', { name: 'Maximum words' })).toHaveAttribute('aria-invalid', 'true');
    await drawer.getByRole('spinbutton', { name: 'Maximum words' }).fill('3');
    await drawer.getByRole('button', { name: 'Create campaign' }).click();
    await expect(drawer).toBeHidden();

    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const csv = 'phone,first_name,appointment_date\n+15551234567,John,2024-01-15\n(555) 987-6543,Jane,2024-01-16\n12,Too short,\n,No phone,\n';
    await page.getByLabel('Contacts CSV').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const refused = page.getByRole('table', { name: 'Rows refused' });
    await expect(refused.getByRole('row')).toHaveCount(3);
    await expect(refused.getByRole('row').nth(1)).toContainText('4');
    await expect(refused.getByRole('row').nth(2)).toContainText('5');
    await expect(page.getByText('2 added, 0 merged')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Contacts' })).toContainText('+15559876543');
    await keepScreenshot(page, 'campaigns-upload-row-errors');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await keepScreenshot(page, 'campaigns-live');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();

    await openFromSidebar(page, 'Campaigns');
    await expect(page.getByRole('table', { name: 'Campaigns' })).toContainText(name);
    await keepScreenshot(page, 'campaigns-list');
  });

  test('an admin uploads the voicemail message from the campaign form; a file that is not audio is refused on the spot', async ({
    adminPage: page,
    adminApi,
  }) => {
    const number = uniqueNumber();
    const agent = await createExtension(adminApi, number, 'Message Agent');
    const trunk = await adminApi.post('/api/trunks', { data: { name: `Message carrier ${number}`, host: 'sip.example.net' } });
    expect(trunk.status(), await trunk.text()).toBe(201);
    const name = `Message campaign ${number}`;

    await openFromSidebar(page, 'Campaigns');
    await page.getByRole('button', { name: 'Create campaign' }).first().click();
    const drawer = page.getByRole('dialog', { name: 'Create campaign' });
    await drawer.getByRole('textbox', { name: 'Name' }).fill(name);
    await drawer.getByRole('textbox', { name: 'Caller ID' }).fill('+15551234567');
    await drawer.getByLabel('Trunk').selectOption({ label: `Message carrier ${number}` });
    await drawer.getByLabel('A person who answers goes to').selectOption('extension');
    await drawer.getByLabel('Which one').selectOption({ value: String(agent.id) });
    await drawer.getByLabel('When a machine answers').selectOption('playRecording');

    const audio = drawer.getByLabel('Voicemail message audio');
    await audio.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not audio') });
    await expect(drawer.getByRole('alert').filter({ hasText: 'must be one of' })).toBeVisible();

    await audio.setInputFiles({ name: 'Reminder.wav', mimeType: 'audio/wav', buffer: toneWav() });
    const recording = drawer.getByRole('textbox', { name: "…or an uploaded recording's id" });
    await expect(recording).toHaveValue(/^campaign-vm-[0-9a-f]{12}$/);
    await expect(drawer.getByText(/^Uploaded: campaign-vm-/)).toBeVisible();
    await expect(drawer.getByRole('alert')).toHaveCount(0);
    const recordingId = await recording.inputValue();
    await drawer.getByRole('button', { name: 'Upload a message' }).scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'campaigns-voicemail-upload');
    await drawer.getByRole('button', { name: 'Create campaign' }).click();
    await expect(drawer).toBeHidden();

    const list = await adminApi.get('/api/campaigns');
    const created = ((await list.json()) as { name: string; settings: { onVoicemail: { recordingId: string | null } } }[]).find(
      (c) => c.name === name,
    );
    expect(created?.settings.onVoicemail.recordingId).toBe(recordingId);
  });
});

/** Half a second of 440 Hz, 16 kHz mono 16-bit PCM (the server converts it to 8 kHz). */
function toneWav(): Buffer {
  const rate = 16000;
  const samples = rate / 2;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
