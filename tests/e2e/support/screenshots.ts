import path from 'node:path';
import type { Page } from '@playwright/test';
import { artifactsDir } from './paths';

/** Keeps a named full-page screenshot in artifacts/test-results/e2e/screenshots/ for people to look at. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifactsDir, 'screenshots', `${name}.png`), fullPage: true });
}
