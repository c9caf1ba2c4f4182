/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/index.js';
import { startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { expectAccessible, launchBrowser, signInThroughForm } from './browser.js';

// Issue 4: an administrator keeps the school's calendar and classes in the app (R-ORG-1, R-ORG-2).
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startTestApp({ demo: true, listen: true, now: '2026-11-23T09:00:00Z' });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
  await signInThroughForm(page, app.url, 'admin@oakfield.example', DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('an administrator manages the calendar', () => {
  it('R-ORG-2 opens the site’s calendar from the home page and sees this year’s terms', async () => {
    await page.getByRole('link', { name: 'Sites, school days and calendars' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await expectAccessible(page, 'organisation overview');
    await page.getByRole('region', { name: 'Sites' }).getByRole('link', { name: 'Oakfield Academy', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Oakfield Academy: calendar' }).waitFor();
    expect(await page.getByRole('heading', { name: 'School year 2026 to 2027' }).count()).toBe(1);
    const terms = await page.getByRole('region', { name: 'Terms of the year' }).locator('tbody tr').allTextContents();
    expect(terms.length).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, 'site calendar');
  });

  it('R-ORG-2 a term that ends before it starts is refused with a focused, linked error, and the corrected one is added', async () => {
    await page.getByRole('button', { name: /^Next year/ }).click();
    await page.getByRole('heading', { name: 'School year 2027 to 2028' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a term' });
    await form.getByLabel('Name').fill('Autumn 2027');
    await form.getByLabel('First day').fill('2027-12-17');
    await form.getByLabel('Last day').fill('2027-09-02');
    await form.getByRole('button', { name: 'Add the term' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The term could not be saved' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('ends (2027-09-02) before it starts (2027-12-17)');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await expectAccessible(page, 'term refused');

    await form.getByLabel('First day').fill('2027-09-02');
    await form.getByLabel('Last day').fill('2027-12-17');
    await form.getByRole('button', { name: 'Add the term' }).click();
    const row = page.getByRole('region', { name: 'Terms of the year' }).locator('tbody tr', { hasText: 'Autumn 2027' });
    await row.waitFor();
    // 2 Sep–17 Dec 2027: 15 weeks and two days of weekdays; no bank holiday falls in it.
    expect(await row.locator('td').nth(2).textContent()).toBe('77');
  });

  it('R-ORG-2 adds an INSET day as a closure, and the term loses a working day', async () => {
    const form = page.getByRole('form', { name: 'Add a closure' });
    await form.getByLabel('Reason').fill('INSET day');
    await form.getByLabel('First day closed').fill('2027-09-02');
    await form.getByLabel('Last day closed').fill('2027-09-02');
    await form.getByRole('button', { name: 'Add the closure' }).click();
    await page.getByRole('region', { name: 'Closures' }).getByText(/2 Sept? 2027: INSET day/).waitFor();
    const row = page.getByRole('region', { name: 'Terms of the year' }).locator('tbody tr', { hasText: 'Autumn 2027' });
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('76');
  });
});

describe('an administrator adds a site and a programme', () => {
  it('R-ORG-1 adds a centre, then a study programme at it', async () => {
    await page.goto(`${app.url}/organisation`);
    const form = page.getByRole('form', { name: 'Add a site' });
    await form.getByLabel('Name').fill('Oakfield Sixth Form');
    await form.getByLabel('Kind').selectOption('college');
    await form.getByRole('button', { name: 'Add the site' }).click();
    await page.getByRole('region', { name: 'Sites' }).getByRole('link', { name: 'Oakfield Sixth Form', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Oakfield Sixth Form: calendar' }).waitFor();
    const add = page.getByRole('form', { name: 'Add a year group or programme' });
    await add.getByLabel('Kind').selectOption('study_programme');
    await add.getByLabel('Name', { exact: true }).fill('Level 3 Engineering');
    await add.getByRole('button', { name: 'Add it' }).click();
    await page.getByRole('region', { name: 'Year groups and programmes' }).getByText('Level 3 Engineering').waitFor();
    await expectAccessible(page, 'new site calendar');
  });
});

describe('an administrator records working patterns and bubbles', () => {
  it('R-ORG-2 records that a teacher works Monday and Wednesday mornings only', async () => {
    await page.goto(`${app.url}/organisation`);
    await page.getByRole('link', { name: 'Staff working patterns at Oakfield Academy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff working patterns: Oakfield Academy' }).waitFor();
    await expectAccessible(page, 'staff working patterns');
    const row = page.locator('li.picker-row').first();
    const name = (await row.locator('strong').textContent())!;
    await row.getByRole('button', { name: /^Change/ }).click();
    const form = page.getByRole('form', { name: `Working pattern of ${name}` });
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await form.getByLabel(day).setChecked(day === 'Monday' || day === 'Wednesday');
    }
    await form.locator('#pattern-1-start').fill('08:45');
    await form.locator('#pattern-3-start').fill('08:45');
    await form.locator('#pattern-1-end').fill('12:30');
    await form.locator('#pattern-3-end').fill('08:00');
    await form.getByRole('button', { name: 'Save the pattern' }).click();
    await page.getByRole('alert').filter({ hasText: 'On Wednesday the hours must end after they start' }).waitFor();
    await form.locator('#pattern-3-end').fill('12:30');
    await form.getByRole('button', { name: 'Save the pattern' }).click();
    await expect.poll(() => row.textContent()).toContain('Mon 08:45–12:30 · Wed 08:45–12:30');
  });

  it('R-ORG-1 adds a bubble and puts a class in it', async () => {
    await page.goto(`${app.url}/organisation`);
    await page.getByRole('link', { name: 'Bubbles at Oakfield Academy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bubbles' }).waitFor();
    await page.getByLabel('Name').fill('Catch-up bubble');
    await page.getByRole('button', { name: 'Add the bubble' }).click();
    const row = page.locator('li.picker-row', { hasText: 'Catch-up bubble' });
    await row.getByRole('button', { name: /^Choose classes/ }).click();
    await row.getByLabel('7A Mathematics').check();
    await row.getByRole('button', { name: 'Save the classes' }).click();
    await expect.poll(() => row.textContent()).toContain('7A Mathematics');
    await expectAccessible(page, 'bubbles');
  });
});

describe('an administrator manages a class', () => {
  it('R-ORG-1 adds a class, gives it a teacher and a learner, and sets its lessons', async () => {
    await page.goto(`${app.url}/organisation/classes`);
    await page.getByRole('heading', { level: 1, name: 'Classes and timetables' }).waitFor();
    await page.getByRole('region', { name: 'Classes' }).waitFor();
    await expectAccessible(page, 'classes');

    await page.getByLabel('Class name').fill('9 Catch-up Maths');
    await page.getByLabel('Subject', { exact: true }).fill('Mathematics');
    await page.getByLabel('Year group or programme').selectOption({ label: 'Year 9' });
    await page.getByRole('button', { name: 'Add the class' }).click();
    await page.getByRole('heading', { level: 1, name: '9 Catch-up Maths' }).waitFor();
    expect(await page.getByText('Nobody teaches this class yet.').count()).toBe(1);

    // A teacher, found by searching the site's staff.
    await page.getByRole('search', { name: 'Find a member of staff' }).getByRole('button', { name: 'Search' }).click();
    const firstStaff = page.getByRole('region', { name: 'Staff' }).getByRole('list', { name: 'People found' }).locator('li').first();
    const addAsTeacher = firstStaff.getByRole('button', { name: /^Add as teacher / });
    const staffName = (await addAsTeacher.textContent())!.replace('Add as teacher', '').trim();
    await addAsTeacher.click();
    await page.getByRole('status').filter({ hasText: 'added as teacher' }).waitFor();
    expect(await page.getByRole('region', { name: 'Staff' }).locator('ul.plain').first().textContent()).toContain(staffName);

    // A learner, found by name.
    await page.getByRole('search', { name: 'Find a learner to enrol' }).getByRole('button', { name: 'Search' }).click();
    await page.getByRole('region', { name: /^Learners/ }).getByRole('list', { name: 'People found' }).locator('li').first().getByRole('button', { name: /^Enrol / }).click();
    await page.getByRole('heading', { name: 'Learners (1)' }).waitFor();

    // Two lessons at the same time are refused, lesson by lesson; one is kept and saved.
    await page.getByRole('button', { name: 'Add a lesson' }).click();
    await page.getByRole('button', { name: 'Add a lesson' }).click();
    await page.getByLabel('Starts').nth(0).fill('15:30');
    await page.getByLabel('Ends').nth(0).fill('16:30');
    await page.getByLabel('Starts').nth(1).fill('16:00');
    await page.getByLabel('Ends').nth(1).fill('17:00');
    await page.getByRole('button', { name: 'Save the lessons' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The lessons could not be saved' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Two lessons of the same class overlap on Monday');
    expect(await page.locator('#lesson-1.field-error').count()).toBe(1);
    await expectAccessible(page, 'class with a clash');

    await page.getByRole('button', { name: 'Remove lesson 2' }).click();
    await page.getByRole('button', { name: 'Save the lessons' }).click();
    await page.getByRole('status').filter({ hasText: 'Lessons saved' }).waitFor();
    await expectAccessible(page, 'class saved');
  });

  it('R-ORG-1 the class appears in the list with its teacher, learner and lesson', async () => {
    await page.getByRole('link', { name: 'Classes', exact: true }).click();
    await page.getByLabel('Class or subject').fill('catch-up');
    await page.getByRole('button', { name: 'Show classes' }).click();
    const row = page.getByRole('region', { name: 'Classes' }).locator('tbody tr', { hasText: '9 Catch-up Maths' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toContain('9 Catch-up Maths');
    expect(cells[3]).not.toBe('None yet');
    expect(cells.slice(4)).toEqual(['1', '1']);
  });

  it('R-ORG-1 links a second carer to a learner from the class page', async () => {
    await page.goto(`${app.url}/organisation/classes`);
    await page.getByRole('region', { name: 'Classes' }).getByRole('link', { name: '7A Mathematics' }).click();
    await page.getByRole('heading', { level: 1, name: '7A Mathematics' }).waitFor();
    await page.getByRole('region', { name: /^Learners/ }).locator('li a').first().click();
    const carers = page.getByRole('region', { name: 'Parents and carers' });
    await carers.waitFor();
    const before = await carers.locator(':scope > ul.plain > li').count();
    await carers.getByRole('search', { name: 'Find a parent or carer' }).getByRole('button', { name: 'Search' }).click();
    await carers.getByRole('list', { name: 'People found' }).locator('li').first().getByRole('button', { name: /^Link / }).click();
    await expect.poll(() => carers.locator(':scope > ul.plain > li').count()).toBe(before + 1);
    await expectAccessible(page, 'learner links');
  });

  it('R-ORG-1 other staff cannot open the management pages', async () => {
    const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await other.newPage();
    await signInThroughForm(p, app.url, 'teacher@oakfield.example', DEMO_PASSWORD);
    await p.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    expect(await p.getByRole('link', { name: 'Organisation' }).count()).toBe(0);
    await p.goto(`${app.url}/organisation/classes`);
    await p.getByRole('heading', { level: 1, name: 'You cannot see this page' }).waitFor();
    await other.close();
  });
});
