// What the global setup hands to the tests. Playwright starts its workers after the global setup, and they
// inherit process.env, so these variables are how the base URL and the admin credentials reach every test.

export const ENV_BASE_URL = 'BOTPBX_E2E_BASE_URL';
export const ENV_ADMIN_EMAIL = 'BOTPBX_E2E_ADMIN_EMAIL';
export const ENV_ADMIN_PASSWORD = 'BOTPBX_E2E_ADMIN_PASSWORD';
export const ENV_DATABASE_URL = 'BOTPBX_E2E_DATABASE_URL';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the e2e global setup did not run (run the tests with "npx playwright test")`);
  return value;
}

export interface E2eEnvironment {
  baseURL: string;
  admin: { email: string; password: string };
}

export function e2eEnvironment(): E2eEnvironment {
  return {
    baseURL: required(ENV_BASE_URL),
    admin: { email: required(ENV_ADMIN_EMAIL), password: required(ENV_ADMIN_PASSWORD) },
  };
}
