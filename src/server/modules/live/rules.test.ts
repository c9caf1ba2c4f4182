import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetById, type PresetId } from '../policy/index.js';
import { LivePolicy, type AgeGroup } from './policy.js';
import {
  ageGroupOf,
  ageOn,
  canAllowMedia,
  canOpen,
  canPublish,
  canRecord,
  canSendChat,
  canStartOn,
  canStartOneToOne,
  canViewRecording,
  complaintWindowEnd,
  deleteAt,
  entersLobby,
  initialMedia,
  invitees,
  keepsInLearnerRecord,
  languageFilter,
  lengthLimit,
  lengthState,
  mustRecord,
  noticeText,
  throttleChat,
  type Decision,
  type OneToOneFacts,
  type SessionSchedule,
} from './rules.js';

const live = (id: PresetId): LivePolicy => structuredClone(presetById(id).document.sections.live);
const provider = live('further-education-lockdown'); // seed 000: records everything, 21 days, complaints within 20
const school = live('school-closure'); // seed 001: never records, lobby, muted, no screens
const bubbles = live('blended-school-bubbles'); // seed 002
const at = (iso: string) => new Date(iso);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const LONDON = { timeZone: 'Europe/London' };

/** The refusal's code, or 'allowed'. */
const outcome = (d: Decision) => (d.allowed ? 'allowed' : d.code);
const seedLine = (d: Decision | { source: Decision['source'] }) => (d.source?.kind === 'seed' ? `${d.source.seed}:${d.source.line}` : d.source?.kind);
const problems = (section: LivePolicy) => {
  const parsed = LivePolicy.safeParse(section);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('the live section of the policy', () => {
  it('R-LIVE-7 validates in every preset', () => {
    for (const id of ['further-education-lockdown', 'school-closure', 'blended-school-bubbles', 'blended-training-provider', 'special-school-case-by-case'] as const) {
      expect(problems(live(id)), id).toEqual([]);
    }
  });

  it('R-LIVE-7 refuses a complaint window that does not end before recordings are deleted', () => {
    for (const days of [21, 30]) {
      const p = live('further-education-lockdown');
      p.complaintWindowDays.value = days;
      expect(problems(p)).toContainEqual({
        path: 'complaintWindowDays.value',
        message: `Learners may complain for ${days} days, but lesson recordings are deleted after 21 days: the complaint window must end before recordings are deleted, so every complaint can be checked against the recording.`,
      });
    }
    const shorter = live('further-education-lockdown');
    shorter.oneToOneRecording.value = { kind: 'always', retentionDays: 14 };
    expect(problems(shorter).map((p) => p.message)).toEqual([expect.stringMatching(/^Learners may complain for 20 days, but 1-1 recordings are deleted after 14 days/u)]);
  });

  it('R-LIVE-11 keeps the chat at least as long as learners may complain', () => {
    const p = live('further-education-lockdown');
    p.chatRetentionDays.value = 14;
    expect(problems(p)).toEqual([{ path: 'chatRetentionDays.value', message: 'Learners may complain for 20 days, so keep the chat at least that long, so every complaint can be checked against it.' }]);
    p.chatRetentionDays.value = 20;
    expect(problems(p)).toEqual([]);
    expect(live('school-closure').chatRetentionDays).toMatchObject({ value: 30, source: { kind: 'default' } });
  });

  it('R-LIVE-7 refuses recording without a complaint window or anyone allowed to watch', () => {
    const p = live('school-closure');
    p.recording.value = { kind: 'always', retentionDays: 21 };
    p.recordingViewers = [];
    expect(problems(p).map((x) => x.path)).toEqual(['complaintWindowDays.value', 'recordingViewers']);
  });

  it('R-LIVE-6 refuses notices that use what a session cannot fill in', () => {
    const p = live('school-closure');
    p.behaviourNotice.value = 'Behave well in this lesson, {name}, as you would in class.';
    p.notRecordedNotice.value = 'This lesson is not recorded, and is kept for {retentionDays} days.';
    p.complaintNotice.value = 'Complain within {complaintDays} days of the lesson, please.';
    expect(problems(p)).toEqual([
      { path: 'notRecordedNotice.value', message: '“{retentionDays}” can only be used in the notice for a recorded session.' },
      { path: 'complaintNotice.value', message: '“{complaintDays}” needs a time limit for complaints, and this policy sets none.' },
      { path: 'behaviourNotice.value', message: '“{name}” is not something a notice can fill in. Use {retentionDays}, {keptUntil}, {complaintDays}, {complainBy}.' },
    ]);
  });

  it('R-LIVE-11 takes the organisation’s own words as single words separated by commas', () => {
    const p = live('school-closure');
    p.chatBlockedWords.value = 'numpty, Plonker';
    expect(problems(p)).toEqual([]);
    p.chatAllowedWords.value = 'pen is, f*ck';
    expect(problems(p)).toEqual([{ path: 'chatAllowedWords.value', message: 'Give single words of the letters a to z, separated by commas.' }]);
  });
});

describe('opening a session (R-LIVE-1)', () => {
  // Monday 14 September 2026, 09:00–10:00 BST (08:00–09:00 UTC).
  const lesson: SessionSchedule = { scheduledBy: 'timetable', startsAt: at('2026-09-14T08:00:00Z'), endsAt: at('2026-09-14T09:00:00Z'), hostId: 'teacher-1', timeZone: 'Europe/London' };
  const teacher = { personId: 'teacher-1', roles: ['teacher'] as const };

  it.each([
    ['08:44 BST, a minute too early', lesson, teacher, '2026-09-14T07:44:00Z', 'live.session.not_open_yet'],
    ['08:45 BST, 15 minutes before', lesson, teacher, '2026-09-14T07:45:00Z', 'allowed'],
    ['09:59 BST, still on', lesson, teacher, '2026-09-14T08:59:59Z', 'allowed'],
    ['10:00 BST, over', lesson, teacher, '2026-09-14T09:00:00Z', 'live.session.over'],
    ['not scheduled anywhere', { ...lesson, scheduledBy: null }, teacher, '2026-09-14T08:10:00Z', 'live.session.not_scheduled'],
    ['on the remote learning action plan', { ...lesson, scheduledBy: 'action_plan' as const }, teacher, '2026-09-14T08:10:00Z', 'allowed'],
    ['by another teacher', lesson, { personId: 'teacher-2', roles: ['teacher'] as const }, '2026-09-14T08:10:00Z', 'live.session.not_host'],
    ['by its host as a teaching assistant', { ...lesson, hostId: 'ta-1' }, { personId: 'ta-1', roles: ['teaching_assistant'] as const }, '2026-09-14T08:10:00Z', 'live.session.role_cannot_open'],
  ])('R-LIVE-1 under seed 001: %s', (_name, session, opener, now, expected) => {
    expect(outcome(canOpen(session, opener, at(now), school))).toBe(expected);
  });

  it('R-LIVE-1 says when a session opens, in the site’s time, and when to try again', () => {
    const d = canOpen(lesson, teacher, at('2026-09-14T07:00:00Z'), school);
    expect(d).toMatchObject({ allowed: false, message: 'This session opens at 08:45, 15 minutes before it starts.', retryAt: at('2026-09-14T07:45:00Z') });
    expect(seedLine(canOpen(lesson, teacher, at('2026-09-14T08:00:00Z'), school))).toBe('001:20');
    const assessor = { personId: 'teacher-1', roles: ['assessor'] as const };
    expect(outcome(canOpen(lesson, assessor, at('2026-09-14T08:00:00Z'), provider))).toBe('allowed');
    expect(canOpen(lesson, assessor, at('2026-09-14T08:00:00Z'), school)).toMatchObject({ message: 'Under this policy, live sessions are opened by staff in these roles: teacher.' });
  });

  it('R-LIVE-1 opens exactly from 15 minutes before the start until the end (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -120, max: 180 }), (minutes) => {
        const now = new Date(lesson.startsAt.getTime() + minutes * MIN);
        expect(canOpen(lesson, teacher, now, school).allowed).toBe(minutes >= -15 && minutes < 60);
      }),
    );
  });
});

