/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPerson } from '../../src/server/testing/factories.js';
import { expectAccessible } from './browser.js';
import { liveSchool, nav, type LiveSchool } from './live-school.js';

// Issue 6: chat and checks for understanding in a live lesson, through the pages people use.
// Monday 23 November 2026 in London: Amir Khan teaches 6K Maths 09:00–10:00 to Ana Bell. The
// school runs seed 001 (school closure): chat starts "to the host only", with the
// classroom-language filter. Its own school, as in live.spec.ts.
let school: LiveSchool;
let teacherP: TestPerson;
let anaP: TestPerson;
let teacher: Page;
let ana: Page;

const TITLE = '6K Maths (Mathematics)';
const chatOf = (p: Page) => p.getByRole('region', { name: 'Chat' });

beforeAll(async () => {
  school = await liveSchool({ name: 'Live Classroom Primary', now: '2026-11-23T08:55:00Z', learners: [{ givenName: 'Ana', familyName: 'Bell' }], periods: [{ weekday: 1, start: '09:00', end: '10:00' }] });
  teacherP = school.teacherP;
  anaP = school.learners[0]!;
  teacher = await school.signedIn(teacherP, { width: 1280, height: 900 });
  ana = await school.signedIn(anaP, { width: 360, height: 740 });
});

afterAll(() => school?.close());

describe('chat and checks for understanding in a live lesson (R-LIVE-11, R-LIVE-14)', () => {
  it('the teacher opens the lesson and lets the learner in', async () => {
    await nav(teacher, 'Live lessons');
    await teacher.getByRole('button', { name: 'Open 9am to 10am 6K Maths as a live lesson' }).click();
    await teacher.getByRole('button', { name: 'Start the lesson' }).click();
    await teacher.getByRole('button', { name: 'I have read these notices to the class' }).click();

    await nav(ana, 'Live lessons');
    await ana.getByRole('link', { name: `Join ${TITLE}` }).click();
    await ana.getByRole('button', { name: 'Join the lesson' }).click();
    await ana.getByRole('heading', { name: 'Waiting for Amir Khan to let you in' }).waitFor();
    await teacher.getByRole('button', { name: 'Let Ana Bell in', exact: true }).click();
    await chatOf(ana).waitFor();
  });

  it('R-LIVE-11 chat starts "to the host only"; the host opens it to everyone and sees the learner’s message', async () => {
    await chatOf(ana).getByText('Chat is to the host only').waitFor();
    expect(await chatOf(ana).getByRole('textbox', { name: 'Your message to Amir Khan' }).isEnabled()).toBe(true);

    await chatOf(teacher).getByRole('radio', { name: 'Off' }).click();
    await chatOf(ana).getByText('The host has turned chat off.').waitFor();
    expect(await chatOf(ana).getByRole('textbox').isDisabled()).toBe(true);

    await chatOf(teacher).getByRole('radio', { name: 'Everyone' }).click();
    const box = chatOf(ana).getByRole('textbox', { name: 'Your message' });
    await chatOf(ana).getByRole('radio', { name: 'To everyone' }).waitFor();
    await box.fill('Good morning, Mr Khan!');
    await box.press('Enter');
    const hostLog = teacher.getByRole('log', { name: 'Chat' });
    await hostLog.getByText('Good morning, Mr Khan!').waitFor();
    await hostLog.getByText('Ana Bell').waitFor();
    await expect.poll(() => box.inputValue()).toBe('');
  });

  it('R-LIVE-11 a message that fails the classroom-language filter is not sent, and the learner is told why', async () => {
    const box = chatOf(ana).getByRole('textbox', { name: 'Your message' });
    await box.fill('this is sh1t');
    await chatOf(ana).getByRole('button', { name: 'Send' }).click();
    await chatOf(ana).getByRole('alert').filter({ hasText: 'Please use classroom language: this message was not sent.' }).waitFor();
    expect(await box.inputValue()).toBe('this is sh1t'); // left to be changed
    expect(await teacher.getByRole('log', { name: 'Chat' }).getByText('this is sh1t').count()).toBe(0);
  });

  it('R-LIVE-14 the host asks a poll, the learner answers, and the host sees the spread at once', async () => {
    const check = teacher.getByRole('region', { name: 'Check understanding' });
    await check.getByRole('textbox', { name: 'Question' }).fill('What is 7 × 8?');
    await check.getByRole('textbox', { name: 'Choice 1' }).fill('54');
    await check.getByRole('textbox', { name: 'Choice 2' }).fill('56');
    await check.getByRole('button', { name: 'Add a choice' }).click();
    await check.getByRole('textbox', { name: 'Choice 3' }).fill('58');
    await check.getByRole('button', { name: 'Ask the class' }).click();
    await check.getByText('0 of 1 answered').waitFor();

    const poll = ana.getByRole('region', { name: 'A poll from your teacher' });
    await poll.getByRole('radio', { name: '56' }).check();
    await poll.getByRole('button', { name: 'Send my answer' }).click();
    await poll.getByText('Your answer: 56').waitFor();

    await check.getByText('1 of 1 answered').waitFor();
    const row = check.getByRole('row', { name: /^56/ });
    expect((await row.getByRole('cell').first().textContent())?.trim()).toBe('1');
    expect((await check.getByRole('row', { name: /^54/ }).getByRole('cell').first().textContent())?.trim()).toBe('0');

    await expectAccessible(teacher, 'a live lesson with chat and a poll open, host');
    await expectAccessible(ana, 'a live lesson with chat and a poll open, learner on a phone');

    await check.getByRole('button', { name: 'Close the poll' }).click();
    await check.getByRole('button', { name: 'Ask the class' }).waitFor();
    await expect.poll(() => poll.count()).toBe(0);
  });
});

describe('booking a 1-1 from the live lessons page (R-LIVE-10)', () => {
  it('R-LIVE-10 the teacher books a 1-1 with a learner of their class, and it is among their invitations with an Open button', async () => {
    await nav(teacher, 'Live lessons');
    await teacher.getByRole('button', { name: 'Book a 1-1' }).click();
    const form = teacher.getByRole('form', { name: 'Book a 1-1' });
    await form.getByRole('combobox', { name: 'Learner' }).selectOption({ label: 'Ana Bell' });
    await form.getByLabel('Starts').fill('14:00');
    await form.getByLabel('Ends').fill('14:30');
    await expectAccessible(teacher, 'booking a 1-1');
    await form.getByRole('button', { name: 'Book the 1-1' }).click();
    await teacher.getByRole('status').filter({ hasText: /^Booked: / }).waitFor();
    await teacher.getByRole('button', { name: /^Open .*Ana Bell/ }).waitFor();
  });
});
