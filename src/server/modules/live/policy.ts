import { z } from 'zod';
import { ROLES } from '../../../shared/roles.js';
import { byDefault, cited, type Cited } from '../policy/policy.js';

/**
 * The live module's section of the policy document (R-POL-1, R-LIVE-1..11): who opens live
 * sessions, the lobby, learners' cameras, microphones and screens on entry, recording and how long
 * it is kept, the complaint window, the notices given at the start, the longest session for each
 * age, the 1-1 rules, chat, and whether parents are invited. Each value is cited; see
 * policy/cited.ts. The decisions that use them are in live/rules.ts.
 */

/** Staff roles: who may host, and who may watch a recording. Never learners, families or employers. */
export const LiveStaffRole = z.enum(ROLES).exclude(['learner', 'guardian', 'employer']);
export type LiveStaffRole = z.infer<typeof LiveStaffRole>;

/** Whoever may watch a recording: a staff role at the session's site, or the session's own host. */
export const RecordingViewer = z.enum([...LiveStaffRole.options, 'host']);
export type RecordingViewer = z.infer<typeof RecordingViewer>;

/** R-LIVE-7: never recorded (seed 001), or always, kept for so many days and then deleted (seed 000: 21). */
export const RecordingRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('never') }),
  z.strictObject({ kind: z.literal('always'), retentionDays: z.number().int().min(1).max(365) }),
]);
export type RecordingRule = z.infer<typeof RecordingRule>;

/** R-LIVE-5: learners never share their screen (seed 001), or only while the host lets one do so. */
export const ScreenShare = z.enum(['never', 'when_host_allows']);
export type ScreenShare = z.infer<typeof ScreenShare>;

/** R-LIVE-10: a 1-1 away from the staff member's home centre (from home or another centre). */
export const AwayFromBase = z.enum(['allowed', 'senior_manager_authorisation']);
export type AwayFromBase = z.infer<typeof AwayFromBase>;

/** R-LIVE-11: chat as a session starts; the host may limit it further or turn it off. */
export const ChatMode = z.enum(['off', 'host_only', 'everyone']);
export type ChatMode = z.infer<typeof ChatMode>;

/**
 * R-LIVE-9: age groups, by the learner's age on the day of the session: early years (under 5),
 * key stages 1 to 4 (5–6, 7–10, 11–13, 14–15: the ages pupils are for most of each stage),
 * 16 to 18, and adults (19 and over).
 */
export const AGE_GROUPS = ['earlyYears', 'keyStage1', 'keyStage2', 'keyStage3', 'keyStage4', 'sixteenToEighteen', 'adults'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
/** The youngest age in each group, in the order of AGE_GROUPS. */
export const AGE_GROUP_FROM: Readonly<Record<AgeGroup, number>> = {
  earlyYears: 0,
  keyStage1: 5,
  keyStage2: 7,
  keyStage3: 11,
  keyStage4: 14,
  sixteenToEighteen: 16,
  adults: 19,
};

/** Each group's name, as the policy editor and its prose show it. */
export const AGE_GROUP_LABELS: Readonly<Record<AgeGroup, string>> = {
  earlyYears: 'Early years (under 5)',
  keyStage1: 'Key stage 1 (ages 5 to 6)',
  keyStage2: 'Key stage 2 (ages 7 to 10)',
  keyStage3: 'Key stage 3 (ages 11 to 13)',
  keyStage4: 'Key stage 4 (ages 14 and 15)',
  sixteenToEighteen: 'Ages 16 to 18',
  adults: 'Adults (19 and over)',
};

/** R-LIVE-1: a scheduled session can be opened from this many minutes before it starts until it ends. */
export const OPENS_MINUTES_BEFORE = 15;

const Minutes = z.number().int().min(10).max(240);
export const MinutesByAge = z.strictObject(Object.fromEntries(AGE_GROUPS.map((g) => [g, Minutes])) as Record<AgeGroup, typeof Minutes>);
export type MinutesByAge = z.infer<typeof MinutesByAge>;

export const ChatThrottle = z.strictObject({
  /** At most this many messages from one person… */
  messages: z.number().int().min(1).max(50),
  /** …in any this many seconds. */
  perSeconds: z.number().int().min(1).max(300),
});
export type ChatThrottle = z.infer<typeof ChatThrottle>;

/**
 * Words an organisation adds to, or takes out of, the classroom-language list: single words of
 * letters, separated by commas ("numpty, plonker"), so the policy editor can show them as text.
 */
export const WordList = z
  .string()
  .max(2000)
  .refine((text) => wordsOf(text).every((w) => /^[a-z]{2,40}$/u.test(w)), { message: 'Give single words of the letters a to z, separated by commas.' });

/** The words of a word list, lower case, without repeats. */
export function wordsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/u)
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/**
 * R-LIVE-6: what a notice may fill in, from the session (live/rules.ts noticeText):
 * {retentionDays} and {keptUntil} (the last day a recording is kept) in the notice for a recorded
 * session; {complaintDays} and {complainBy} (the last day to complain) wherever a complaint window is set.
 */
