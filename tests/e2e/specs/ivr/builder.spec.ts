// Seed 003's example IVR drawn through the builder (Start → Welcome "Thanks for calling Acme Corp" → Menu,
// 1 → Sales queue, 2 → Support queue), published, and called in the in-browser simulator.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../../support/fixtures';
import { openFromSidebar } from '../../support/pages';
import { keepScreenshot } from '../../support/screenshots';
import { connect, dragFromPalette, node, select, tidy } from './canvas';

test.use({ viewport: { width: 1600, height: 1000 }, reducedMotion: 'reduce' });

/**
 * The queue numbers to transfer to. With the telephony API installed the queues are created, so the server's
 * reference check (when wired) finds them; without it the builder's target is a plain number input either way.
 */
async function queueNumbers(api: APIRequestContext): Promise<{ sales: string; support: string; created: boolean }> {
  const probe = await api.get('/api/queues');
  if (probe.status() === 404) return { sales: '600', support: '601', created: false };
  expect(probe.status(), await probe.text()).toBe(200);
  const numbers: string[] = [];
  const failures: string[] = [];
  for (const [index, name] of ['Sales', 'Support'].entries()) {
    // Another spec may have taken a number: try a few.
    for (let attempt = 0; attempt < 5 && numbers.length <= index; attempt++) {
      const number = String(7000 + (randomBytes(2).readUInt16BE() % 2000));
      const created = await api.post('/api/queues', { data: { number, name: `${name} ${number}` } });
      if (created.status() === 201) numbers.push(number);
      else failures.push(`${created.status()} ${await created.text()}`);
    }
  }
  expect(numbers, failures.join('\n')).toHaveLength(2);
  return { sales: numbers[0]!, support: numbers[1]!, created: true };
}

