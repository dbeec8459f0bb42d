// A headless chromium that another test process drives line by line: the real-call tests (tests/BotPbx.Calls.Tests,
// Harness/Browser.cs) start it with node, point it at the BotPBX API they started (which serves the built SPA), and
// send one JSON command per line on stdin; each answer is one JSON line on stdout: {"id":…,"ok":true,"result":…} or
// {"id":…,"ok":false,"error":"…"}. Page console messages and errors go to stderr (the caller keeps them in a log).
//
//   node browser-driver.mjs --base http://127.0.0.1:PORT [--audio tone.wav] [--chromium /usr/bin/chromium]
//
// Commands: goto {path}, login {email,password}, eval {expression}, waitFor {selector,state?,timeoutMs?},
// click {selector}, fill {selector,value}, press {selector,key}, text {selector}, count {selector},
// screenshot {path,fullPage?}, close.
// The media switches are chromium's fake devices (DESIGN.md): a microphone that plays --audio (a wav file, looped),
// a camera/microphone prompt that is always granted, and ICE candidates on loopback.
import { chromium } from '@playwright/test';
import readline from 'node:readline';

function argument(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const base = argument('base');
if (!base) {
  console.error('browser-driver: --base http://127.0.0.1:PORT is required');
  process.exit(2);
}
const audio = argument('audio');
const executablePath = argument('chromium', process.env.BOTPBX_CHROMIUM ?? '/usr/bin/chromium');

const args = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // Chromium would otherwise suspend audio of a page nobody clicked in (autoplay policy): the phone must play at once.
  '--autoplay-policy=no-user-gesture-required',
];
if (audio) args.push(`--use-file-for-fake-audio-capture=${audio}`);

const browser = await chromium.launch({ executablePath, headless: true, args });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
await context.grantPermissions(['microphone'], { origin: base });
const page = await context.newPage();
page.on('console', (message) => console.error(`[console.${message.type()}] ${message.text()}`));
page.on('pageerror', (error) => console.error(`[pageerror] ${error.stack ?? error.message}`));

const commands = {
  goto: async ({ path }) => {
    await page.goto(path);
    return page.url();
  },
  // Signing in through the API sets the HttpOnly session cookie for the page, as the e2e fixtures do.
  login: async ({ email, password }) => {
    const response = await page.request.post('/api/auth/login', { data: { email, password } });
    if (!response.ok()) throw new Error(`login answered ${response.status()}: ${await response.text()}`);
    await page.goto('/');
    return true;
  },
  eval: async ({ expression }) => page.evaluate(expression),
  waitFor: async ({ selector, state, timeoutMs }) => {
    await page.locator(selector).first().waitFor({ state: state ?? 'visible', timeout: timeoutMs ?? 15_000 });
    return true;
  },
  click: async ({ selector }) => {
    await page.locator(selector).first().click();
    return true;
  },
  fill: async ({ selector, value }) => {
    await page.locator(selector).first().fill(value);
    return true;
  },
  press: async ({ selector, key }) => {
    await page.locator(selector).first().press(key);
    return true;
  },
  text: async ({ selector }) => page.locator(selector).first().innerText(),
  count: async ({ selector }) => page.locator(selector).count(),
  screenshot: async ({ path, fullPage }) => {
    await page.screenshot({ path, fullPage: fullPage ?? false });
    return path;
  },
  close: async () => {
    await browser.close();
    return true;
  },
};

function reply(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

reply({ id: 0, ok: true, result: 'ready' });
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    reply({ id: -1, ok: false, error: `not JSON: ${error.message}` });
    continue;
  }
  const handler = commands[request.cmd];
  if (!handler) {
    reply({ id: request.id, ok: false, error: `unknown command ${request.cmd}` });
    continue;
  }
  try {
    const result = await handler(request);
    reply({ id: request.id, ok: true, result: result ?? null });
  } catch (error) {
    reply({ id: request.id, ok: false, error: error?.stack ?? String(error) });
  }
  if (request.cmd === 'close') break;
}
await browser.close().catch(() => {});
process.exit(0);
