// Traces of real calls: an IVR is published through the API, a call is placed into it over FastAGI exactly as
// Asterisk places one (the agi_* environment block, then one reply per command; see the fixtures
// fastagi-sip-6011-path-and-args and fastagi-sip-601-dtmf), and the builder's Calls tab shows that call, the path it
// took through the menu's digit 1, and that it ran on an older version once the IVR is published again.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { expect, test } from '../../support/fixtures';
import { keepScreenshot } from '../../support/screenshots';
import { node } from './canvas';

test.use({ viewport: { width: 1600, height: 1000 }, reducedMotion: 'reduce' });

const tts = (text: string) => ({ kind: 'tts', text });

const flow = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'welcome',
      type: 'playMessage',
      position: { x: 300, y: 0 },
      data: { label: 'Welcome', prompt: tts('Welcome.') },
    },
    {
      id: 'menu',
      type: 'menu',
      position: { x: 600, y: 0 },
      data: {
        label: 'Main menu',
        prompt: tts('Press 1 for sales, 2 for support.'),
        options: [
          { digit: '1', label: 'Sales' },
          { digit: '2', label: 'Support' },
        ],
        timeoutSeconds: 5,
      },
    },
    { id: 'sales', type: 'hangup', position: { x: 950, y: -80 }, data: { label: 'Sales goodbye' } },
    { id: 'support', type: 'hangup', position: { x: 950, y: 120 }, data: { label: 'Support goodbye' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'welcome' },
    { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'menu' },
    { id: 'e3', source: 'menu', sourceHandle: 'digit-1', target: 'sales' },
    { id: 'e4', source: 'menu', sourceHandle: 'digit-2', target: 'support' },
  ],
};

/** Asterisk's reply to one AGI command, for a caller who presses 1 whenever asked (fixture fastagi-sip-601-dtmf). */
function replyTo(command: string): string {
  const verb = command.trim().toUpperCase();
  if (verb.startsWith('STREAM FILE')) return '200 result=0 endpos=8000\n';
  if (verb.startsWith('WAIT FOR DIGIT')) return '200 result=49\n'; // '1'
  if (verb.startsWith('GET DATA')) return '200 result=1\n';
  if (verb.startsWith('SET VARIABLE') || verb.startsWith('VERBOSE') || verb === 'HANGUP') return '200 result=1\n';
  return '200 result=0\n';
}

/**
 * Places one call into `ivr/<id>` on the FastAGI server at `address`, answers every command, and resolves with the
 * commands it was sent once the server ends the session. Bounded: 200 commands, 30 seconds.
 */