describe('lobby and invitations (R-LIVE-2, R-LIVE-4)', () => {
  it('R-LIVE-4 keeps learners and family members in the lobby, and lets staff straight in', () => {
    expect([entersLobby(school, 'learner'), entersLobby(school, 'guardian'), entersLobby(school, 'staff'), entersLobby(school, 'host')]).toEqual([true, true, false, false]);
    const open = live('school-closure');
    open.lobby.value = false;
    expect(entersLobby(open, 'learner')).toBe(false);
  });

  it('R-LIVE-2 invites parents and carers where the policy says, each once', () => {
    const learners = [
      { learnerId: 'a', guardianIds: ['mum', 'dad'] },
      { learnerId: 'b', guardianIds: ['mum'] },
    ];
    expect(invitees(school, learners)).toEqual({ learnerIds: ['a', 'b'], guardianIds: ['mum', 'dad'] });
    expect(invitees(provider, learners)).toEqual({ learnerIds: ['a', 'b'], guardianIds: [] });
  });
});

describe('recording (R-LIVE-7, R-LIVE-10)', () => {
  const embedded = { name: 'embedded', canRecord: true };
  const relay = { name: 'relay', canRecord: false };

  it('R-LIVE-7 never records under seed 001, and says which line says so', () => {
    const lesson = canRecord(school, 'lesson', embedded);
    expect(lesson).toMatchObject({ allowed: false, code: 'live.recording.not_allowed', message: 'This policy says a live lesson is never recorded.' });
    expect(seedLine(lesson)).toBe('001:17');
    expect(seedLine(canRecord(school, 'one_to_one', embedded))).toBe('001:112');
    expect([mustRecord(school, 'lesson'), mustRecord(school, 'one_to_one')]).toEqual([false, false]);
  });

  it('R-LIVE-7 R-LIVE-10 always records lessons, 1-1s and family meetings under seed 000', () => {
    expect((['lesson', 'one_to_one', 'family_meeting'] as const).map((k) => mustRecord(provider, k))).toEqual([true, true, true]);
    expect(seedLine(canRecord(provider, 'lesson', embedded))).toBe('000:182');
    expect(seedLine(canRecord(provider, 'one_to_one', embedded))).toBe('000:163');
  });

  it('R-LIVE-7 refuses, before the lesson, a media server that cannot record a session the policy records', () => {
    expect(canStartOn(provider, 'lesson', relay)).toMatchObject({
      allowed: false,
      code: 'live.recording.provider_cannot_record',
      message: 'This policy records every live lesson, and the relay media server cannot record, so it cannot carry this session. Choose a media server that records.',
    });
    expect(outcome(canRecord(provider, 'one_to_one', relay))).toBe('live.recording.provider_cannot_record');
    expect(outcome(canStartOn(school, 'lesson', relay))).toBe('allowed');
    expect(outcome(canStartOn(provider, 'lesson', embedded))).toBe('allowed');
  });

  it('R-LIVE-10 keeps an apprentice’s 1-1 recording in their record under seed 000 only', () => {
    expect(keepsInLearnerRecord(provider, 'one_to_one', true)).toBe(true);
    expect(keepsInLearnerRecord(provider, 'one_to_one', false)).toBe(false);
    expect(keepsInLearnerRecord(provider, 'lesson', true)).toBe(false);
    expect(keepsInLearnerRecord(school, 'one_to_one', true)).toBe(false);
  });

  describe('who may watch', () => {
    const recording = { hostId: 'tutor-1', deleteAt: at('2026-03-23T00:00:00Z') };
    const now = at('2026-03-10T10:00:00Z');

    it.each([
      ['a centre manager', { personId: 'm', roles: ['senior_leader'] as const }, 'allowed', '000:166'],
      ['the safeguarding lead', { personId: 'd', roles: ['dsl'] as const }, 'allowed', '000:145'],
      ['the tutor who hosted it', { personId: 'tutor-1', roles: ['teacher'] as const }, 'live.recording.not_viewer', undefined],
      ['a learner', { personId: 'l', roles: ['learner'] as const }, 'live.recording.not_viewer', undefined],
    ])('R-LIVE-7 under seed 000: %s', (_who, viewer, expected, line) => {
      const d = canViewRecording(provider, viewer, recording, now);
      expect(outcome(d)).toBe(expected);
      expect(seedLine(d)).toBe(line);
    });

    it('R-LIVE-7 lets the host watch their own sessions only, where the policy names the host', () => {
      const p = live('further-education-lockdown');
      p.recordingViewers.push({ value: 'host', source: { kind: 'local', by: 'Head of centre', at: '2026-03-01T09:00:00Z', why: 'Tutors review their own lessons.' } });
      expect(outcome(canViewRecording(p, { personId: 'tutor-1', roles: ['teacher'] }, recording, now))).toBe('allowed');
      expect(outcome(canViewRecording(p, { personId: 'tutor-2', roles: ['teacher'] }, recording, now))).toBe('live.recording.not_viewer');
    });

    it('R-LIVE-7 shows nobody a recording once it is due for deletion', () => {
      const manager = { personId: 'm', roles: ['senior_leader'] as const };
      expect(outcome(canViewRecording(provider, manager, recording, at('2026-03-22T23:59:59Z')))).toBe('allowed');
      expect(outcome(canViewRecording(provider, manager, recording, recording.deleteAt))).toBe('live.recording.deleted');
    });
  });
});

