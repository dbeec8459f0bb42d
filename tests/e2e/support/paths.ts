import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Everything is located from this file, so the tests run from any working directory.
const here = path.dirname(fileURLToPath(import.meta.url));

export const repoRoot = path.resolve(here, '../../..');
export const artifactsDir = path.join(repoRoot, 'artifacts', 'test-results', 'e2e');
/** The Release build test.sh makes; BOTPBX_E2E_API_DLL points elsewhere (e.g. a Debug build while developing). */
export const apiDll =
  process.env.BOTPBX_E2E_API_DLL ??
  path.join(repoRoot, 'backend', 'BotPbx.Api', 'bin', 'Release', 'net10.0', 'BotPbx.Api.dll');
export const spaDir = path.join(repoRoot, 'frontend', 'dist');
