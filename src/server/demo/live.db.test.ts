import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatLog, LearnerLiveRecord, LiveToday, PendingAuthorisations, RegisterView, SessionOverview } from '../../shared/live.js';
import type { Database } from '../platform/db/client.js';
import { startTestApp, type TestApp } from '../testing/app.js';
import { createTestDatabase } from '../testing/database.js';
import { demoReader } from '../testing/demo.js';
import { generateDemoData } from './index.js';

// Monday 23 November 2026, 10:30 in London: the last two school weeks are 9 to 20 November.
const NOW = '2026-11-23T10:30:00Z';
let t: TestApp;
const { q, get, userId } = demoReader(() => t);

beforeAll(async () => {
  t = await startTestApp({ now: NOW, demo: true });
});
afterAll(() => t.close());

describe('the demo’s live sessions (R-LIVE-1..13)', () => {
  it('R-LIVE-1, R-LIVE-8 the demo teacher looks back on six to ten ended lessons of their timetable, on school days, and their 1-1', async () => {
    const { sessions: listed } = await get<SessionOverview>('teacher@oakfield.example', '/api/live/sessions');
    const lessons = listed.filter((s) => s.kind === 'lesson');
    expect(lessons.length).toBeGreaterThanOrEqual(6);
    expect(lessons.length).toBeLessThanOrEqual(10);
    for (const s of listed) {
      expect(s.status).toBe('ended');
      expect(s.canReadRegister).toBe(true);
      expect(s.recordingsToWatch).toBe(0);
      expect(Date.parse(s.startsAt)).toBeGreaterThan(Date.parse('2026-11-08T00:00:00Z'));
      expect([1, 2, 3, 4, 5]).toContain(((new Date(s.startsAt).getUTCDay() + 6) % 7) + 1);
    }
    expect(listed.filter((s) => s.kind === 'one_to_one')).toHaveLength(1);
    // Each lesson sits on a period of its class's timetable.
    const offTimetable = await q(
      `select s.id from live_sessions s where s.kind = 'lesson' and not exists (
         select 1 from timetable_periods p where p.class_id = s.class_id and p.weekday = extract(isodow from s.starts_at at time zone 'Europe/London')
           and p.start_time = (s.starts_at at time zone 'Europe/London')::time and p.end_time = (s.ends_at at time zone 'Europe/London')::time)`,
    );
    expect(offTimetable).toEqual([]);
    const onClosures = await q(`select s.id from live_sessions s join closures c on c.site_id = s.site_id and (s.starts_at at time zone 'Europe/London')::date between c.start_date and c.end_date`);
    expect(onClosures).toEqual([]);
  });

  it('R-LIVE-9 one of the demo teacher’s lessons ran past its longest length, and its register says when', async () => {
    const { sessions: listed } = await get<SessionOverview>('teacher@oakfield.example', '/api/live/sessions');
    const over = listed.filter((s) => s.overran);
    expect(over).toHaveLength(1);
    const register = await get<RegisterView>('teacher@oakfield.example', `/api/live/sessions/${over[0]!.id}/register`);
    expect(register.session.overran).toBe(true);
    expect(Date.parse(register.session.endedAt!)).toBeGreaterThan(Date.parse(register.session.overranAt!));
  });

  it('R-LIVE-8 a register shows who attended (some late or leaving early), who waited and was never let in, and who never came', async () => {
    const { sessions: listed } = await get<SessionOverview>('teacher@oakfield.example', '/api/live/sessions');
    const registers = await Promise.all(listed.filter((s) => s.kind === 'lesson').map((s) => get<RegisterView>('teacher@oakfield.example', `/api/live/sessions/${s.id}/register`)));
    const learnersOf = (r: RegisterView) => r.lines.filter((l) => l.role === 'learner');
    const full = registers.find((r) => learnersOf(r).some((l) => l.outcome === 'waited_never_admitted'))!;
    expect(full, 'a lesson with someone left in the lobby').toBeDefined();
    const learners = learnersOf(full);
    const attended = learners.filter((l) => l.outcome === 'attended');
    expect(attended.length).toBeGreaterThan(learners.length / 2);
    expect(learners.filter((l) => l.outcome === 'never_came').length).toBeGreaterThanOrEqual(1);
    const length = (Date.parse(full.session.endedAt!) - Date.parse(full.session.startsAt)) / 60_000;
    expect(attended.filter((l) => l.minutes < length - 5).length, 'late or left early').toBeGreaterThanOrEqual(1);
    expect(full.lines.find((l) => l.role === 'host')!.outcome).toBe('attended');
    for (const r of registers) expect(learnersOf(r).filter((l) => l.outcome === 'attended').length).toBeGreaterThan(learnersOf(r).length / 2);
  });

  it('R-LIVE-6 the host confirmed the notices before anyone was let in, and everyone who came saw them', async () => {
    const rows = await q<{ id: string; host_at: Date; first_in: Date; shown: number; arrivals: number }>(
      `select s.id,
         (select min(shown_at) from live_notices n where n.session_id = s.id and n.kind = 'host') as host_at,
         (select min(since) from live_presence p join live_participants x on x.session_id = p.session_id and x.user_id = p.user_id where p.session_id = s.id and p.kind = 'in' and x.role in ('learner', 'guardian')) as first_in,
         (select count(distinct user_id)::int from live_notices n where n.session_id = s.id and n.kind = 'entry') as shown,
         (select count(distinct user_id)::int from live_presence p where p.session_id = s.id) as arrivals
       from live_sessions s where s.status = 'ended'`,
    );
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows) {
      expect(r.host_at, r.id).not.toBeNull();
      expect(r.host_at.getTime()).toBeLessThan(r.first_in.getTime());
      expect(r.shown).toBe(r.arrivals);
    }
  });

  it('R-LIVE-11 the chat log has questions and answers, kept until the policy’s 30 days after the end', async () => {
    const { sessions: listed } = await get<SessionOverview>('teacher@oakfield.example', '/api/live/sessions');
    const lesson = listed.find((s) => s.kind === 'lesson')!;
    const log = await get<ChatLog>('teacher@oakfield.example', `/api/live/sessions/${lesson.id}/chat`);
    expect(log.messages.length).toBeGreaterThanOrEqual(4);
    expect(log.messages.some((m) => m.from.role === 'learner')).toBe(true);
    expect(log.messages.some((m) => m.from.role === 'host')).toBe(true);
    expect(log.messages.map((m) => m.sentAt)).toEqual([...log.messages.map((m) => m.sentAt)].sort());
    const register = await get<RegisterView>('teacher@oakfield.example', `/api/live/sessions/${lesson.id}/register`);
    const keptDays = (Date.parse(log.deleteAfter!) - Date.parse(register.session.endedAt!)) / 86_400_000;
    expect(keptDays).toBeGreaterThan(30);
    expect(keptDays).toBeLessThanOrEqual(31);
    expect(log.deletedAt).toBeNull();
  });

  it('R-LIVE-13 staff read the demo learner’s EHCP review with the views heard, and their 1-1; the learner reads the 1-1 only', async () => {
    const learnerId = await userId('learner@oakfield.example');
    for (const staff of ['teacher@oakfield.example', 'senco@oakfield.example']) {
      const record = await get<LearnerLiveRecord>(staff, `/api/live/learners/${learnerId}/record`);
      expect(record.oneToOnes.map((s) => [s.purpose, s.status])).toEqual([['catch_up', 'ended']]);
      expect(record.meetings).toHaveLength(1);
      expect(record.meetings![0]!.title).toBe('EHCP annual review');
      expect(record.meetings![0]!.views!.childViews.length).toBeGreaterThan(20);
      expect(record.meetings![0]!.views!.familyViews.length).toBeGreaterThan(20);
    }
    const own = await get<LearnerLiveRecord>('learner@oakfield.example', `/api/live/learners/${learnerId}/record`);
    expect(own.oneToOnes).toHaveLength(1);
    expect(own.meetings).toBeNull();
    const { sessions: senco } = await get<SessionOverview>('senco@oakfield.example', '/api/live/sessions');
    const meeting = senco.find((s) => s.kind === 'family_meeting')!;
    const register = await get<RegisterView>('senco@oakfield.example', `/api/live/sessions/${meeting.id}/register`);
    const parentId = await userId('parent@oakfield.example');
    expect(register.lines.find((l) => l.person.id === parentId)?.outcome).toBe('attended');
  });

  it('R-LIVE-10 at Northgate the demo apprentice has an ended 1-1 and one booked for tomorrow from the tutor’s home, authorised only where the policy asks', async () => {
    const apprenticeId = await userId('apprentice@northgate.example');
    const record = await get<LearnerLiveRecord>('tutor@northgate.example', `/api/live/learners/${apprenticeId}/record`);
    expect(record.oneToOnes.map((s) => s.status)).toEqual(['booked', 'ended']);
    const booked = record.oneToOnes[0]!;
    expect(booked.startsAt).toBe('2026-11-24T10:00:00.000Z');
    const today = await get<LiveToday>('apprentice@northgate.example', '/api/live/today');
    const invitation = today.invitations.find((i) => i.sessionId === booked.sessionId)!;
    // blended-training-provider allows 1-1s from home without authorisation (oneToOneAwayFromBase: allowed).
    expect(invitation.authorisation).toBe('not_needed');
    const pending = await get<PendingAuthorisations>('manager@northgate.example', '/api/live/authorisations');
    expect(pending.oneToOnes).toEqual([]);
    const [row] = await q<{ location: string; authorised_at: Date | null }>('select location, authorised_at from live_sessions where id = $1', [booked.sessionId]);
    expect(row).toEqual({ location: 'home', authorised_at: null });
  });

  it('gives the same live sessions for the same seed', async () => {
    const rowsOf = async (db: Database) =>
      (
        await db.systemPool.query(
          `select s.id, s.title, s.starts_at, s.ended_at, s.overran_at, s.chat_delete_after,
             (select count(*) from live_participants p where p.session_id = s.id) as seats,
             (select string_agg(p.kind || p.since::text, ',' order by p.id) from live_presence p where p.session_id = s.id) as presence,
             (select string_agg(m.body, '|' order by m.id) from live_chat_messages m where m.session_id = s.id) as chat
           from live_sessions s order by s.id`,
        )
      ).rows;
    const other = await createTestDatabase();
    try {
      await generateDemoData(other.db.system, new Date(NOW));
      expect(await rowsOf(other.db)).toEqual(await rowsOf(t.db));
    } finally {
      await other.drop();
    }
  });
});
