/// <reference lib="dom" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/index.js';
import { startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { buildRosterBundle } from '../../src/server/testing/oneroster-bundle.js';
import { expectAccessible, launchBrowser, signInThroughForm } from './browser.js';

// R-ORG-3: an administrator uploads the MIS's OneRoster export, sees what it will do, applies it.
let app: TestApp;
let browser: Browser;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'continuum-e2e-roster-'));
  app = await startTestApp({ demo: true, listen: true, now: '2026-11-23T09:00:00Z', env: { DATA_DIR: join(root, 'data') } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await rm(root, { recursive: true, force: true });
});

async function asAdmin(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await signInThroughForm(page, app.url, 'admin@oakfield.example', DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
  return { context, page };
}

/** Tabs forward until the named button has focus, as someone using only the keyboard would. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe('importing the roster from the MIS', () => {
  it('R-ORG-3 an admin uploads a zip, sees the preview, applies it and sees the result', async () => {
    const bundle = await buildRosterBundle({ dir: join(root, 'good'), format: 'zip', learners: 20 });
    const { context, page } = await asAdmin();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import from MIS' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import from your MIS' }).waitFor();
    await expectAccessible(page, 'roster import start');

    await page.getByLabel('Zip file, or the CSV files').setInputFiles(bundle.path);
    await tabTo(page, 'Upload and check');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Roster import' }).waitFor();
    await page.getByText('Ready to apply').waitFor({ timeout: 30_000 });
    const people = page.getByRole('row', { name: /^People / });
    expect(await people.getByRole('cell').first().textContent()).toBe(String(bundle.counts.users));
    await page.getByText(/^People: \d+ to add/).click();
    expect(await page.getByRole('heading', { level: 3, name: /^To add \(the first 10 of/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'roster import preview');

    await tabTo(page, 'Apply these changes');
    await page.keyboard.press('Enter');
    await page.getByText('Applied. Continuum now matches your MIS export.').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { level: 2, name: 'What the import did' }).waitFor();
    expect(await page.getByRole('button', { name: 'Apply these changes' }).count()).toBe(0);
    await expectAccessible(page, 'roster import applied');

    await page.getByRole('link', { name: 'All imports' }).click();
    await page.getByRole('region', { name: 'Recent imports' }).getByText(/\d+ added, 0 changed, 0 ended/).waitFor();
    await context.close();
  });

  it('R-ORG-3 a broken export shows its problems by file, line and field, and cannot be applied', async () => {
    const bundle = await buildRosterBundle({ dir: join(root, 'broken'), format: 'zip', learners: 10, breakages: [{ kind: 'badGrade' }] });
    const { context, page } = await asAdmin();
    await page.goto(`${app.url}/roster-import`);
    await page.getByLabel('Zip file, or the CSV files').setInputFiles(bundle.path);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('heading', { level: 2, name: '1 problem to fix in the export' }).waitFor({ timeout: 30_000 });
    const row = page.getByRole('region', { name: 'Problems' }).getByRole('row').nth(1);
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'users.csv',
      String(bundle.sites[0]?.line),
      'grades',
      `users.csv line ${bundle.sites[0]?.line}: grades "Y7" is not a grade code; use 2-digit codes such as 07.`,
    ]);
    expect(await page.getByRole('button', { name: 'Apply these changes' }).count()).toBe(0);
    await expectAccessible(page, 'roster import with problems');
    await context.close();
  });

  it('says what is wrong before uploading when no file is chosen', async () => {
    const { context, page } = await asAdmin();
    await page.goto(`${app.url}/roster-import`);
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByRole('alert').getByText('Choose the zip file from your MIS, or all of its CSV files.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('roster-files');
    await expectAccessible(page, 'roster import with an error');
    await context.close();
  });
});
