// The fixtures every spec imports instead of @playwright/test:
//   test('…', async ({ adminPage }) => …)   a page already signed in as the per-run administrator
//   test('…', async ({ adminApi }) => …)    an API client with the admin's bearer token, to create test data
//   test('…', async ({ admin }) => …)       the admin's credentials
// New features add spec files under specs/ and reuse these; nothing else needs to change.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { e2eEnvironment } from './environment';

interface Fixtures {
  admin: { email: string; password: string };
  adminPage: Page;
  adminApi: APIRequestContext;
}

export const test = base.extend<Fixtures>({
  // The API's port is chosen by the global setup, after the config was read, so the base URL comes from there.
  baseURL: async ({}, use) => {
    await use(e2eEnvironment().baseURL);
  },

  admin: async ({}, use) => {
    await use(e2eEnvironment().admin);
  },

  adminPage: async ({ page, admin }, use) => {
    // Signing in through the API sets the HttpOnly session cookie in the page's browser context.
    const response = await page.request.post('/api/auth/login', { data: admin });
    expect(response.status(), await response.text()).toBe(200);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await use(page);
  },

  adminApi: async ({ playwright, baseURL, admin }, use) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const response = await anonymous.post('/api/auth/login', { data: admin });
    expect(response.status(), await response.text()).toBe(200);
    const { token } = (await response.json()) as { token: string };
    await anonymous.dispose();

    const context = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    });
    await use(context);
    await context.dispose();
  },
});

export { expect };