describe('retention and the complaint window (R-LIVE-7)', () => {
  it.each([
    ['a morning in March (GMT)', '2026-03-02T11:00:00Z', '2026-03-24T00:00:00.000Z', '2026-03-23T00:00:00.000Z'],
    ['across the clocks going forward', '2026-03-20T15:00:00Z', '2026-04-10T23:00:00.000Z', '2026-04-09T23:00:00.000Z'],
    ['late on a summer evening (23:30 BST)', '2026-06-10T22:30:00Z', '2026-07-01T23:00:00.000Z', '2026-06-30T23:00:00.000Z'],
  ])('R-LIVE-7 keeps a recording to the end of the 21st day and takes complaints to the end of the 20th: %s', (_when, end, deletion, complaints) => {
    expect(deleteAt(at(end), 21, LONDON).toISOString()).toBe(deletion);
    expect(complaintWindowEnd(at(end), 20, LONDON).toISOString()).toBe(complaints);
  });

  it('R-LIVE-7 ends a shorter complaint window before the recording is deleted, and keeps recordings at least their days (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 2, max: 365 }),
        fc.integer({ min: 1, max: 364 }),
        (end, retention, complaint) => {
          fc.pre(complaint < retention);
          const deletion = deleteAt(end, retention, LONDON).getTime();
          expect(complaintWindowEnd(end, complaint, LONDON).getTime()).toBeLessThan(deletion);
          // At least the days promised (an hour short at most across a clock change), at most a day more.
          expect(deletion - end.getTime()).toBeGreaterThan(retention * DAY - 60 * MIN);
          expect(deletion - end.getTime()).toBeLessThanOrEqual((retention + 1) * DAY + 60 * MIN);
        },
      ),
    );
  });
});

