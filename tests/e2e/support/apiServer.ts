// Starts the built BotPBX API (Release build of backend/BotPbx.Api) on a free loopback port, serving the built
// SPA from frontend/dist, and stops it again. Its output goes to artifacts/test-results/e2e/api.log.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { apiDll, artifactsDir, spaDir } from './paths';

export interface ApiServer {
  baseURL: string;
  stop: () => Promise<void>;
}

export interface ApiServerOptions {
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function healthy(baseURL: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  if (!existsSync(apiDll)) {
    throw new Error(`${apiDll} is missing: build it first (dotnet build backend/BotPbx.Api -c Release)`);
  }
  if (!existsSync(path.join(spaDir, 'index.html'))) {
    throw new Error(`${spaDir}/index.html is missing: build the frontend first (cd frontend && npm run build)`);
  }

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  mkdirSync(artifactsDir, { recursive: true });
  const log = createWriteStream(path.join(artifactsDir, 'api.log'));

  const child: ChildProcess = spawn('dotnet', [apiDll], {
    cwd: path.dirname(apiDll),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ASPNETCORE_ENVIRONMENT: 'Production',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      BOTPBX_DATABASE_URL: options.databaseUrl,
      BOTPBX_STATIC_DIR: spaDir,
      BOTPBX_ADMIN_EMAIL: options.adminEmail,
      BOTPBX_ADMIN_PASSWORD: options.adminPassword,
      // The servers Asterisk dials into pick free loopback ports, so a BotPBX installed on this machine (holding
      // 4573 and 9092) never collides with the one under test; specs read the real address from /api/system/status.
      AGI_HOST: '127.0.0.1',
      AGI_PORT: '0',
      AUDIOSOCKET_HOST: '127.0.0.1',
      AUDIOSOCKET_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });

  const stop = async () => {
    if (exited === null && child.exitCode === null) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([once(child, 'exit').then(() => true), delay(10_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    log.end();
  };

  // Start-up applies the migrations and creates the admin; a minute is plenty even on a busy machine.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(`the API exited with code ${exited} during start-up; see ${path.join(artifactsDir, 'api.log')}`);
    }
    if (await healthy(baseURL)) return { baseURL, stop };
    await delay(250);
  }
  await stop();
  throw new Error(`the API did not become healthy at ${baseURL} within 60 s; see ${path.join(artifactsDir, 'api.log')}`);
}