export const RECORDING_PLACEHOLDERS = ['retentionDays', 'keptUntil'] as const;
export const COMPLAINT_PLACEHOLDERS = ['complaintDays', 'complainBy'] as const;
/** What each placeholder stands for, where a notice is shown without a session (the policy's prose). */
export const PLACEHOLDER_WORDS: Readonly<Record<string, string>> = {
  retentionDays: '[days it is kept]',
  keptUntil: '[the last day it is kept]',
  complaintDays: '[days to complain]',
  complainBy: '[the last day to complain]',
};
const PLACEHOLDER = /\{([^{}]*)\}/gu;

/** The placeholders a text uses, in order. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

const NoticeText = z.string().trim().min(20, 'Write the notice in full: learners read it as it stands.').max(1500);

export const LivePolicyShape = {
  /** R-LIVE-1: staff in these roles may open the sessions they host. */
  openedBy: z.array(cited(LiveStaffRole)).min(1, 'Say who may open live sessions.'),
  /** R-LIVE-4: learners wait in a lobby until the host admits them. */
  lobby: cited(z.boolean()),
  /** R-LIVE-5: learners' cameras are on as they are admitted (the host may turn them off), or off until the host allows them. */
  cameraOnEntry: cited(z.boolean()),
  microphoneOnEntry: cited(z.boolean()),
  learnerScreenShare: cited(ScreenShare),
  /** R-LIVE-7: lessons and other group sessions. */
  recording: cited(RecordingRule),
  /** R-LIVE-10: 1-1 sessions and meetings with one learner's family. */
  oneToOneRecording: cited(RecordingRule),
  recordingViewers: z.array(cited(RecordingViewer)),
  /** R-LIVE-7: learners may complain within this many days of a session; null: no time limit is set. */
  complaintWindowDays: cited(z.number().int().min(1).max(365).nullable()),
  /** R-LIVE-6: the notices given at the start, by the host and to each learner on entry. */
  recordedNotice: cited(NoticeText),
  notRecordedNotice: cited(NoticeText),
  complaintNotice: cited(NoticeText),
  behaviourNotice: cited(NoticeText),
  /** R-LIVE-9: the longest session for each age group; null: no limit. */
  maxMinutes: cited(MinutesByAge.nullable()),
  /** The host is warned this many minutes before the longest length. */
  warnBeforeMinutes: cited(z.number().int().min(1).max(30)),
  /** R-LIVE-10 */
  oneToOneAwayFromBase: cited(AwayFromBase),
  oneToOneSecondStaffForLoneWorking: cited(z.boolean()),
  /** The host confirms an adult is with the pupil before a 1-1 starts (seed 002). */
  oneToOneAdultWithLearner: cited(z.boolean()),
  /** Recordings of apprentices' 1-1s are also kept in the apprentice's record (seed 000). */
  apprenticeRecordingsToRecord: cited(z.boolean()),
  /** R-LIVE-11 */
  chat: cited(ChatMode),
  chatLanguageFilter: cited(z.boolean()),
  chatBlockedWords: cited(WordList),
  chatAllowedWords: cited(WordList),
  chatThrottle: cited(ChatThrottle),
  /** R-LIVE-11: the chat log is kept this many days after a session ends, then deleted. */
  chatRetentionDays: cited(z.number().int().min(1).max(3650)),
  /** R-LIVE-2: parents and carers get each invitation too. */
  parentsInvited: cited(z.boolean()),
};

