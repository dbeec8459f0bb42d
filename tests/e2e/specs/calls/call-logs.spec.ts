import { expect, test } from '../../support/fixtures';
import { insertCallRecords, type CdrSeed } from '../../support/callRecords';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';

// Call records reach the database from Asterisk (cdr_pgsql), which this suite has none of: they are written into
// cdr_raw as Asterisk would, and the API's own reconciler turns them into calls. The real calls are proven by
// BotPbx.Calls.Tests (CallLogTests).
test.describe.configure({ mode: 'serial' });

function seed(): CdrSeed[] {
  const now = Date.now();
  // Every call falls on today (UTC, the test company's zone) so today's figures count all 30, however soon after
  // midnight this runs: 7 minutes apart, closer together in the first hours of the day.
  const midnight = new Date(now);
  midnight.setUTCHours(0, 0, 0, 0);
  const step = Math.min(7 * 60_000, (now - midnight.getTime()) / 31);
  const records: CdrSeed[] = [];
  const people = ['2101', '2102', '2103', '2104'];
  for (let i = 0; i < 30; i++) {
    const start = new Date(now - (i + 1) * step);
    const ext = people[i % people.length];
    const id = `e2e${String(i).padStart(3, '0')}.${i}`;
    if (i % 3 === 0) {
      records.push({
        linkedid: id, start, answerAfter: i % 2 === 0 ? 6 : null, seconds: 40 + i, src: `+1555010${String(i).padStart(4, '0')}`,
        clid: `"Customer ${i}" <+1555010${String(i).padStart(4, '0')}>`, dst: '5551000', channel: `PJSIP/botpbx-trunk-1-0000${i}`,
        dstchannel: `PJSIP/${ext}-0001${i}`, disposition: i % 2 === 0 ? 'ANSWERED' : 'NO ANSWER', direction: 'inbound',
        did: '5551000', trunk: 'botpbx-trunk-1', queue: i % 6 === 0 ? '600' : undefined,
      });
    } else if (i % 3 === 1) {
      records.push({
        linkedid: id, start, answerAfter: 4, seconds: 90 + i, src: ext, clid: `"Desk ${ext}" <${ext}>`, dst: `9555020${i}`,
        channel: `PJSIP/${ext}-0002${i}`, dstchannel: `PJSIP/botpbx-trunk-1-0003${i}`, disposition: 'ANSWERED',
        direction: 'outbound', number: `+1555020${String(i).padStart(4, '0')}`, trunk: 'botpbx-trunk-1',
      });
    } else {
      const other = people[(i + 1) % people.length];
      records.push({
        linkedid: id, start, answerAfter: i % 4 === 0 ? null : 3, seconds: 20 + i, src: ext, clid: `"Desk ${ext}" <${ext}>`,
        dst: other, channel: `PJSIP/${ext}-0004${i}`, dstchannel: `PJSIP/${other}-0005${i}`,
        disposition: i % 4 === 0 ? 'BUSY' : 'ANSWERED',
      });
    }
  }
  return records;
}

test('with no calls yet, Call Logs and today\'s figures say so', async ({ adminPage: page }) => {
  await openFromSidebar(page, 'Call Logs');
  await expect(page.getByText('No calls yet', { exact: true })).toBeVisible();
  await expect(page.getByText('No calls yet today.')).toBeVisible();
  await expect(page.getByLabel("Today's figures").getByText('0').first()).toBeVisible();
  await keepScreenshot(page, 'call-logs-empty');
});

test('calls Asterisk recorded are listed, filtered, paged, opened and exported', async ({ adminPage: page }) => {
  await insertCallRecords(seed());
  await openFromSidebar(page, 'Call Logs');
  const table = page.getByRole('table', { name: 'Calls' });
  // The reconciler runs every second; the page refreshes on its own, and a reload is what a user would do.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/of 30\b/)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByLabel("Today's figures").getByText('30', { exact: true })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Calls by hour' }).locator('.recharts-bar-rectangle').first()).toBeVisible();
  await keepScreenshot(page, 'call-logs-with-calls');

  // Paging: 25 per page, then the rest.
  await expect(table.getByRole('row')).toHaveCount(26);
  await page.getByRole('button', { name: /next/i }).click();
  await expect(table.getByRole('row')).toHaveCount(6);

  // Filters: direction, then a number search, then the outcome.
  await page.getByLabel('Direction').selectOption('inbound');
  await expect(page.getByText(/of 10\b/)).toBeVisible();
  await expect(table.getByText('Outbound')).toHaveCount(0);
  await page.getByLabel('Number', { exact: true }).fill('5550100009');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Number', { exact: true }).fill('');
  await page.getByLabel('Outcome').selectOption('no_answer');
  await expect(page.getByText(/of 5\b/)).toBeVisible();

  // A call's details.
  await table.getByRole('button', { name: /Details of the call from \+15550100003/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('No answer')).toBeVisible();
  await expect(drawer.getByText('5551000').first()).toBeVisible();
  await expect(drawer.getByText('Normal hang-up (16)')).toBeVisible();
  await keepScreenshot(page, 'call-logs-detail');
  await page.keyboard.press('Escape');

  // The export holds what the filters show.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(file, 'utf8')).trim().split('\r\n');
  expect(lines[0]).toContain('id,call_id,started_at');
  expect(lines).toHaveLength(6);
  expect(lines.slice(1).every((line) => line.includes(',inbound,') && line.includes(',NO ANSWER,'))).toBe(true);
});

test('an agent sees only the calls of their own extension', async ({ adminApi, browser, baseURL }) => {
  const email = `agent-calls-${Date.now()}@e2e.botpbx.test`;
  const password = 'agent-password-for-e2e';
  const user = await adminApi.post('/api/users', { data: { email, name: 'Desk 2101', role: 'agent', password } });
  expect(user.status()).toBe(201);
  const { id } = (await user.json()) as { id: number };
  const ext = await adminApi.post('/api/extensions', { data: { number: '2101', name: 'Desk 2101', userId: id } });
  expect(ext.status(), await ext.text()).toBe(201);

  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const login = await page.request.post('/api/auth/login', { data: { email, password } });
  expect(login.status()).toBe(200);
  await page.goto('/');
  await openFromSidebar(page, 'Call Logs');
  const table = page.getByRole('table', { name: 'Calls' });
  // 2101 answered 3 inbound calls, made 3 outbound and 2 internal ones, and was called twice: 10 of the 30.
  await expect(page.getByText('1–10 of 10')).toBeVisible();
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(11);
  for (const row of await rows.all()) {
    if ((await row.getByRole('columnheader').count()) > 0) continue;
    await expect(row).toContainText('2101');
  }
  await keepScreenshot(page, 'call-logs-agent');
  await context.close();
});
