import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../src/server/testing/app.js';
import { makeClass, makeOrganisation, makePerson, makeTerm, TEST_PASSWORD, type TestPerson } from '../../src/server/testing/factories.js';
import { launchBrowser, signInThroughForm } from './browser.js';

/**
 * A school of its own for the live lessons' browser tests (the demo school has one learner who
 * can sign in): Amir Khan teaches 6K Maths on Mondays at these periods to these learners, under
 * seed 001 (school closure: a lobby, learners muted with cameras off, never recorded, chat to the
 * host only); Chromium with fake camera and microphone, each person signed in on their own page.
 */
export interface LiveSchool {
  app: TestApp;
  teacherP: TestPerson;
  learners: TestPerson[];
  /** A page signed in as this person, on their home page. */
  signedIn(who: TestPerson, viewport: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function liveSchool(o: { name: string; now: string; learners: { givenName: string; familyName: string }[]; periods: { weekday: number; start: string; end: string }[] }): Promise<LiveSchool> {
  const app = await startTestApp({ listen: true, now: o.now });
  const db = app.db.system;
  const org = await makeOrganisation(db, { name: o.name });
  await makeTerm(db, org, { start: '2026-09-01', end: '2026-12-18' });
  const teacherP = await makePerson(db, org, { roles: ['teacher'], givenName: 'Amir', familyName: 'Khan' });
  const learners: TestPerson[] = [];
  for (const name of o.learners) learners.push(await makePerson(db, org, { roles: ['learner'], ...name }));
  await makeClass(db, org, { name: '6K Maths', subject: 'Mathematics', teachers: [teacherP.id], learners: learners.map((l) => l.id), periods: o.periods });
  const leader = await signIn(app, (await makePerson(db, org, { roles: ['senior_leader'], site: null })).email);
  const adopted = await app.app.inject({ method: 'POST', url: '/api/policy/adoption', headers: leader.headers, payload: { preset: 'school-closure', why: 'Adopted by governors in July.' } });
  expect(adopted.statusCode, adopted.body).toBe(201);
  const browser: Browser = await launchBrowser({ media: true });
  const contexts: BrowserContext[] = [];
  return {
    app,
    teacherP,
    learners,
    async signedIn(who, viewport) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const p = await context.newPage();
      await signInThroughForm(p, app.url, who.email, TEST_PASSWORD);
      await p.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
      return p;
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await app.close();
    },
  };
}

export const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
