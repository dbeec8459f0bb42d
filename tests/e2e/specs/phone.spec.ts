// The browser phone's UI and the call-monitoring buttons, without Asterisk (the real calls are in
// tests/BotPbx.Calls.Tests/Calls/Browser): who gets a phone, what the panel offers, who may monitor.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { mainNavigation } from '../support/pages';
import { keepScreenshot } from '../support/screenshots';
import { uniqueNumber } from './pbx/pbxData';

interface TestUser {
  id: number;
  email: string;
  password: string;
}

async function createUser(api: APIRequestContext, role: 'agent' | 'supervisor'): Promise<TestUser> {
  const email = `${role}-${randomBytes(4).toString('hex')}@e2e.botpbx.test`;
  const password = `Pw-${randomBytes(12).toString('base64url')}`;
  const response = await api.post('/api/users', { data: { email, name: `Pat ${role}`, role, password } });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: number }).id, email, password };
}

async function createWebRtcExtension(api: APIRequestContext, user: TestUser, number: string): Promise<number> {
  const response = await api.post('/api/extensions', {
    data: { number, name: 'Pat Browser', voicemail: { enabled: false }, webRtc: true, userId: user.id },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { extension: { id: number } }).extension.id;
}

async function signInAs(page: Page, user: TestUser): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: { email: user.email, password: user.password } });
  expect(response.status(), await response.text()).toBe(200);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

