// A fresh, empty database per test run on the cluster BOTPBX_TEST_DATABASE_URL points at (test.sh and
// tests/pg.sh provide one); the API applies its migrations to it on start-up.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  name: string;
  /** postgresql:// URL of the new database, for BOTPBX_DATABASE_URL. */
  url: string;
  drop: () => Promise<void>;
}

function maintenanceUrl(): URL {
  const raw = process.env.BOTPBX_TEST_DATABASE_URL;
  if (!raw) {
    throw new Error(
      'BOTPBX_TEST_DATABASE_URL is not set. Start a throw-away cluster first: eval "$(../pg.sh start)" (or run ./test.sh).',
    );
  }
  const url = new URL(raw);
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error('BOTPBX_TEST_DATABASE_URL must be a postgresql:// URL');
  }
  return url;
}

async function withClient<T>(url: URL, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const maintenance = maintenanceUrl();
  // Only [a-z0-9_]: the name is spliced into SQL (CREATE DATABASE takes no parameters).
  const name = `botpbx_e2e_${randomBytes(6).toString('hex')}`;
  await withClient(maintenance, (client) => client.query(`CREATE DATABASE ${name}`));

  const url = new URL(maintenance.toString());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      // WITH (FORCE) ends connections the API may still hold in its pool (PostgreSQL 13+).
      withClient(maintenance, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