const dayCount = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

export const LivePolicy = z.strictObject(LivePolicyShape).superRefine((s, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  for (const key of ['openedBy', 'recordingViewers'] as const) {
    s[key].forEach((c, i) => {
      if (s[key].findIndex((other) => other.value === c.value) !== i) issue([key, i], 'This is listed twice.');
    });
  }

  // R-LIVE-7: the complaint window ends before any recording is deleted, so a complaint can still be checked against it.
  const recorded = (['recording', 'oneToOneRecording'] as const).flatMap((key) => {
    const rule = s[key].value;
    return rule.kind === 'always' ? [{ key, days: rule.retentionDays }] : [];
  });
  const window = s.complaintWindowDays.value;
  if (recorded.length > 0 && window === null) {
    issue(['complaintWindowDays', 'value'], 'Sessions are recorded, so set how many days learners have to complain; it must end before recordings are deleted.');
  }
  for (const { key, days } of recorded) {
    if (window !== null && window >= days) {
      issue(
        ['complaintWindowDays', 'value'],
        `Learners may complain for ${dayCount(window)}, but ${key === 'recording' ? 'lesson' : '1-1'} recordings are deleted after ${dayCount(days)}: ` +
          'the complaint window must end before recordings are deleted, so every complaint can be checked against the recording.',
      );
    }
  }
  // R-LIVE-11: a complaint made in time can be checked against what was said in the chat.
  if (window !== null && s.chatRetentionDays.value < window) {
    issue(['chatRetentionDays', 'value'], `Learners may complain for ${dayCount(window)}, so keep the chat at least that long, so every complaint can be checked against it.`);
  }
  if (recorded.length > 0 && s.recordingViewers.length === 0) issue(['recordingViewers'], 'Sessions are recorded, so say who may watch the recordings.');

  // R-LIVE-6: notices fill in only what a session can supply.
  const notices = { recordedNotice: s.recordedNotice, notRecordedNotice: s.notRecordedNotice, complaintNotice: s.complaintNotice, behaviourNotice: s.behaviourNotice };
  for (const [key, notice] of Object.entries(notices)) {
    for (const name of placeholdersIn(notice.value)) {
      const isRecording = (RECORDING_PLACEHOLDERS as readonly string[]).includes(name);
      const isComplaint = (COMPLAINT_PLACEHOLDERS as readonly string[]).includes(name);
      if (!isRecording && !isComplaint) {
        const known = [...RECORDING_PLACEHOLDERS, ...COMPLAINT_PLACEHOLDERS].map((p) => `{${p}}`).join(', ');
        issue([key, 'value'], `“{${name}}” is not something a notice can fill in. Use ${known}.`);
      } else if (isRecording && key !== 'recordedNotice') {
        issue([key, 'value'], `“{${name}}” can only be used in the notice for a recorded session.`);
      } else if (isComplaint && window === null) {
        issue([key, 'value'], `“{${name}}” needs a time limit for complaints, and this policy sets none.`);
      }
    }
  }
});
export type LivePolicy = z.infer<typeof LivePolicy>;

