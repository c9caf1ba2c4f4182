/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/index.js';
import { startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { expectAccessible, launchBrowser, signInThroughForm } from './browser.js';

// Issue 3, part 8: each role signs in through the real page and lands on a home that fits it;
// every page passes axe; the keyboard alone is enough.
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp({ demo: true, listen: true, now: '2026-11-23T09:00:00Z' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  return { context, page: await context.newPage() };
}

describe('signing in as each role', () => {
  const homes = [
    { email: 'learner@oakfield.example', role: 'Learner', card: 'Today' },
    { email: 'parent@oakfield.example', role: 'Parent or carer', card: 'Your children' },
    { email: 'teacher@oakfield.example', role: 'Teacher', card: 'Marking' },
    { email: 'dsl@oakfield.example', role: 'Designated safeguarding lead', card: 'Safeguarding' },
    { email: 'senior@oakfield.example', role: 'Senior leader', card: 'Oversight' },
    { email: 'admin@oakfield.example', role: 'Administrator', card: 'Your organisation' },
    { email: 'employer@northgate.example', role: 'Employer', card: 'Your apprentices' },
  ];
  for (const h of homes) {
    it(`${h.role} lands on their own home page`, async () => {
      const { context, page } = await freshPage();
      await signInThroughForm(page, app.url, h.email, DEMO_PASSWORD);
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Hello, /);
      expect(await page.locator('.lead').textContent()).toContain(h.role);
      expect(await page.getByRole('heading', { level: 2, name: h.card }).count()).toBe(1);
      await expectAccessible(page, `${h.role} home`);
      await context.close();
    });
  }

  it('R-ORG-2 a learner sees today’s lessons on their home page, in order, with times', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, app.url, 'learner@oakfield.example', DEMO_PASSWORD);
    const lessons = page.getByRole('region', { name: 'Today' }).locator('.lessons li');
    await lessons.first().waitFor();
    const texts = await lessons.allTextContents();
    expect(texts).toHaveLength(5);
    expect(texts[0]).toMatch(/^08:50–09:50 /);
    await expectAccessible(page, 'learner home with lessons');
    await context.close();
  });

  it('R-ORG-1 a parent sees each child’s day', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, app.url, 'parent@oakfield.example', DEMO_PASSWORD);
    // Each child's timetable loads on its own: wait until both have arrived.
    await expect.poll(() => page.locator('.lessons').count()).toBe(2);
    expect(await page.locator('.card h2', { hasText: / today$/ }).count()).toBe(2);
    await context.close();
  });

  it('a parent sees their own children by name', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, app.url, 'parent@oakfield.example', DEMO_PASSWORD);
    const card = page.getByRole('region', { name: 'Your children' });
    await card.waitFor();
    const names = await card.locator('li').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.trim().length > 3)).toBe(true);
    await context.close();
  });

  it('only the roles who may read the audit log see it in the navigation', async () => {
    for (const [email, sees] of [
      ['learner@oakfield.example', false],
      ['senior@oakfield.example', true],
      ['dpo@oakfield.example', true],
      ['teacher@oakfield.example', false],
    ] as const) {
      const { context, page } = await freshPage();
      await signInThroughForm(page, app.url, email, DEMO_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).count(), email).toBe(sees ? 1 : 0);
      if (!sees) {
        await page.goto(app.url + '/audit');
        await page.getByRole('heading', { level: 1, name: 'You cannot see this page' }).waitFor();
      }
      await context.close();
    }
  });
});

describe('the sign-in page', () => {
  it('passes axe and can be used with the keyboard alone', async () => {
    const { context, page } = await freshPage();
    await page.goto(app.url + '/');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign-in');
    // Tab from the top: the skip link comes first, then the form in reading order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.keyboard.type('learner@oakfield.example');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await context.close();
  });

  it('a wrong password shows an error summary that takes focus and passes axe', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, app.url, 'teacher@oakfield.example', 'Not-the-password-1');
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/email address or password/i);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('error-summary');
    await expectAccessible(page, 'sign-in with an error');
    await context.close();
  });

  it('empty fields are named before anything is sent', async () => {
    const { context, page } = await freshPage();
    await page.goto(app.url + '/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.locator('li').allTextContents()).toEqual(['Enter your email address', 'Enter your password']);
    await context.close();
  });
});

describe('your account', () => {
  it('names what a new password is missing, changes it, and the new one signs in', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, app.url, 'ta@oakfield.example', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await expectAccessible(page, 'profile');
    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByLabel('New password').fill('short');
    expect(await page.locator('.rule-status').textContent()).toContain('an upper-case letter');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('at least 8 characters');
    await expectAccessible(page, 'profile with an error');

    await page.getByLabel('New password').fill('Brand-new-pass-7');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed').waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInThroughForm(page, app.url, 'ta@oakfield.example', 'Brand-new-pass-7');
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await context.close();
  });

  it('sign out everywhere ends the session on another device too', async () => {
    const a = await freshPage();
    const b = await freshPage();
    await signInThroughForm(a.page, app.url, 'governor@oakfield.example', DEMO_PASSWORD);
    await signInThroughForm(b.page, app.url, 'governor@oakfield.example', DEMO_PASSWORD);
    await a.page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await b.page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await a.page.getByRole('link', { name: 'Your account' }).click();
    await a.page.getByRole('button', { name: 'Sign out on every device' }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await b.page.reload();
    await b.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await a.context.close();
    await b.context.close();
  });
});

describe('the audit log', () => {
  it('a senior leader filters it by person and sees only that person’s entries', async () => {
    const { context, page } = await freshPage();
    // Something to find: the DPO signs in (an audited write).
    const other = await freshPage();
    await signInThroughForm(other.page, app.url, 'dpo@oakfield.example', DEMO_PASSWORD);
    await other.page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await other.context.close();

    await signInThroughForm(page, app.url, 'senior@oakfield.example', DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    await expectAccessible(page, 'audit log');
    const dpoName = await page.evaluate(async () => {
      const me = await fetch('/api/me').then((r) => r.json());
      return me.user.displayName as string;
    });
    expect(dpoName).toBeTruthy();
    // Click a person's name that is not the senior leader's to filter by them.
    const actorButtons = page.locator('tbody tr td:nth-child(2) button');
    const names = await actorButtons.allTextContents();
    const target = names.find((n) => n !== dpoName);
    expect(target, 'an entry by someone else').toBeTruthy();
    await actorButtons.filter({ hasText: target! }).first().click();
    await expect.poll(async () => new Set(await page.locator('tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set([target]));
    await context.close();
  });

  it('a teacher cannot read it through the API either', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, app.url, 'teacher@oakfield.example', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    const status = await page.evaluate(() => fetch('/api/audit').then((r) => r.status));
    expect(status).toBe(403);
    await context.close();
  });
});