function placeCall(address: string, ivrId: number, uniqueId: string): Promise<string[]> {
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  const environment = [
    'agi_network: yes',
    `agi_network_script: ivr/${ivrId}`,
    `agi_request: agi://127.0.0.1/ivr/${ivrId}`,
    'agi_channel: PJSIP/trunk-00000001',
    'agi_language: en',
    'agi_type: PJSIP',
    `agi_uniqueid: ${uniqueId}`,
    'agi_version: 22.10.1',
    'agi_callerid: 5551234',
    'agi_calleridname: E2E caller',
    'agi_callingpres: 0',
    'agi_callingani2: 0',
    'agi_callington: 0',
    'agi_callingtns: 0',
    'agi_dnid: 6000',
    'agi_rdnis: unknown',
    'agi_context: from-trunk',
    'agi_extension: 6000',
    'agi_priority: 1',
    'agi_enhanced: 0.0',
    'agi_accountcode: ',
    'agi_threadid: 140198211872448',
  ];
  return new Promise((resolve, reject) => {
    const commands: string[] = [];
    const socket = net.connect({ host, port });
    socket.setEncoding('utf8');
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no answer from FastAGI; commands so far: ${commands}`)));
    let buffered = '';
    socket.on('connect', () => socket.write(`${environment.join('\n')}\n\n`));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.trim() === '') continue;
        commands.push(line);
        if (commands.length > 200) return socket.destroy(new Error(`too many commands: ${commands.slice(-5)}`));
        socket.write(replyTo(line));
        // After a HANGUP command Asterisk tells the script the channel is gone, then closes the connection.
        if (line.trim().toUpperCase() === 'HANGUP') socket.end('HANGUP\n');
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(commands));
  });
}

test('a real call through the IVR shows in its Calls tab with the path it took', async ({
  adminPage: page,
  adminApi,
}) => {
  const name = `Traced ${randomBytes(3).toString('hex')}`;
  const created = await adminApi.post('/api/ivrs', { data: { name, flow } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const published = await adminApi.post(`/api/ivrs/${id}/publish`);
  expect(published.status(), await published.text()).toBe(200);

  const status = (await (await adminApi.get('/api/system/status')).json()) as {
    asterisk: { agi: { enabled: boolean; listening?: string } };
  };
  expect(status.asterisk.agi.listening, 'the FastAGI server must listen').toBeTruthy();

  const callId = `${Math.floor(Date.now() / 1000)}.${randomBytes(2).readUInt16BE()}`;
  const commands = await placeCall(status.asterisk.agi.listening!, id, callId);
  expect(commands.some((c) => c.startsWith('WAIT FOR DIGIT') || c.startsWith('STREAM FILE'))).toBe(true);
  expect(commands).toContain('HANGUP');

  // The trace is written when the run ends; the API lists it for the IVR and under the call's id.
  await expect
    .poll(async () => ((await (await adminApi.get(`/api/ivrs/${id}/traces`)).json()) as { total: number }).total)
    .toBe(1);
  expect((await adminApi.get(`/api/ivr-traces/${encodeURIComponent(callId)}`)).status()).toBe(200);

  // From the IVR list to the call's path on the canvas.
  await page.goto('/ivrs');
  await page.getByRole('searchbox').fill(name);
  await page
    .getByRole('table', { name: 'IVRs' })
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('link', { name: 'Calls', exact: true })
    .click();
  const calls = page.getByRole('region', { name: 'Calls' });
  const recent = calls.getByRole('list', { name: 'Recent calls' }).getByRole('button');
  await expect(recent).toHaveCount(1);
  await expect(recent.first()).toContainText('5551234');
  await expect(recent.first()).toContainText('version 1');
  await expect(recent.first()).toContainText('Completed');
  await recent.first().click();

  await expect(calls.getByRole('heading', { name: 'Call from 5551234' })).toBeVisible();
  await expect(calls.getByTestId('call-outcome')).toContainText('Completed');
  const steps = calls.getByRole('list', { name: 'Call steps' }).getByRole('listitem');
  await expect(steps).toHaveText([
    /^Start.*Went on/,
    /^Welcome.*Went on/,
    /^Main menu.*Pressed 1 \(Sales\).*Keys pressed: 1/,
    /^Sales goodbye.*Hung up/,
  ]);
  await expect(calls.getByText(`Asterisk call id ${callId}`)).toBeVisible();
  await expect(calls.getByText(/This call ran on version/)).toHaveCount(0);

  // The canvas draws the path: visited nodes, the edges taken, and the node the call ended at.
  await expect(node(page, 'menu')).toHaveClass(/visited/);
  await expect(node(page, 'sales')).toHaveClass(/current/);
  await expect(node(page, 'support')).not.toHaveClass(/visited/);
  await expect(page.getByTestId('rf__edge-e3')).toHaveClass(/edgeTravelled/);
  await expect(page.getByTestId('rf__edge-e4')).not.toHaveClass(/edgeTravelled/);
  await keepScreenshot(page, 'ivr-call-trace');

  // Once a newer version is live, the same call says it ran on the older one.
  expect((await adminApi.post(`/api/ivrs/${id}/publish`)).status()).toBe(200);
  await page.goto(`/ivrs/${id}`);
  await page.getByRole('button', { name: 'Calls', exact: true }).click();
  await calls.getByRole('list', { name: 'Recent calls' }).getByRole('button').first().click();
  await expect(calls.getByText('This call ran on version 1')).toBeVisible();
});
