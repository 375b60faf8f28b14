import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addMember, createTenant, CreatedTenant, deleteTenant, TenantRoleName } from '../factories/tenants.factory';
import { createUser, CreatedUser } from '../factories/users.factory';
import { ROOT } from '../utils/openapi-tools';
import { startTestApp, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestApp } from '../utils/test-app';
import { Chromium, launchChromium } from './chromium';
import { CONSOLE_DIR_VARIABLE } from './console-build';

export interface Credentials {
  email: string;
  password: string;
}

/** The sessionStorage key of the console's refresh token (apps/console/src/session/token-store.ts). */
export const REFRESH_TOKEN_KEY = 'strata.console.refreshToken';

/** The refresh token the page holds. (Page scripts are strings: the test code has no DOM types.) */
export function refreshTokenOf(page: Page): Promise<string | null> {
  return page.evaluate(`sessionStorage.getItem(${JSON.stringify(REFRESH_TOKEN_KEY)})`);
}

/** The focused element's text, and whether its focus ring shows (an outline that is not `none`). */
export async function focused(page: Page): Promise<{ text: string; ring: boolean }> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    return { text: element?.textContent ?? '', ring: getComputedStyle(element).outlineStyle !== 'none' };
  })()`);
}

/** Form controls and buttons with no accessible name (no label, aria-label or text): should be none. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 120))`);
}

/** Where `npm run console:screenshots` stores the pages' pictures for docs/console.md. */
export const SCREENSHOT_DIR = join(ROOT, 'docs', 'console');

/**
 * Saves a picture of the page as docs/console/<name>.png when CONSOLE_SCREENSHOTS=1
 * (`npm run console:screenshots`); otherwise does nothing, so `npm test` leaves the tree as it was.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CONSOLE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export const SUPERADMIN: Credentials = { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD };

export interface ConsoleHarness {
  /** The real API (embedded worker, the run's database, local Redis) serving the run's console build. */
  t: TestApp;
  /** http://127.0.0.1:<port>; the console is at `${baseUrl}/console`. */
  baseUrl: string;
  chromium: Chromium;
  /** A new tab: its own sessionStorage, so its own session. Browser errors fail the test (see `problems`). */
  newPage(): Promise<Page>;
  /** Opens `path` (default /console/tenants), signs in through the form and waits to land on `path`. */
  signIn(page: Page, who: Credentials, path?: string): Promise<void>;
  /** A new tenant created through the API as the superadmin (unique slug unless given). */
  createTenant(overrides?: Record<string, unknown>): Promise<CreatedTenant>;
  /** Deletes at close a tenant a test created through the console itself. */
  deleteLater(slug: string): void;
  /** A new user with the given role in `tenant`, created through the API; sign in with the result. */
  createMember(tenant: string, role: TenantRoleName): Promise<CreatedUser>;
  /** Uncaught page errors and console errors seen so far, by page. */
  problems: string[];
  close(): Promise<void>;
}

/** Everything a console browser test needs; call in beforeAll and `close()` in afterAll. */
export async function startConsoleHarness(overrides: Record<string, string> = {}): Promise<ConsoleHarness> {
  const consoleDir = process.env[CONSOLE_DIR_VARIABLE];
  if (!consoleDir) throw new Error(`${CONSOLE_DIR_VARIABLE} is not set: run browser tests with jest.browser.config.js`);
  const t = await startTestApp({ CONSOLE_DIR: consoleDir, ...overrides });
  const chromium = await launchChromium();
  const baseUrl = t.http.baseUrl;
  const tenants: string[] = [];
  const problems: string[] = [];
  let adminToken: string | undefined;
  const token = async () => (adminToken ??= await t.adminToken());

  return {
    t,
    baseUrl,
    chromium,
    problems,
    async newPage() {
      const page = await chromium.context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      return page;
    },
    async signIn(page, who, path = '/console/tenants') {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForURL(/\/console\/signin/);
      await page.getByLabel('Email').fill(who.email);
      await page.getByLabel('Password').fill(who.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
    },
    async createTenant(overrides = {}) {
      const tenant = await createTenant(t, await token(), overrides);
      tenants.push(tenant.slug);
      return tenant;
    },
    deleteLater(slug) {
      tenants.push(slug);
    },
    async createMember(tenant, role) {
      const user = await createUser(t, await token());
      await addMember(t, await token(), tenant, user.email, role);
      return user;
    },
    async close() {
      await chromium.close();
      if (tenants.length) await token();
      if (adminToken) for (const slug of tenants) await deleteTenant(t, adminToken, slug).catch(() => undefined);
      await t.close();
    },
  };
}
