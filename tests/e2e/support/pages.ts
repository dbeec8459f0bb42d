// Small helpers that speak the UI's language, shared by every spec: sign in, sign out, find the navigation.
import { expect, type Locator, type Page } from '@playwright/test';

/** Signs in through the form; stays on the login page it is on (keeping its ?next=) or opens it. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (new URL(page.url(), 'http://x').pathname !== '/login') await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

export function mainNavigation(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Opens an area through the sidebar, the way a person would. */
export async function openFromSidebar(page: Page, label: string): Promise<void> {
  await mainNavigation(page).getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
}
