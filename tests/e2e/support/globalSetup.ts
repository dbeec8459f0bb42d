// Once per run: a fresh database, the API started against it with a per-run admin, and the teardown that stops
// the API and drops the database (Playwright calls the function returned here after the last test).
import { randomBytes } from 'node:crypto';
import { startApiServer } from './apiServer';
import { createTestDatabase } from './database';
import { ENV_ADMIN_EMAIL, ENV_ADMIN_PASSWORD, ENV_BASE_URL, ENV_DATABASE_URL } from './environment';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  const adminEmail = `admin-${randomBytes(3).toString('hex')}@e2e.botpbx.test`;
  const adminPassword = `E2e-${randomBytes(12).toString('base64url')}`;

  let server;
  try {
    server = await startApiServer({ databaseUrl: database.url, adminEmail, adminPassword });
  } catch (error) {
    await database.drop();
    throw error;
  }

  process.env[ENV_BASE_URL] = server.baseURL;
  process.env[ENV_ADMIN_EMAIL] = adminEmail;
  process.env[ENV_ADMIN_PASSWORD] = adminPassword;
  // For specs that seed rows no API writes (an AI agent's phone conversations come only from real calls).
  process.env[ENV_DATABASE_URL] = database.url;

  return async () => {
    await server.stop();
    await database.drop();
  };
}