test('a user whose extension has WebRTC on gets a docked phone with a dial pad on every page', async ({ page, adminApi }) => {
  // No Asterisk in this suite: the phone points at a closed port, so it keeps trying to connect.
  const settings = await adminApi.put('/api/webrtc-settings', { data: { stunServers: ['stun:stun.example.net:3478'], webSocketUrl: 'ws://127.0.0.1:9/ws' } });
  expect(settings.status(), await settings.text()).toBe(200);
  const agent = await createUser(adminApi, 'agent');
  const number = uniqueNumber();
  await createWebRtcExtension(adminApi, agent, number);

  await signInAs(page, agent);
  await page.getByRole('button', { name: 'Open phone' }).click();
  const panel = page.getByRole('region', { name: 'Phone' });
  await expect(panel.getByRole('heading', { name: `Phone · ${number}` })).toBeVisible();
  for (const key of ['1', '0', '0', '#']) await panel.getByRole('button', { name: `Key ${key}` }).click();
  await expect(panel.getByRole('textbox', { name: 'Number to dial' })).toHaveValue('100#');
  // Not registered (no PBX to reach), so calling is not offered yet.
  await expect(panel.getByRole('button', { name: 'Call' })).toBeDisabled();
  await expect(panel.getByText(/Connecting|Reconnecting/).first()).toBeVisible();
  await keepScreenshot(page, 'phone-panel');

  // The panel follows the user from page to page.
  await mainNavigation(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Phone' })).toBeVisible();
});

test('the browser phone password goes to its owner only, and never in an extension read', async ({ playwright, baseURL, adminApi }) => {
  const owner = await createUser(adminApi, 'agent');
  const other = await createUser(adminApi, 'supervisor');
  const number = uniqueNumber();
  const extensionId = await createWebRtcExtension(adminApi, owner, number);
  const settings = await adminApi.put('/api/webrtc-settings', { data: { stunServers: [], webSocketUrl: 'ws://127.0.0.1:9/ws' } });
  expect(settings.status()).toBe(200);

  const as = async (user: TestUser) => {
    const context = await playwright.request.newContext({ baseURL });
    const login = await context.post('/api/auth/login', { data: { email: user.email, password: user.password } });
    expect(login.status()).toBe(200);
    return context;
  };
  const ownerApi = await as(owner);
  const credentials = await ownerApi.get('/api/phone/credentials');
  expect(credentials.status(), await credentials.text()).toBe(200);
  expect(credentials.headers()['cache-control']).toContain('no-store');
  const body = (await credentials.json()) as { authorizationUser: string; password: string; sipUri: string; extension: string };
  expect(body.extension).toBe(number);
  expect(body.authorizationUser).toBe(`${number}-webrtc`);
  expect(body.sipUri).toBe(`sip:${number}-webrtc@127.0.0.1`);
  expect(body.password.length).toBeGreaterThanOrEqual(20);

  const otherApi = await as(other);
  expect((await otherApi.get('/api/phone/credentials')).status()).toBe(404);
  const read = await adminApi.get(`/api/extensions/${extensionId}`);
  expect(await read.text()).not.toContain(body.password);
  const list = await adminApi.get('/api/extensions', { params: { search: number } });
  expect(await list.text()).not.toContain(body.password);
  // A request cannot choose the password either: it stays the generated one.
  const update = await adminApi.put(`/api/extensions/${extensionId}`, {
    data: { number, name: 'Pat Browser', voicemail: { enabled: false }, webRtc: true, userId: owner.id, webRtcSecret: 'Chosen-by-attacker-1' },
  });
  expect(update.status(), await update.text()).toBe(200);
  expect(((await (await ownerApi.get('/api/phone/credentials')).json()) as { password: string }).password).toBe(body.password);
  await ownerApi.dispose();
  await otherApi.dispose();
});

test('a user without a browser phone is told why', async ({ page, adminApi }) => {
  const agent = await createUser(adminApi, 'agent');
  await signInAs(page, agent);
  await page.getByRole('button', { name: 'Open phone' }).click();
  await expect(page.getByRole('region', { name: 'Phone' }).getByRole('status')).toContainText('None of your extensions has WebRTC on');
});

test('WebRTC settings are validated and the TURN password is write-only', async ({ adminApi }) => {
  const bad = await adminApi.put('/api/webrtc-settings', {
    data: { stunServers: ['http://evil'], turnServer: 'turn:turn.example.net:3478', turnUsername: 'user\nname', webSocketUrl: 'javascript:alert(1)' },
  });
  expect(bad.status()).toBe(422);
  const problem = (await bad.json()) as { errors: Record<string, string[]> };
  expect(Object.keys(problem.errors)).toEqual(expect.arrayContaining(['stunServers[0]', 'turnUsername', 'turnPassword', 'webSocketUrl']));

  const good = await adminApi.put('/api/webrtc-settings', {
    data: { stunServers: [], turnServer: 'turn:turn.example.net:3478?transport=udp', turnUsername: 'botpbx', turnPassword: 'relay-secret-1', webSocketUrl: 'ws://127.0.0.1:9/ws' },
  });
  expect(good.status(), await good.text()).toBe(200);
  const read = await adminApi.get('/api/webrtc-settings');
  const text = await read.text();
  expect(text).not.toContain('relay-secret-1');
  expect(JSON.parse(text)).toMatchObject({ hasTurnPassword: true, turnUsername: 'botpbx' });
  // Put back what the other specs expect: no TURN.
  await adminApi.put('/api/webrtc-settings', { data: { stunServers: [], webSocketUrl: 'ws://127.0.0.1:9/ws' } });
});

test('only supervisors and admins get Listen, Whisper and Barge', async ({ page, adminApi, playwright, baseURL }) => {
  const agent = await createUser(adminApi, 'agent');
  const agentApi = await playwright.request.newContext({ baseURL });
  await agentApi.post('/api/auth/login', { data: { email: agent.email, password: agent.password } });
  const refused = await agentApi.post('/api/calls/monitor', { data: { channel: 'PJSIP/2001-00000001', mode: 'listen' } });
  expect(refused.status()).toBe(403);
  await agentApi.dispose();

  await signInAs(page, agent);
  await expect(mainNavigation(page).getByRole('link', { name: 'Call Monitoring' })).toHaveCount(0);
  await page.goto('/monitor');
  await expect(page.getByText("You don't have access to this page")).toBeVisible();

  // A supervisor opens the page. With no Asterisk behind this suite the list of calls cannot be had, so one call
  // is put in the list here (the only stand-in of this spec); the buttons then talk to the real API.
  const supervisor = await createUser(adminApi, 'supervisor');
  await page.context().clearCookies();
  await page.route('**/api/calls/monitor/channels', (route) =>
    route.fulfill({
      json: {
        items: [
          {
            channel: 'PJSIP/2001-0000002a',
            uniqueid: '1765000000.42',
            linkedid: '1765000000.41',
            state: 'Up',
            callerIdNumber: '2001',
            callerIdName: 'Alice Agent',
            connectedLineNumber: '+12125550100',
            connectedLineName: 'Customer',
            application: 'Dial',
            duration: '00:02:05',
            extension: '2001',
          },
        ],
      },
    }),
  );
  await signInAs(page, supervisor);
  await mainNavigation(page).getByRole('link', { name: 'Call Monitoring' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Call Monitoring' })).toBeVisible();
  const buttons = page.getByRole('group', { name: 'Monitor PJSIP/2001-0000002a' });
  for (const name of ['Listen', 'Whisper', 'Barge']) await expect(buttons.getByRole('button', { name })).toBeVisible();
  await keepScreenshot(page, 'call-monitoring');
  // The real API refuses: this supervisor has no phone of their own to ring.
  await buttons.getByRole('button', { name: 'Listen' }).click();
  await expect(page.getByText('you have no extension')).toBeVisible();
});