describe('the notices at the start (R-LIVE-6)', () => {
  it('R-LIVE-6 R-LIVE-7 tells seed 000’s learners about recording, its deletion date and the complaint deadline, word for word', () => {
    const notices = noticeText(provider, { kind: 'lesson', endsAt: at('2026-03-02T11:00:00Z'), ...LONDON });
    expect(notices.map((n) => n.kind)).toEqual(['recording', 'complaints', 'behaviour']);
    expect(notices[0]!.text).toBe(
      'This session is being recorded, so that if any issues arise the video can be reviewed. The recording is stored securely for 21 days, until the end of Monday 23 March 2026, and then deleted.',
    );
    expect(notices[1]!.text).toBe(
      'If you wish to make a complaint or raise a concern about this session, speak to your centre manager or any member of staff in your centre as soon as possible, ' +
        'and within 20 days: by the end of Sunday 22 March 2026. Apprentices can also speak to their assessor or the Apprenticeship Contract Manager. ' +
        'You can still complain after that, but we will not be able to view the recording, so it is important to speak to someone in your home centre as soon as possible.',
    );
    expect(notices.map(seedLine)).toEqual(['000:184', '000:185', '000:222']);
  });

  it('R-LIVE-6 tells seed 001’s pupils the lesson is not recorded, how to complain, and the behaviour expected', () => {
    const notices = noticeText(school, { kind: 'lesson', endsAt: at('2026-09-14T09:00:00Z'), ...LONDON });
    expect(notices[0]!.text).toBe('This lesson is not recorded by the school. Pupils and parents or carers must not record it or take pictures of it.');
    expect(notices[2]!.text).toMatch(/^Behave as you would in the classroom: use appropriate language/u);
    expect(notices.map(seedLine)).toEqual(['001:112', '001:62', '001:36']);
  });

  it('R-LIVE-6 fills in every placeholder, for every preset and kind of session', () => {
    for (const id of ['further-education-lockdown', 'school-closure', 'blended-school-bubbles', 'blended-training-provider', 'special-school-case-by-case'] as const) {
      for (const kind of ['lesson', 'one_to_one', 'family_meeting'] as const) {
        for (const n of noticeText(live(id), { kind, endsAt: at('2026-10-25T00:30:00Z'), ...LONDON })) expect(n.text, `${id} ${kind} ${n.kind}`).not.toMatch(/[{}]/u);
      }
    }
  });

  it('R-LIVE-6 uses the recorded-session notice when a school turns recording on', () => {
    const p = live('school-closure');
    p.recording.value = { kind: 'always', retentionDays: 14 };
    p.complaintWindowDays.value = 10;
    expect(noticeText(p, { kind: 'lesson', endsAt: at('2026-09-14T09:00:00Z'), ...LONDON })[0]!.text).toBe(
      'This session is recorded. The recording is kept securely for 14 days, until the end of Monday 28 September 2026, and then deleted. Only staff the policy names can watch it.',
    );
    expect(noticeText(p, { kind: 'one_to_one', endsAt: at('2026-09-14T09:00:00Z'), ...LONDON })[0]!.text).toMatch(/^This lesson is not recorded/u);
  });
});

