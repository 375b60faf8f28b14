import type { Page } from 'playwright-core';
import type { CreatedTenant } from '../factories/tenants.factory';
import { uniqueSlug } from '../factories/tenants.factory';
import {
  ConsoleHarness,
  focused,
  refreshTokenOf,
  screenshot,
  startConsoleHarness,
  SUPERADMIN,
  unlabelledControls,
} from './console-harness';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const tenantNav = (page: Page) => page.getByRole('navigation', { name: 'Tenant areas' });
const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

describe('the console shell in Chromium', () => {
  let h: ConsoleHarness;
  let acme: CreatedTenant;

  beforeAll(async () => {
    h = await startConsoleHarness();
    acme = await h.createTenant();
  });

  afterAll(() => h?.close());

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  it('signs in the superadmin, creates a tenant through the form and switches between tenants', async () => {
    const page = await h.newPage();
    await h.signIn(page, SUPERADMIN);
    await heading(page, 'Tenants').waitFor();
    await page.getByRole('link', { name: acme.name }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'tenants');

    const slug = uniqueSlug('ui');
    h.deleteLater(slug);
    await page.getByLabel('Name', { exact: true }).fill(`UI tenant ${slug}`);
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.waitForURL(`**/console/t/${slug}/tables`);
    await heading(page, 'Tables').waitFor();
    await page.getByText('This tenant has no table yet.').waitFor();

    const switcher = page.getByLabel('Tenant', { exact: true });
    await page.getByRole('option', { name: `UI tenant ${slug} (${slug})` }).waitFor({ state: 'attached' });
    expect(await switcher.inputValue()).toBe(slug);
    await switcher.selectOption(acme.slug);
    await page.waitForURL(`**/console/t/${acme.slug}/tables`);
    await heading(page, 'Tables').waitFor();
    expect(await tenantNav(page).getByRole('link').allTextContents()).toEqual(['Tables', 'Imports', 'Charts', 'Audit']);
    await page.close();
  });

  it('refuses a wrong password with a message and stays on the form', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/console/signin`);
    await page.getByLabel('Email').fill(SUPERADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Sign-in failed').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'signin-failed');
    expect(pathOf(page)).toBe('/console/signin');
    await page.close();
  });

  it('keeps a deep link through a reload, rotating the refresh token without asking for the password', async () => {
    const page = await h.newPage();
    const deepLink = `/console/t/${acme.slug}/tables/contacts/data?sort=-id`;
    await h.signIn(page, SUPERADMIN, deepLink);
    await heading(page, 'Data').waitFor();
    const before = await refreshTokenOf(page);

    await page.reload();
    await heading(page, 'Data').waitFor();
    expect(pathOf(page)).toBe(deepLink);
    const after = await refreshTokenOf(page);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    // The spent token is refused: the API rotated it.
    expect((await h.t.http.post('/api/auth/refresh', { refreshToken: before })).status).toBe(401);
    await page.close();
  });

  it('answers a 401 with one refresh and a retry, and the page carries on', async () => {
    const page = await h.newPage();
    await h.signIn(page, SUPERADMIN, `/console/t/${acme.slug}/tables`);
    await heading(page, 'Tables').waitFor();
    const refreshes: number[] = [];
    page.on('response', (res) => res.url().endsWith('/api/auth/refresh') && refreshes.push(res.status()));
    // The access token expires: the next tables call is refused once, as the API would.
    let refused = false;
    await page.route('**/api/tenants/*/tables', async (route) => {
      if (refused) return route.continue();
      refused = true;
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 401, error: 'Unauthorized', code: 'INVALID_TOKEN', message: 'Expired' }),
      });
    });
    await page.getByRole('link', { name: 'Tenants' }).first().click();
    await heading(page, 'Tenants').waitFor();
    await tenantLink(page, acme).click();
    await heading(page, 'Tables').waitFor();
    await page.getByText('This tenant has no table yet.').waitFor();
    expect(refused).toBe(true);
    expect(refreshes).toEqual([200]);
    expect(pathOf(page)).toBe(`/console/t/${acme.slug}/tables`);
    await page.close();
  });

  it('sends an ended session to sign-in and back to the same page afterwards', async () => {
    const member = await h.createMember(acme.slug, 'viewer');
    const page = await h.newPage();
    const here = `/console/t/${acme.slug}/tables`;
    await h.signIn(page, member, here);
    await heading(page, 'Tables').waitFor();

    // The server ends the session: the user is deactivated, so both tokens stop working.
    const admin = await h.t.adminToken();
    expect((await h.t.http.patch(`/api/users/${member.id}`, { isActive: false }, { token: admin })).status).toBe(200);
    await page.getByRole('link', { name: 'Tenants' }).first().click();
    await page.waitForURL(/\/console\/signin\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/console/tenants');
    await page.getByText('Your session has ended').waitFor();

    expect((await h.t.http.patch(`/api/users/${member.id}`, { isActive: true }, { token: admin })).status).toBe(200);
    await page.goto(`${h.baseUrl}${here}`);
    await page.waitForURL((url) => url.pathname === '/console/signin' && url.searchParams.get('next') === here);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${here}`);
    await heading(page, 'Tables').waitFor();
    await page.close();
  });

  it('offers a viewer no edit controls, and an admin the same page with them', async () => {
    const viewer = await h.createMember(acme.slug, 'viewer');
    const admin = await h.createMember(acme.slug, 'admin');
    const here = `/console/t/${acme.slug}/tables`;

    const adminPage = await h.newPage();
    await h.signIn(adminPage, admin, here);
    await adminPage.getByRole('button', { name: 'New table' }).waitFor();
    await adminPage.close();

    const page = await h.newPage();
    await h.signIn(page, viewer, here);
    await heading(page, 'Tables').waitFor();
    await page.getByText('Role: viewer').waitFor();
    expect(await page.getByRole('button', { name: 'New table' }).count()).toBe(0);
    expect(await tenantNav(page).getByRole('link').allTextContents()).toEqual(['Tables', 'Charts']);
    await page.goto(`${h.baseUrl}/console/t/${acme.slug}/imports`);
    await heading(page, 'Not allowed').waitFor();
    await page.close();
  });

  it('gives an auditor the audit area only', async () => {
    const auditor = await h.createMember(acme.slug, 'auditor');
    const page = await h.newPage();
    await h.signIn(page, auditor);
    await tenantLink(page, acme).click();
    await page.waitForURL(`**/console/t/${acme.slug}/audit`);
    await heading(page, 'Audit trail').waitFor();
    expect(await tenantNav(page).getByRole('link').allTextContents()).toEqual(['Audit']);

    for (const area of ['tables', 'tables/contacts/data', 'imports', 'charts']) {
      await page.goto(`${h.baseUrl}/console/t/${acme.slug}/${area}`);
      await heading(page, 'Not allowed').waitFor();
    }
    await page.close();
  });

  it('is usable from the keyboard: a skip link first, then labelled controls with a visible focus', async () => {
    const page = await h.newPage();
    await h.signIn(page, SUPERADMIN, `/console/t/${acme.slug}/tables`);
    await heading(page, 'Tables').waitFor();
    // Moving inside the app puts the focus on the new page's heading.
    expect((await focused(page)).text).toBe('Tables');
    await tenantNav(page).getByRole('link', { name: 'Charts' }).click();
    await heading(page, 'Charts').waitFor();
    expect((await focused(page)).text).toBe('Charts');

    await page.reload();
    await heading(page, 'Charts').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ text: 'Skip to content', ring: true });
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.close();
  });
});

function tenantLink(page: Page, tenant: CreatedTenant) {
  return page.getByRole('link', { name: tenant.name, exact: true });
}