test('draws seed 003’s example, publishes it and walks it in the simulator', async ({ adminPage: page, adminApi }) => {
  // Anything the browser complains about (a Content-Security-Policy violation, a React error) fails the test.
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(error.message));

  const queues = await queueNumbers(adminApi);
  const name = `Acme main menu ${randomBytes(3).toString('hex')}`;

  await openFromSidebar(page, 'IVRs');
  await page.getByRole('button', { name: 'New IVR' }).click();
  const dialog = page.getByRole('dialog', { name: 'New IVR' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create and open' }).click();
  await expect(page).toHaveURL(/\/ivrs\/\d+$/);
  await expect(page.getByLabel('IVR name')).toHaveValue(name);
  await expect(node(page, 'start')).toBeVisible();

  // Welcome message
  await dragFromPalette(page, 'Play Message', { x: 420, y: 120 });
  const welcome = page.getByRole('region', { name: 'Play Message settings' });
  await welcome.getByLabel('Name on the canvas').fill('Welcome');
  await welcome.getByRole('textbox', { name: 'Message', exact: true }).fill('Thanks for calling Acme Corp');
  await expect(node(page, 'playMessage1')).toContainText('Thanks for calling Acme Corp');

  // Menu: 1 → Sales, 2 → Support
  await dragFromPalette(page, 'Menu', { x: 420, y: 330 });
  const menu = page.getByRole('region', { name: 'Menu settings' });
  await menu.getByLabel('Name on the canvas').fill('Main menu');
  await menu.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Press 1 for Sales, 2 for Support');
  await menu.getByRole('listitem', { name: 'Option 1' }).getByLabel('Digit').selectOption('1');
  await menu.getByRole('listitem', { name: 'Option 1' }).getByLabel('Label').fill('Sales');
  await menu.getByRole('listitem', { name: 'Option 2' }).getByLabel('Digit').selectOption('2');
  await menu.getByRole('listitem', { name: 'Option 2' }).getByLabel('Label').fill('Support');

  // The two queues
  for (const [index, label, number] of [
    [1, 'Sales queue', queues.sales],
    [2, 'Support queue', queues.support],
  ] as const) {
    await dragFromPalette(page, 'Transfer', { x: 120 + 260 * index, y: 560 });
    const transfer = page.getByRole('region', { name: 'Transfer settings' });
    await transfer.getByLabel('Name on the canvas').fill(label);
    await expect(transfer.getByLabel('Transfer to')).toHaveValue('queue');
    if (queues.created) {
      // The telephony API's queues are offered while typing.
      await expect(transfer.locator(`datalist option[value="${number}"]`)).toHaveCount(1);
    }
    await transfer.getByLabel('Queue number').fill(number);
    await expect(node(page, `transfer${index}`)).toContainText(label);
  }

  // Nothing is connected yet: the canvas says so before anything is saved.
  await expect(page.getByText(/\d+ warnings/)).toBeVisible();

  await tidy(page);
  await connect(page, 'start', 'next', 'playMessage1');
  await tidy(page);
  await connect(page, 'playMessage1', 'next', 'menu1');
  await tidy(page);
  await connect(page, 'menu1', 'digit-1', 'transfer1');
  await connect(page, 'menu1', 'digit-2', 'transfer2');
  await tidy(page);

  // The menu's unconnected outputs (invalid, timeout, max retries) are warnings, not errors: it can be published.
  await expect(page.getByText(/\d+ errors?$/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published version 1. New calls use it now.')).toBeVisible();
  await expect(page.getByText('Published v1')).toBeVisible();

  // What the server stored is seed 003's example, data only.
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const version = await adminApi.get(`/api/ivrs/${id}/versions/1`);
  expect(version.status()).toBe(200);
  const flow = (await version.json()).flow as {
    nodes: { id: string; type: string; data: Record<string, unknown> }[];
    edges: unknown[];
  };
  expect(flow.nodes.map((n) => n.type).sort()).toEqual(['menu', 'playMessage', 'start', 'transfer', 'transfer']);
  expect(flow.edges).toHaveLength(4);
  expect(flow.nodes.find((n) => n.id === 'playMessage1')!.data).toEqual({
    label: 'Welcome',
    prompt: { kind: 'tts', text: 'Thanks for calling Acme Corp' },
  });

  // Call it in the simulator and press 1.
  await page.getByRole('tab', { name: 'Simulator' }).click();
  const simulator = page.getByRole('region', { name: 'Simulator' });
  await simulator.getByRole('button', { name: 'Start call' }).click();
  await expect(simulator.getByTestId('simulator-status')).toContainText('Waiting for a key');
  await expect(node(page, 'menu1')).toHaveClass(/current/);
  await expect(simulator.getByTestId('simulator-audio')).toHaveAttribute('src', /\/api\/ivr-prompts\/.+\.wav$/);

  await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1', exact: true }).click();
  await expect(simulator.getByTestId('simulator-status')).toContainText('The call was handed off');
  const path = simulator.getByRole('list', { name: 'Path taken' }).getByRole('listitem');
  await expect(path).toHaveText([/^Start/, /^Welcome/, /^Main menu.*digit-1.*pressed 1/, /^Sales queue/]);
  await expect(path.last()).toContainText(`queue ${queues.sales}`);
  await expect(node(page, 'transfer1')).toHaveClass(/current/);
  await expect(node(page, 'transfer2')).not.toHaveClass(/visited/);
  await keepScreenshot(page, 'ivr-builder-simulated-sales');

  // The live version, called again: 2 reaches the Support queue.
  await simulator.getByLabel('Call', { exact: true }).selectOption({ label: 'Version 1 (live)' });
  await simulator.getByRole('button', { name: 'Call again' }).click();
  await expect(simulator.getByTestId('simulator-status')).toContainText('Waiting for a key');
  await simulator.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '2', exact: true }).click();
  await expect(simulator.getByTestId('simulator-status')).toContainText('The call was handed off');
  await expect(path.last()).toContainText(`queue ${queues.support}`);
  await expect(node(page, 'transfer2')).toHaveClass(/current/);
  expect(complaints).toEqual([]);
});