describe('length by age (R-LIVE-9)', () => {
  it.each([
    ['2015-03-10', '2026-03-09', 10],
    ['2015-03-10', '2026-03-10', 11],
    ['2012-02-29', '2026-02-28', 13],
    ['2012-02-29', '2026-03-01', 14],
  ])('R-LIVE-9 a learner born %s is %s on %s', (born, on, age) => {
    expect(ageOn(born, on)).toBe(age);
  });

  it.each([
    [3, 'earlyYears'],
    [4, 'earlyYears'],
    [5, 'keyStage1'],
    [6, 'keyStage1'],
    [7, 'keyStage2'],
    [10, 'keyStage2'],
    [11, 'keyStage3'],
    [13, 'keyStage3'],
    [14, 'keyStage4'],
    [15, 'keyStage4'],
    [16, 'sixteenToEighteen'],
    [18, 'sixteenToEighteen'],
    [19, 'adults'],
    [47, 'adults'],
  ] as [number, AgeGroup][])('R-LIVE-9 puts a learner aged %i in %s', (age, group) => {
    expect(ageGroupOf(age)).toBe(group);
  });

  const start = at('2026-09-14T08:00:00Z');

  it('R-LIVE-9 warns the host five minutes before the youngest learner’s limit, and flags the overrun', () => {
    const limit = lengthLimit(school, start, [9, 10, 7, 6])!;
    expect(limit).toMatchObject({ group: 'keyStage1', minutes: 30, warnAt: at('2026-09-14T08:25:00Z'), overrunAt: at('2026-09-14T08:30:00Z') });
    expect(limit.source.kind).toBe('default');
    expect([lengthState(limit, at('2026-09-14T08:24:59Z')), lengthState(limit, limit.warnAt), lengthState(limit, limit.overrunAt)]).toEqual(['within', 'warn', 'over']);
    expect(lengthLimit(provider, start, [17, 22])).toMatchObject({ group: 'sixteenToEighteen', minutes: 90 });
  });

  it('R-LIVE-9 sets no limit without learners, for a meeting with a family, or where the policy sets none', () => {
    expect(lengthLimit(school, start, [])).toBeNull();
    expect(lengthLimit(school, start, [12], 'family_meeting')).toBeNull();
    expect(lengthLimit(school, start, [12], 'one_to_one')).toMatchObject({ minutes: 60 });
    const p = live('school-closure');
    p.maxMinutes.value = null;
    expect(lengthLimit(p, start, [8])).toBeNull();
    expect(lengthState(null, at('2030-01-01T00:00:00Z'))).toBe('within');
  });

  it('R-LIVE-9 takes the shortest limit among the learners, and warns no earlier than the start (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 80 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (ages, warn) => {
        const p = live('school-closure');
        p.warnBeforeMinutes.value = warn;
        const limit = lengthLimit(p, start, ages)!;
        const minutes = p.maxMinutes.value!;
        expect(limit.minutes).toBe(Math.min(...ages.map((a) => minutes[ageGroupOf(a)])));
        expect(limit.overrunAt.getTime() - start.getTime()).toBe(limit.minutes * MIN);
        expect(limit.warnAt.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(limit.warnAt.getTime()).toBeLessThan(limit.overrunAt.getTime());
      }),
    );
  });
});