export const LIVE_LABELS: Record<keyof LivePolicy, string> = {
  openedBy: 'Who opens live sessions',
  lobby: 'Lobby before admission',
  cameraOnEntry: 'Learners’ cameras on entry',
  microphoneOnEntry: 'Learners’ microphones on entry',
  learnerScreenShare: 'Learners sharing their screen',
  recording: 'Recording of lessons',
  oneToOneRecording: 'Recording of 1-1 sessions',
  recordingViewers: 'Who may watch recordings',
  complaintWindowDays: 'Time to complain',
  recordedNotice: 'Notice for a recorded session',
  notRecordedNotice: 'Notice for a session not recorded',
  complaintNotice: 'Notice about complaints and concerns',
  behaviourNotice: 'Notice about behaviour and reporting',
  maxMinutes: 'Longest session by age',
  warnBeforeMinutes: 'Host warned before the longest length (minutes)',
  oneToOneAwayFromBase: '1-1s from home or another centre',
  oneToOneSecondStaffForLoneWorking: 'Second staff member where lone working is a concern',
  oneToOneAdultWithLearner: 'An adult with the pupil in a 1-1',
  apprenticeRecordingsToRecord: 'Apprentices’ 1-1 recordings kept in their record',
  chat: 'Chat as a session starts',
  chatLanguageFilter: 'Classroom-language filter in chat',
  chatBlockedWords: 'Words also blocked in chat',
  chatAllowedWords: 'Words allowed in chat',
  chatThrottle: 'Chat messages from one person, at most',
  chatRetentionDays: 'Days the chat log is kept after a session',
  parentsInvited: 'Parents and carers invited',
};

const SILENT = 'the seed is silent;';

/** Platform minutes for each age: short for the youngest, whose concentration on a screen is shortest. */
export const DEFAULT_MAX_MINUTES: MinutesByAge = {
  earlyYears: 20,
  keyStage1: 30,
  keyStage2: 45,
  keyStage3: 60,
  keyStage4: 60,
  sixteenToEighteen: 90,
  adults: 120,
};

const RECORDED_NOTICE =
  'This session is recorded. The recording is kept securely for {retentionDays} days, until the end of {keptUntil}, and then deleted. ' +
  'Only staff the policy names can watch it.';

