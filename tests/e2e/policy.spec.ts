/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/index.js';
import { startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { expectAccessible, launchBrowser, signInThroughForm } from './browser.js';

// Issue 4: the remote-learning policy as stored, versioned configuration (R-POL-1, R-POL-2, R-POL-3).
let app: TestApp;
let browser: Browser;
let page: Page;

/** A phone-sized browser signed in as `email`, on their home page. */
async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p = await context.newPage();
  await signInThroughForm(p, app.url, email, DEMO_PASSWORD);
  await p.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
  return { context, page: p };
}

beforeAll(async () => {
  app = await startTestApp({ demo: true, listen: true, now: '2026-11-23T09:00:00Z' });
  browser = await launchBrowser();
  ({ page } = await signedIn('senior@oakfield.example'));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const sentence = (p: Page, text: string) => p.locator('.policy-sentences > li', { hasText: text });

describe('a senior leader keeps the policy', () => {
  it('R-POL-3 reads the policy as prose and sees where a rule comes from: preset, seed and the line itself', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Blended learning policy' }).waitFor();
    const partTime = sentence(page, 'Part-time staff are only expected to communicate on the days they usually work.');
    // By keyboard: the disclosure is a native summary, reached and opened with Enter.
    await partTime.getByText('Where this comes from').focus();
    await page.keyboard.press('Enter');
    const origin = partTime.locator('.origin');
    await origin.waitFor();
    expect(await origin.textContent()).toMatch(/School: blended learning with isolating bubbles.*seed policy 002.*docs\/seeds\/002_.*line 93/);
    expect(await origin.locator('mark').textContent()).toContain('communication is expected only on the days on which they would usually work');
    await expectAccessible(page, 'policy with a source open');
  });

  it('R-POL-1 a change that breaks the policy is refused with the problem beside the value, and nothing is saved', async () => {
    await page.getByRole('button', { name: 'Edit Calendar' }).click();
    const form = page.getByRole('form', { name: 'Edit: Calendar' });
    const day = form.getByRole('group', { name: 'School day' });
    await day.getByLabel('From').fill('15:00');
    await day.getByLabel('Until').fill('09:00');
    await form.getByLabel('Why are you making this change?').fill('Trying a later start');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The policy was not saved' });
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await form.locator('.field-error').first().textContent()).toContain('The school day ends at 09:00, which is not after it starts (15:00).');
    await expectAccessible(page, 'policy edit refused');
    await form.getByRole('button', { name: 'Cancel' }).click();
    const versions = await app.db.systemPool.query('select count(*) from policy_versions where organisation_id = $1', [app.demo!.school.id]);
    expect(Number(versions.rows[0].count)).toBe(2);
  });

  it('R-POL-1 edits a value with a why; the change is a new version whose value says who decided it and why', async () => {
    await page.getByRole('button', { name: 'Edit Staff hours' }).click();
    const form = page.getByRole('form', { name: 'Edit: Staff hours' });
    await form.getByLabel('Time', { exact: true }).fill('16:30');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByRole('alert').filter({ hasText: 'Say why you are making this change' }).waitFor();
    await form.getByLabel('Why are you making this change?').fill('Parents asked for replies after the after-school clubs finish.');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 3.' }).waitFor();
    const cutOff = sentence(page, 'No one is expected to read or answer messages after 16:30.');
    await cutOff.getByText('Where this comes from').click();
    expect(await cutOff.locator('.origin').textContent()).toContain('Why: Parents asked for replies after the after-school clubs finish.');
    await expectAccessible(page, 'policy after an edit');
  });

  it('R-POL-1 sees the new version in the history and compares it with the one before: old → new', async () => {
    await page.getByRole('link', { name: 'Version history and comparisons' }).click();
    await page.getByRole('heading', { level: 1, name: 'Version history' }).waitFor();
    const rows = page.getByRole('region', { name: 'Versions of the policy' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('Parents asked for replies after the after-school clubs finish.');
    await expectAccessible(page, 'version history');
    await rows.first().getByRole('link', { name: /^Compare with version 2/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes from version 2 to version 3' }).waitFor();
    const change = page.getByRole('region', { name: 'Changes to the policy' }).locator('tbody tr');
    await expect.poll(() => change.count()).toBe(1);
    expect((await change.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['Staff hours — no messages expected afterChanged', '16:00', '16:30']);
    await expectAccessible(page, 'comparison');
  });
});

describe('everyone else reads it', () => {
  it('R-POL-1 a learner reads the policy and its sources, with nothing to edit', async () => {
    const { context: learnerContext, page: learner } = await signedIn('learner@oakfield.example');
    await learner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy' }).click();
    await learner.getByRole('heading', { level: 1, name: 'Blended learning policy' }).waitFor();
    expect(await learner.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    expect(await learner.getByRole('form', { name: 'Record a review' }).count()).toBe(0);
    const bubbles = sentence(learner, 'Learners are grouped in bubbles that may isolate together.');
    await bubbles.getByText('Where this comes from').click();
    expect(await bubbles.locator('.origin').textContent()).toContain('seed policy 002');
    await expectAccessible(learner, 'policy for a learner');
    await learnerContext.close();
  });

  it('R-POL-1 a centre manager reads the policy as one centre runs it, its own values marked', async () => {
    const { context: managerContext, page: manager } = await signedIn('manager@northgate.example');
    await manager.goto(`${app.url}/policy`);
    await manager.getByRole('link', { name: 'Northgate Bradford Centre' }).click();
    await manager.getByRole('heading', { level: 1, name: 'The policy at Northgate Bradford Centre' }).waitFor();
    const day = sentence(manager, 'The centre day runs from 08:30 to 16:30');
    expect(await day.locator('.tag').textContent()).toBe('This site’s own value');
    await expectAccessible(manager, 'a centre’s policy');
    await managerContext.close();
  });
});

describe('the review reminder', () => {
  it('R-POL-2 tells the senior leader on their home page, from 30 days before the review is due', async () => {
    // The governors' annual review falls due a year after the policy was adopted (1 September 2026).
    app.clock.advance(Date.parse('2027-08-10T08:00:00Z') - app.clock.now().getTime());
    await signInThroughForm(page, app.url, 'senior@oakfield.example', DEMO_PASSWORD);
    const reminder = page.getByRole('status').filter({ hasText: 'Policy review due on 1 September 2027.' });
    await reminder.waitFor();
    await expectAccessible(page, 'home with the review reminder');
    await reminder.getByRole('link', { name: 'Read the policy and record the review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Blended learning policy' }).waitFor();
    const form = page.getByRole('form', { name: 'Record a review' });
    await form.getByLabel('What did the review find?').fill('Reviewed with the governors; no changes needed.');
    await form.getByRole('button', { name: 'Record the review' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 4.' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    expect(await page.getByText('Policy review due').count()).toBe(0);
  });
});