describe('cameras, microphones and screens (R-LIVE-5)', () => {
  it('R-LIVE-5 under seed 001 admits learners muted with cameras off, allowed only by the host, never sharing their screen', () => {
    const learner = initialMedia(school, 'learner');
    expect(learner).toEqual({ camera: { allowed: false, on: false }, microphone: { allowed: false, on: false }, screen: { allowed: false, on: false } });
    expect(canPublish(learner, 'microphone')).toMatchObject({ allowed: false, code: 'live.media.not_allowed', message: 'The host has not allowed your microphone.' });
    expect(outcome(canAllowMedia(school, 'learner', 'microphone'))).toBe('allowed');
    const screen = canAllowMedia(school, 'learner', 'screen');
    expect(outcome(screen)).toBe('live.media.screen_share_never');
    expect(seedLine(screen)).toBe('001:22');
  });

  it('R-LIVE-5 under seed 000 starts learners’ cameras and microphones on, with the host still in control', () => {
    const learner = initialMedia(provider, 'learner');
    expect(learner.camera).toEqual({ allowed: true, on: true });
    expect(learner.microphone).toEqual({ allowed: true, on: true });
    expect(outcome(canPublish(learner, 'screen'))).toBe('live.media.not_allowed');
    expect(outcome(canAllowMedia(provider, 'learner', 'screen'))).toBe('allowed');
  });

  it('R-LIVE-5 gives staff full control under every policy', () => {
    for (const p of [school, provider]) {
      expect(initialMedia(p, 'host')).toEqual({ camera: { allowed: true, on: true }, microphone: { allowed: true, on: true }, screen: { allowed: true, on: false } });
      expect(outcome(canAllowMedia(p, 'staff', 'screen'))).toBe('allowed');
    }
  });
});

describe('1-1 sessions (R-LIVE-10)', () => {
  const base: OneToOneFacts = { hostLocation: 'home_centre', authorisation: null, loneWorkingConcern: false, secondStaffPresent: false, adultWithLearnerConfirmed: false };
  const byManager = { byPersonId: 'm', byRoles: ['senior_leader'] as const };
  const byTutor = { byPersonId: 't', byRoles: ['teacher'] as const };

  it.each([
    ['from the home centre', base, 'allowed'],
    ['from home without authorisation', { ...base, hostLocation: 'home' as const }, 'live.one_to_one.authorisation_needed'],
    ['from another centre, authorised by a tutor', { ...base, hostLocation: 'other_centre' as const, authorisation: byTutor }, 'live.one_to_one.authorisation_needed'],
    ['from home, authorised by a senior manager', { ...base, hostLocation: 'home' as const, authorisation: byManager }, 'allowed'],
    ['with a lone-working concern and no second member of staff', { ...base, loneWorkingConcern: true }, 'live.one_to_one.second_staff_needed'],
    ['with a lone-working concern once a second member of staff has joined', { ...base, loneWorkingConcern: true, secondStaffPresent: true }, 'allowed'],
  ])('R-LIVE-10 under seed 000: %s', (_case, facts, expected) => {
    expect(outcome(canStartOneToOne(provider, facts))).toBe(expected);
  });

  it('R-LIVE-10 cites the seed lines that refuse, and tells the host what is missing', () => {
    const away = canStartOneToOne(provider, { ...base, hostLocation: 'home' });
    expect(away).toMatchObject({ message: 'A 1-1 from home needs a senior manager’s recorded authorisation under this policy.' });
    expect(seedLine(away)).toBe('000:161');
    expect(seedLine(canStartOneToOne(provider, { ...base, loneWorkingConcern: true }))).toBe('000:239');
  });

  it('R-LIVE-10 asks the host to confirm an adult is with the pupil under seed 002, and lets staff work from home under 001', () => {
    const adult = canStartOneToOne(bubbles, base);
    expect(outcome(adult)).toBe('live.one_to_one.adult_not_confirmed');
    expect(seedLine(adult)).toBe('002:181');
    expect(outcome(canStartOneToOne(bubbles, { ...base, adultWithLearnerConfirmed: true }))).toBe('allowed');
    expect(outcome(canStartOneToOne(school, { ...base, hostLocation: 'home' }))).toBe('allowed');
  });
});

