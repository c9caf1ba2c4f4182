import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LearnerWork, MarkingQueue, ReferralList, SimilarityView, WeekView } from '../../shared/work.js';
import { isWorkingDay, localDateOf, siteCalendar, type SiteCalendar } from '../modules/organisation/index.js';
import { policyInForce } from '../modules/policy/index.js';
import { feedbackDue } from '../modules/work/index.js';
import { startTestApp, type TestApp } from '../testing/app.js';
import { createTestDatabase } from '../testing/database.js';
import { demoReader } from '../testing/demo.js';
import { generateDemoData } from './index.js';

// Monday 23 November 2026, 10:30 in London: the third week of the demo's work is under way.
const NOW = '2026-11-23T10:30:00Z';
let t: TestApp;
const { q, get, userId } = demoReader(() => t);
const classId = async (name: string, org: string) => (await q<{ id: string }>('select id from classes where name = $1 and organisation_id = $2', [name, org]))[0]!.id;

beforeAll(async () => {
  t = await startTestApp({ now: NOW, demo: true });
});
afterAll(() => t.close());

describe('the demo’s remote work (R-WORK-1..8)', () => {
  it('R-WORK-1 the demo learner has work for today, work due, one piece overdue and feedback to read', async () => {
    const mine = await get<LearnerWork>('learner@oakfield.example', '/api/work/mine');
    expect(mine.today).toBe('2026-11-23');
    expect(mine.todays.length).toBeGreaterThan(0);
    expect(mine.due.length).toBeGreaterThan(0);
    expect(mine.overdue).toHaveLength(1);
    expect(mine.handedIn.some((i) => i.state === 'feedback_given' && i.newFeedback)).toBe(true);
    expect(mine.handedIn.some((i) => i.state === 'handed_in')).toBe(true);
  });

  it('R-WORK-6 the demo parent sees the same for both children, read-only in substance', async () => {
    const children = await q<{ id: string }>('select learner_id as id from guardianships where guardian_id = $1', [await userId('parent@oakfield.example')]);
    expect(children).toHaveLength(2);
    for (const child of children) {
      const work = await get<LearnerWork>('parent@oakfield.example', `/api/work/mine?learnerId=${child.id}`);
      expect(work.todays.length, work.learner.displayName).toBeGreaterThan(0);
      expect(work.due.length).toBeGreaterThan(0);
      expect(work.overdue).toHaveLength(1);
      expect(work.handedIn.some((i) => i.newFeedback)).toBe(true);
    }
  });

  it('R-WORK-6 the demo teacher’s marking queue has work waiting, two overdue and a reply', async () => {
    const queue = await get<MarkingQueue>('teacher@oakfield.example', '/api/work/marking');
    expect(queue.items.filter((i) => i.reason === 'feedback').length).toBeGreaterThan(5);
    expect(queue.overdue).toBeGreaterThanOrEqual(2);
    expect(queue.items.filter((i) => i.reason === 'reply')).toHaveLength(1);
    expect(queue.items.some((i) => i.channel === 'paper')).toBe(true);
    expect(queue.items.some((i) => i.late)).toBe(true);
    const lead = await get<MarkingQueue>('subjectlead@oakfield.example', '/api/work/marking');
    expect(lead.overdue).toBeGreaterThanOrEqual(1);
  });

  it('R-WORK-8 the senior leader’s list has the learner who stopped handing work in, and only a few', async () => {
    const list = await get<ReferralList>('senior@oakfield.example', '/api/work/referrals');
    expect(list.threshold).toEqual({ missed: 3, withinDays: 14 });
    expect(list.referrals.length).toBeGreaterThanOrEqual(1);
    expect(list.referrals.length).toBeLessThanOrEqual(3);
    const [first] = list.referrals;
    expect(first!.missed).toBeGreaterThanOrEqual(4);
    expect(first!.classes).toContain('8A Mathematics');
    expect(first!.record.filter((r) => r.state === 'missed').length).toBe(first!.missed);
  });

  it('R-WORK-2, R-WORK-3 a subject lead’s week for 8A shows the balance across subjects and each learner’s screen-free share', async () => {
    const school = t.demo!.school.id;
    const week = await get<WeekView>('subjectlead@oakfield.example', `/api/work/week?classId=${await classId('8A English', school)}`);
    expect(week.weekOf).toBe('2026-11-23');
    const withWork = week.balance.filter((b) => b.minutes > 0);
    expect(withWork.length).toBeGreaterThanOrEqual(5);
    expect(withWork.map((b) => b.subject)).toEqual(expect.arrayContaining(['English', 'Mathematics', 'Science']));
    expect(week.screenFree).toHaveLength(12);
    expect(week.screenFree.every((s) => s.share !== null)).toBe(true);
    expect(week.byTeacher.length).toBeGreaterThanOrEqual(5);
    // Feedback the demo teacher owes on 8A's earlier work shows in that week (R-WORK-6).
    let overdue = 0;
    for (const monday of ['2026-11-09', '2026-11-16']) {
      const earlier = await get<WeekView>('subjectlead@oakfield.example', `/api/work/week?classId=${await classId('8A English', school)}&week=${monday}`);
      overdue += earlier.byTeacher.filter((b) => b.subject === 'Mathematics').reduce((n, b) => n + b.feedbackOverdue, 0);
    }
    expect(overdue).toBe(2);
  });

  it('R-WORK-4, R-WORK-5 one 8A learner works from paper packs, and their returns are recorded by the teacher', async () => {
    const school = t.demo!.school.id;
    const maths = await classId('8A Mathematics', school);
    const board = await get<{ learners: { id: string; paper: boolean }[] }>('teacher@oakfield.example', `/api/work/classes/${maths}`);
    const onPaper = board.learners.filter((l) => l.paper);
    expect(onPaper).toHaveLength(1);
    const returns = await q<{ channel: string; by_teacher: boolean }>(
      `select s.channel, s.submitted_by <> s.learner_id as by_teacher from submissions s where s.learner_id = $1`,
      [onPaper[0]!.id],
    );
    expect(returns.length).toBeGreaterThan(3);
    expect(returns.every((r) => r.channel === 'paper' && r.by_teacher)).toBe(true);
  });

  it('R-WORK-7 exactly one pair of answers in the demo is alike beyond the threshold, in 8A Mathematics', async () => {
    const found: { title: string; percent: number }[] = [];
    for (const [org, email] of [
      [t.demo!.school.id, 'senior@oakfield.example'],
      [t.demo!.provider.id, 'manager@northgate.example'],
    ] as const) {
      const ids = await q<{ id: string; title: string }>(
        `select a.id, a.title from assignments a where a.organisation_id = $1
          and (select count(*) from submissions s where s.assignment_id = a.id and s.channel = 'online') > 1`,
        [org],
      );
      for (const a of ids) {
        const view = await get<SimilarityView>(email, `/api/work/assignments/${a.id}/similarity`);
        for (const p of view.pairs) found.push({ title: a.title, percent: p.percent });
      }
    }
    expect(found).toHaveLength(1);
    expect(found[0]!.title).toBe('Comparing fractions: explain it');
    expect(found[0]!.percent).toBeGreaterThanOrEqual(80);
  });

  it('R-WORK-5, R-WORK-6 Northgate’s apprentice has work from the tutor, with feedback; the tutor has marking', async () => {
    const mine = await get<LearnerWork>('apprentice@northgate.example', '/api/work/mine');
    expect(mine.due.length).toBeGreaterThan(0);
    expect(mine.handedIn.some((i) => i.newFeedback)).toBe(true);
    const queue = await get<MarkingQueue>('tutor@northgate.example', '/api/work/marking');
    expect(queue.items.length).toBeGreaterThan(0);
    const declared = await q<{ n: string }>(`select count(*) as n from submissions where organisation_id = $1 and own_work_declared_at is null`, [t.demo!.provider.id]);
    expect(declared[0]!.n).toBe('0');
  });

  it('R-WORK-1, R-WORK-5, R-WORK-6 every date is a school day; lateness and feedback deadlines follow the policy and the calendar', async () => {
    for (const org of [t.demo!.school.id, t.demo!.provider.id]) {
      const rows = await q<{ site_id: string; for_date: string; due_at: Date; published_at: Date; submitted_at: Date | null; late: boolean | null; feedback_due_at: Date | null; extended: Date | null }>(
        `select c.site_id, to_char(a.for_date, 'YYYY-MM-DD') as for_date, a.due_at, a.published_at, s.submitted_at, s.late, s.feedback_due_at, e.due_at as extended
           from assignments a join classes c on c.organisation_id = a.organisation_id and c.id = a.class_id
           left join submissions s on s.organisation_id = a.organisation_id and s.assignment_id = a.id
           left join work_extensions e on e.organisation_id = s.organisation_id and e.assignment_id = s.assignment_id and e.learner_id = s.learner_id
          where a.organisation_id = $1`,
        [org],
      );
      expect(rows.length).toBeGreaterThan(10);
      const calendars = new Map<string, { cal: SiteCalendar; rule: Parameters<typeof feedbackDue>[2] }>();
      for (const siteId of new Set(rows.map((r) => r.site_id))) {
        calendars.set(
          siteId,
          await t.db.withTenant(org, async (tx) => ({
            cal: (await siteCalendar(tx, org, siteId, NOW.slice(0, 10)))!.calendar,
            rule: (await policyInForce(tx, org, siteId))!.document.sections.work.feedbackDue.value,
          })),
        );
      }
      for (const r of rows) {
        const { cal, rule } = calendars.get(r.site_id)!;
        expect(isWorkingDay(cal, r.for_date), r.for_date).toBe(true);
        expect(isWorkingDay(cal, localDateOf(cal, r.due_at)), r.due_at.toISOString()).toBe(true);
        expect(r.published_at.getTime()).toBeLessThanOrEqual(Date.parse(NOW));
        if (!r.submitted_at) continue;
        expect(r.submitted_at.getTime()).toBeLessThanOrEqual(Date.parse(NOW));
        expect(r.late).toBe(r.submitted_at.getTime() > r.due_at.getTime());
        expect(r.feedback_due_at).toEqual(feedbackDue(cal, r.submitted_at, rule));
      }
    }
    const extended = await q<{ later: boolean }>(`select e.due_at > a.due_at as later from work_extensions e join assignments a on a.id = e.assignment_id`);
    expect(extended).toEqual([{ later: true }]);
    const early = await q<{ n: string }>(`select count(*) as n from submission_comments c join submissions s on s.id = c.submission_id where c.created_at < s.submitted_at or c.created_at > $1`, [NOW]);
    expect(early[0]!.n).toBe('0');
  });

  it('R-WORK-1 the demo loads at any moment of the year: the first week of term, a weekend, after school, the holidays', async () => {
    const spare = await createTestDatabase();
    try {
      for (const at of ['2026-09-07T08:00:00Z', '2026-11-28T12:00:00Z', '2026-12-18T16:30:00Z', '2026-08-10T12:00:00Z', '2027-03-31T19:00:00Z']) {
        // Each load is rolled back, so the next starts from an empty database.
        const loaded = await spare.db.system
          .transaction(async (tx) => {
            await generateDemoData(tx as never, new Date(at));
            throw new Rollback(at);
          })
          .catch((e: unknown) => (e instanceof Rollback ? e.message : Promise.reject(e)));
        expect(loaded).toBe(at);
      }
    } finally {
      await spare.drop();
    }
  });
});

class Rollback extends Error {}