export const LIVE_DEFAULTS: {
  lobby: Cited<boolean>;
  mediaOff: Cited<boolean>;
  screenShareNever: Cited<ScreenShare>;
  screenShareWithHost: Cited<ScreenShare>;
  neverRecorded: Cited<RecordingRule>;
  viewers: Cited<RecordingViewer>[];
  noComplaintWindow: Cited<number | null>;
  recordedNotice: Cited<string>;
  notRecordedNotice: Cited<string>;
  complaintNotice: Cited<string>;
  maxMinutes: Cited<MinutesByAge | null>;
  warnFiveMinutesBefore: Cited<number>;
  awayAllowed: Cited<AwayFromBase>;
  secondStaff: Cited<boolean>;
  noAdultCheck: Cited<boolean>;
  noApprenticeRecord: Cited<boolean>;
  chatEveryone: Cited<ChatMode>;
  noExtraWords: Cited<string>;
  noAllowedWords: Cited<string>;
  throttle: Cited<ChatThrottle>;
  chatKept: Cited<number>;
  parentsInvited: Cited<boolean>;
  parentsNotInvited: Cited<boolean>;
} = {
  lobby: { value: true, source: byDefault(`${SILENT} learners wait in a lobby, so only invited learners, signed in as themselves, reach the session`) },
  mediaOff: { value: false, source: byDefault(`${SILENT} learners join with this off and the host turns it on, so nobody is seen or heard by surprise at home`) },
  screenShareNever: { value: 'never', source: byDefault(`${SILENT} pupils' screens can show personal things, so only staff share theirs`) },
  screenShareWithHost: { value: 'when_host_allows', source: byDefault(`${SILENT} the host may let one learner at a time show their work, and nobody else can`) },
  neverRecorded: { value: { kind: 'never' }, source: byDefault(`${SILENT} a recording of learners at home is personal data, so sessions are not recorded unless the policy says so`) },
  viewers: [
    { value: 'senior_leader', source: byDefault(`${SILENT} if sessions are recorded, senior leaders, who deal with complaints, may watch them`) },
    { value: 'dsl', source: byDefault(`${SILENT} if sessions are recorded, the designated safeguarding lead may watch them to act on a concern`) },
  ],
  noComplaintWindow: { value: null, source: byDefault(`${SILENT} it sets no time limit for complaints, and nothing is recorded that would be deleted`) },
  recordedNotice: { value: RECORDED_NOTICE, source: byDefault(`${SILENT} this is what learners are told if recording is turned on`) },
  notRecordedNotice: {
    value: 'This session is not recorded. Please do not record it or take pictures of anyone in it.',
    source: byDefault(`${SILENT} learners are told that the session is not recorded, and that they must not record it either`),
  },
  complaintNotice: {
    value:
      'If you have a complaint or a concern about this session, speak to the member of staff who led it or contact the office. ' +
      'A worry about anyone’s safety goes to the designated safeguarding lead.',
    source: byDefault(`${SILENT} learners are told whom to speak to about a complaint or a concern`),
  },
  maxMinutes: { value: DEFAULT_MAX_MINUTES, source: byDefault(`${SILENT} the platform's lengths for each age, short for the youngest, so no household's device is tied up for long`) },
  warnFiveMinutesBefore: { value: 5, source: byDefault(`${SILENT} the host is warned five minutes before, in time to finish calmly`) },
  awayAllowed: { value: 'allowed', source: byDefault(`${SILENT} staff may hold 1-1s wherever they work, under the same recording and lone-working rules`) },
  secondStaff: {
    value: true,
    source: byDefault(`${SILENT} a learner flagged as a lone-working concern is never alone online with one member of staff`),
  },
  noAdultCheck: { value: false, source: byDefault(`${SILENT} the host is not asked to confirm that an adult is with the learner`) },
  noApprenticeRecord: { value: false, source: byDefault(`${SILENT} recordings stay with the session and are not copied into a learner's record`) },
  chatEveryone: { value: 'everyone', source: byDefault(`${SILENT} everyone in the session may chat, and the host can limit it or turn it off`) },
  noExtraWords: { value: '', source: byDefault(`${SILENT} the maintained word list is used as it stands, with no words of its own added`) },
  noAllowedWords: { value: '', source: byDefault(`${SILENT} no word on the maintained list is allowed; add words lessons need, such as in science`) },
  throttle: { value: { messages: 5, perSeconds: 10 }, source: byDefault(`${SILENT} five messages in ten seconds is faster than anyone types, so only spam is held back`) },
  chatKept: {
    value: 30,
    source: byDefault(`${SILENT} the chat log is kept 30 days after a session, long enough to look into a concern raised afterwards, then deleted; a worry about safety is reported to the DSL, whose record keeps it`),
  },
  parentsInvited: { value: true, source: byDefault(`${SILENT} parents and carers of pupils get each invitation too, so they know when their child is expected online`) },
  parentsNotInvited: { value: false, source: byDefault(`${SILENT} its learners are young people and adults who get their own invitations`) },
};

const D = LIVE_DEFAULTS;

/** Groups of values that a preset takes whole where its seed is silent on all of them. */
export const LIVE_SILENT = {
  /** A lobby, and learners' cameras and microphones off until the host allows them. */
  entry: { lobby: D.lobby, cameraOnEntry: D.mediaOff, microphoneOnEntry: D.mediaOff },
  /** Nothing recorded, with what applies if recording is turned on. */
  recording: {
    recording: D.neverRecorded,
    oneToOneRecording: D.neverRecorded,
    recordingViewers: D.viewers,
    complaintWindowDays: D.noComplaintWindow,
    recordedNotice: D.recordedNotice,
  },
  /** 1-1s wherever staff work, a second member of staff for lone-working concerns, no adult check, nothing copied to a record. */
  oneToOne: {
    oneToOneAwayFromBase: D.awayAllowed,
    oneToOneSecondStaffForLoneWorking: D.secondStaff,
    oneToOneAdultWithLearner: D.noAdultCheck,
    apprenticeRecordingsToRecord: D.noApprenticeRecord,
  },
  /** The maintained word list as it stands. */
  words: { chatBlockedWords: D.noExtraWords, chatAllowedWords: D.noAllowedWords },
} satisfies Record<string, Partial<LivePolicy>>;