describe('chat (R-LIVE-11)', () => {
  const filter = languageFilter(provider);

  it.each([
    ['a learner, chat off', { text: 'Hello', to: 'everyone' as const }, 'off' as const, 'learner' as const, 'live.chat.off'],
    ['the host, chat off', { text: 'Chat is off for the quiz', to: 'everyone' as const }, 'off' as const, 'host' as const, 'allowed'],
    ['a learner to everyone, host only', { text: 'Hi all', to: 'everyone' as const }, 'host_only' as const, 'learner' as const, 'live.chat.host_only'],
    ['a learner to the host, host only', { text: 'Can I ask a question?', to: 'host' as const }, 'host_only' as const, 'learner' as const, 'allowed'],
    ['a learner to everyone', { text: 'The answer is 42', to: 'everyone' as const }, 'everyone' as const, 'learner' as const, 'allowed'],
    ['nothing but spaces', { text: '   ', to: 'everyone' as const }, 'everyone' as const, 'learner' as const, 'live.chat.empty'],
    ['a very long message', { text: 'a'.repeat(501), to: 'everyone' as const }, 'everyone' as const, 'learner' as const, 'live.chat.too_long'],
  ])('R-LIVE-11 %s', (_case, message, mode, sender, expected) => {
    expect(outcome(canSendChat(message, mode, sender, filter))).toBe(expected);
  });

  it.each([
    ['that is shit', false],
    ['sh1t', false],
    ['what the fuuuck', false],
    ['Scunthorpe United won', true],
    ['I love grapes', true],
    ['our class assessment is on Friday', true],
    ['the pen is mightier than the sword', true],
  ])('R-LIVE-11 the classroom-language filter passes “%s”: %s', (text, passes) => {
    expect(outcome(canSendChat({ text, to: 'everyone' }, 'everyone', 'learner', filter)) === 'allowed').toBe(passes);
  });

  it('R-LIVE-11 takes each organisation’s own blocked and allowed words', () => {
    const p = live('school-closure');
    expect(languageFilter(p)!.wordsIn('sex education today, you numpty')).toEqual(['sex']);
    p.chatBlockedWords.value = 'numpty';
    p.chatAllowedWords.value = 'sex';
    expect(languageFilter(p)!.wordsIn('sex education today, you numpty')).toEqual(['numpty']);
    expect(languageFilter(p)).toBe(languageFilter(structuredClone(p)));
    expect(canSendChat({ text: 'you NUMPTY', to: 'host' }, 'host_only', 'learner', languageFilter(p))).toMatchObject({
      code: 'live.chat.language',
      message: 'Please use classroom language: this message was not sent.',
    });
  });

  it('R-LIVE-11 has no filter where the policy turns it off', () => {
    const p = live('school-closure');
    p.chatLanguageFilter.value = false;
    expect(languageFilter(p)).toBeNull();
  });

  describe('throttling', () => {
    const limit = { messages: 5, perSeconds: 10 };
    const t0 = at('2026-09-14T08:00:00Z').getTime();
    const times = (...seconds: number[]) => seconds.map((s) => new Date(t0 + s * 1000));

    it('R-LIVE-11 lets a fifth message through and holds a sixth until the first is ten seconds old', () => {
      expect(throttleChat(times(0, 1, 2, 3), new Date(t0 + 4500), limit)).toEqual({ allowed: true });
      expect(throttleChat(times(0, 1, 2, 3, 4), new Date(t0 + 4500), limit)).toEqual({ allowed: false, waitSeconds: 6 });
      expect(throttleChat(times(0, 1, 2, 3, 4), new Date(t0 + 10_000), limit)).toEqual({ allowed: true });
      expect(throttleChat(times(-30, -20, 1, 2, 3), new Date(t0 + 4000), limit)).toEqual({ allowed: true });
    });

    it('R-LIVE-11 never lets more through in any window, and the wait it names is enough (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 80 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), (attempts, messages, perSeconds) => {
          const rule = { messages, perSeconds };
          const sent: Date[] = [];
          for (const ms of [...attempts].sort((a, b) => a - b)) {
            const now = new Date(t0 + ms);
            const d = throttleChat(sent, now, rule);
            if (d.allowed) sent.push(now);
            else expect(throttleChat(sent, new Date(now.getTime() + d.waitSeconds * 1000), rule).allowed).toBe(true);
          }
          for (const s of sent) {
            const inWindow = sent.filter((x) => x.getTime() > s.getTime() - perSeconds * 1000 && x.getTime() <= s.getTime());
            expect(inWindow.length).toBeLessThanOrEqual(messages);
          }
        }),
      );
    });
  });
});
