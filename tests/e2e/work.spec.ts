/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/index.js';
import { startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { pdfText } from '../../src/server/testing/pdf.js';
import { pngBytes } from '../../src/server/testing/uploads.js';
import { expectAccessible, launchBrowser, signInThroughForm } from './browser.js';

// Issue 5: remote work, from the teacher setting it to the learner reading feedback and replying,
// and the class's paper pack (R-WORK-1, R-WORK-4, R-WORK-5, R-WORK-6). Monday 23 November 2026,
// 09:00 in London: the demo teacher teaches 8A Mathematics, where the demo learner is.
let app: TestApp;
let browser: Browser;
let teacher: Page;
let learner: Page;
const contexts: BrowserContext[] = [];

const TITLE = 'Fractions of amounts: e2e';
const ANSWER = 'Half of 30 is 15 and a quarter of 20 is 5.';
const FEEDBACK = 'Well done: both right. Next, try three quarters of 48.';
const REPLY = 'Is three quarters of 48 equal to 36?';

async function signedIn(email: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  contexts.push(context);
  const p = await context.newPage();
  await signInThroughForm(p, app.url, email, DEMO_PASSWORD);
  await p.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
  return p;
}

const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

async function openClass(p: Page) {
  await nav(p, 'Work');
  await p.getByRole('link', { name: '8A Mathematics: work' }).click();
  await p.getByRole('heading', { level: 1, name: '8A Mathematics: work' }).waitFor();
}

beforeAll(async () => {
  app = await startTestApp({ demo: true, listen: true, now: '2026-11-23T09:00:00Z' });
  browser = await launchBrowser();
  teacher = await signedIn('teacher@oakfield.example', { width: 1280, height: 900 });
  // An older phone's screen: the learner does everything at 360 × 740.
  learner = await signedIn('learner@oakfield.example', { width: 360, height: 740 });
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
});

describe('work set, handed in and marked', () => {
  it('R-WORK-1 a teacher sets work for a class from its page; a problem is shown beside its field first', async () => {
    await openClass(teacher);
    const form = teacher.getByRole('form', { name: 'Set work' });
    await form.getByRole('button', { name: 'Set the work' }).click();
    await teacher.getByRole('alert').filter({ hasText: 'The work could not be set' }).waitFor();
    expect(await form.locator('.field-error').first().textContent()).toContain('Enter a title for the work.');

    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Instructions').fill('Work out half of 30 and a quarter of 20. Show how you did it.');
    await form.getByLabel('Due date').fill('2026-11-23');
    await form.getByLabel('Due time').fill('16:00');
    await form.getByLabel('How long it should take (minutes)').fill('20');
    await form.getByLabel('No, screen-free').check();
    await form.getByRole('button', { name: 'Set the work' }).click();
    await teacher.getByRole('status').filter({ hasText: `“${TITLE}” is set.` }).waitFor();
    await expectAccessible(teacher, 'class work after setting work');
    const rows = await app.db.systemPool.query('select screen_free, estimated_minutes from assignments where title = $1', [TITLE]);
    expect(rows.rows).toEqual([{ screen_free: true, estimated_minutes: 20 }]);
  });

  it('R-WORK-5 a learner on a phone finds it in today’s list and hands in a photo of their paper work', async () => {
    await nav(learner, 'Work');
    const today = learner.getByRole('region', { name: 'Today' });
    await today.getByRole('link', { name: TITLE }).click();
    await learner.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expectAccessible(learner, 'a piece of work, before handing in');
    const form = learner.getByRole('form', { name: 'Hand in your work' });
    await form.getByLabel('Your answer').fill(ANSWER);
    await form.getByLabel('Take a photo of your work').setInputFiles({ name: 'fractions.png', mimeType: 'image/png', buffer: pngBytes(64, 48) });
    await form.getByRole('button', { name: 'Hand in' }).click();
    const handedIn = learner.getByRole('region', { name: 'What you handed in' });
    await handedIn.getByText(ANSWER).waitFor();
    await handedIn.getByRole('link', { name: 'Open photo 1 full size' }).waitFor();
    // The page fits the phone: nothing scrolls sideways.
    expect(await learner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(learner, 'a piece of work, handed in');
  });

  it('R-WORK-6 the teacher finds it in the marking queue and gives feedback', async () => {
    await nav(teacher, 'Marking');
    await teacher.getByRole('heading', { level: 1, name: 'Marking' }).waitFor();
    const item = teacher.getByRole('list', { name: 'Waiting for you' }).getByRole('link', { name: new RegExp(`: ${TITLE}$`) });
    await item.click();
    await teacher.getByRole('region', { name: 'What was handed in' }).getByText(ANSWER).waitFor();
    const form = teacher.getByRole('form', { name: 'Give feedback' });
    await form.getByLabel('Feedback', { exact: true }).fill(FEEDBACK);
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await teacher.getByRole('status').filter({ hasText: 'Feedback sent.' }).waitFor();
    await expectAccessible(teacher, 'a hand-in with feedback given');
  });

  it('R-WORK-6 the learner reads the feedback and replies; the reply is back in the teacher’s queue', async () => {
    await learner.reload();
    const feedback = learner.getByRole('region', { name: 'Feedback', exact: true });
    await feedback.getByText(FEEDBACK).waitFor();
    const form = learner.getByRole('form', { name: 'Reply to your teacher' });
    await form.getByLabel('Your reply').fill(REPLY);
    await form.getByRole('button', { name: 'Send reply' }).click();
    await learner.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await feedback.getByText(REPLY).waitFor();
    await expectAccessible(learner, 'feedback with a reply');

    await nav(teacher, 'Marking');
    const item = teacher.getByRole('list', { name: 'Waiting for you' }).getByRole('listitem').filter({ hasText: TITLE });
    await item.getByText('Reply to your feedback').waitFor();
    await expectAccessible(teacher, 'the marking queue with a reply');
  });

  it('parents see their child’s work and its feedback in plain words, read-only', async () => {
    const parent = await signedIn('parent@oakfield.example', { width: 360, height: 740 });
    const child = await app.db.systemPool.query(`select given_name || ' ' || family_name as name from users where email = 'learner@oakfield.example'`);
    await nav(parent, 'Work');
    // The demo parent has two children: they choose the one in 8A.
    await parent.getByRole('group', { name: 'Whose work to show' }).getByRole('button', { name: child.rows[0].name as string }).click();
    await parent.getByRole('link', { name: TITLE }).first().click();
    await parent.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await parent.getByRole('region', { name: 'Feedback', exact: true }).getByText(FEEDBACK).waitFor();
    // Under this school's policy (002) parents do not hand work in: no form, no reply.
    expect(await parent.getByRole('form').count()).toBe(0);
    await expectAccessible(parent, 'a parent reading their child’s work');
  });

  it('R-WORK-2 R-WORK-8 a senior leader looks at a class’s week and the missed-work list', async () => {
    const senior = await signedIn('senior@oakfield.example', { width: 1280, height: 900 });
    await nav(senior, 'Work');
    await senior.getByText(/^Classes you oversee/).waitFor();
    await senior.getByRole('link', { name: /^The week’s work/ }).click();
    const choose = senior.getByRole('form', { name: 'Choose a class and week' });
    await choose.getByLabel('Class').selectOption({ label: '8A Mathematics (Oakfield Academy)' });
    await choose.getByRole('button', { name: 'Show the week' }).click();
    await senior.getByText('Share of the week’s work by subject, against its share of the timetable').waitFor();
    await expectAccessible(senior, 'the week’s work for a class');
    await nav(senior, 'Work');
    await senior.getByRole('link', { name: /^Missed work/ }).click();
    await senior.getByRole('heading', { level: 1, name: 'Missed work' }).waitFor();
    await senior.getByText('The policy refers them to: Senior leader.', { exact: false }).waitFor();
    await expectAccessible(senior, 'missed work');
  });

  it('R-WORK-4 the class’s paper pack downloads from the class page, and its PDF has every task of the week', async () => {
    await openClass(teacher);
    const pack = teacher.getByRole('region', { name: 'Paper pack for this week' });
    const [download] = await Promise.all([teacher.waitForEvent('download'), pack.getByRole('button', { name: 'Download the paper pack' }).click()]);
    await pack.getByRole('status').filter({ hasText: /^Downloaded .*\.pdf\. Open it to print\.$/ }).waitFor();
    const { text } = await pdfText(await readFile((await download.path())!));
    const week = await app.db.systemPool.query(
      `select a.title from assignments a join classes c on c.id = a.class_id and c.organisation_id = a.organisation_id
        where c.name = '8A Mathematics' and a.for_date between '2026-11-23' and '2026-11-27' and a.withdrawn_at is null`,
    );
    const titles = week.rows.map((r: { title: string }) => r.title);
    expect(titles).toContain(TITLE);
    for (const title of titles) expect(text).toContain(title);
    expect(text).toContain('8A Mathematics');
    await expectAccessible(teacher, 'class work after a pack download');
  });
});
