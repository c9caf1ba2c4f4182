import { z } from 'zod';
import { IsoDate } from './organisation.js';

/**
 * The API contract of live sessions (R-LIVE-1..14): opening a timetabled lesson, invitations
 * with personal links, the session's page, the WebSocket messages of the lobby and host
 * control, and the register. Times are ISO instants.
 */

const Id = z.string().uuid();
const Instant = z.string().datetime();

export const LiveKind = z.enum(['lesson', 'one_to_one', 'family_meeting']);
/** Booked (a 1-1 or a meeting not yet opened), open, or ended. */
export const SessionStatus = z.enum(['booked', 'open', 'ended']);
export type SessionStatus = z.infer<typeof SessionStatus>;
/** A person as a page names them. */
const PersonRef = z.object({ id: Id, displayName: z.string() });
/** What every view of a session starts with: its title, kind, times, status and host. */
const sessionHead = { title: z.string(), kind: LiveKind, startsAt: Instant, endsAt: Instant, status: SessionStatus, host: PersonRef };
export const SeatRole = z.enum(['host', 'staff', 'learner', 'guardian']);
export type SeatRole = z.infer<typeof SeatRole>;
export const Standing = z.enum(['invited', 'waiting', 'admitted', 'declined', 'removed']);
export type Standing = z.infer<typeof Standing>;

/** R-LIVE-1: open one of the class's lessons today as a live session. */
export const OpenLessonBody = z.object({ classId: Id, date: IsoDate, periodId: Id });
export type OpenLessonBody = z.infer<typeof OpenLessonBody>;

/** R-LIVE-10: book a 1-1 with one learner. Times are the site's local date and clock times. */
export const BookOneToOneBody = z.object({
  learnerId: Id,
  purpose: z.enum(['teaching', 'review', 'interview', 'counselling', 'catch_up']),
  date: IsoDate,
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
  /** Where the member of staff holds it from: their own centre, another centre, or home. */
  hostLocation: z.enum(['home_centre', 'other_centre', 'home']),
  /** The learner is flagged as a lone-working concern: a second member of staff must join first. */
  loneWorkingConcern: z.boolean().default(false),
  secondStaffId: Id.optional(),
});
export type BookOneToOneBody = z.input<typeof BookOneToOneBody>;

/** R-LIVE-13: a meeting with a learner's family (an EHCP review, a reintegration meeting). */
export const BookFamilyMeetingBody = z.object({
  learnerId: Id,
  title: z.string().trim().min(3).max(120),
  date: IsoDate,
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
  /** The child joins too (their views are heard in their own words). */
  withLearner: z.boolean().default(true),
  otherStaffIds: z.array(Id).max(10).default([]),
});
export type BookFamilyMeetingBody = z.input<typeof BookFamilyMeetingBody>;

export const MeetingViewsBody = z.object({
  childViews: z.string().trim().min(1, 'Write what the child said, in their words.').max(20_000),
  familyViews: z.string().trim().min(1, 'Write what the family said.').max(20_000),
});
export type MeetingViewsBody = z.infer<typeof MeetingViewsBody>;

/** R-LIVE-13: the views kept from a meeting, for the staff who were in it (null until written). */
export const MeetingViews = z.object({ childViews: z.string(), familyViews: z.string(), recordedBy: z.string(), recordedAt: Instant }).nullable();
export type MeetingViews = z.infer<typeof MeetingViews>;

/**
 * What the live module keeps in a learner's record: their 1-1s, recordings of them copied into the
 * record (an apprentice's, seed 000), and meetings with their family with the views heard
 * (R-LIVE-10, -13). `meetings` is for staff only: null when the learner reads their own record.
 */
export const LearnerLiveRecord = z.object({
  learner: PersonRef,
  oneToOnes: z.array(
    z.object({
      sessionId: Id,
      title: z.string(),
      purpose: z.string().nullable(),
      startsAt: Instant,
      status: SessionStatus,
      host: z.string(),
    }),
  ),
  recordings: z.array(z.object({ id: Id, sessionId: Id, title: z.string(), startedAt: Instant, endedAt: Instant, keptAt: Instant })),
  meetings: z
    .array(
      z.object({
        sessionId: Id,
        title: z.string(),
        startsAt: Instant,
        views: z.object({ childViews: z.string(), familyViews: z.string(), recordedBy: z.string(), recordedAt: Instant }).nullable(),
      }),
    )
    .nullable(),
});
export type LearnerLiveRecord = z.infer<typeof LearnerLiveRecord>;

/** A timetabled lesson today that its teacher could open, or that is open already. */
export const OpenableLesson = z.object({
  classId: Id,
  className: z.string(),
  periodId: Id,
  date: IsoDate,
  start: Instant,
  end: Instant,
  /** Open now, if it can be opened (otherwise why not: too early, over, a closure). */
  canOpen: z.boolean(),
  why: z.string().nullable(),
  sessionId: Id.nullable(),
});

/** R-LIVE-2, -3: a session one is invited to, with one's own personal link. */
export const Invitation = z.object({
  sessionId: Id,
  ...sessionHead,
  role: SeatRole,
  /** The personal link: it works only for this person, signed in (R-LIVE-3). */
  link: z.string(),
  /** For a parent: the child the invitation is about. */
  forLearner: PersonRef.nullable(),
  /** R-LIVE-10, seed 000: a 1-1 away from the home centre waits for a senior manager's authorisation before it can open. */
  authorisation: z.enum(['not_needed', 'waiting', 'given']),
});
export type Invitation = z.infer<typeof Invitation>;

/** R-LIVE-10, seed 000: a 1-1 booked away from the home centre, waiting for a senior manager to authorise it. */
export const PendingAuthorisations = z.object({
  oneToOnes: z.array(
    z.object({
      sessionId: Id,
      title: z.string(),
      startsAt: Instant,
      endsAt: Instant,
      host: PersonRef,
      hostLocation: z.enum(['home', 'other_centre']),
      loneWorkingConcern: z.boolean(),
    }),
  ),
});
export type PendingAuthorisations = z.infer<typeof PendingAuthorisations>;

export const LiveToday = z.object({ lessons: z.array(OpenableLesson), invitations: z.array(Invitation) });
export type LiveToday = z.infer<typeof LiveToday>;

/** What the session says before anyone is in it: the expectations, notices and recording (R-LIVE-2, -6, -7). */
export const SessionView = z.object({
  id: Id,
  ...sessionHead,
  you: z.object({ role: SeatRole, standing: Standing }),
  /** The notices the policy requires, in the words shown (R-LIVE-6). */
  notices: z.array(z.string()),
  recording: z.object({ recorded: z.boolean(), retentionDays: z.number().int().nullable(), complaintDays: z.number().int().nullable() }),
  /** Warn the host at this time and flag the session if it runs past the limit (R-LIVE-9). */
  length: z.object({ warnAt: Instant.nullable(), limitAt: Instant.nullable() }),
});
export type SessionView = z.infer<typeof SessionView>;

export const SocketQuery = z.object({ link: z.string().min(16).max(200) });

// ——— WebSocket messages (R-LIVE-4, -5, -6) ———

export const ChatMode = z.enum(['off', 'host_only', 'everyone']);
export type ChatMode = z.infer<typeof ChatMode>;

const Targets = z.union([z.literal('all'), z.array(Id).min(1).max(500)]);

export const ClientMessage = z.discriminatedUnion('type', [
  /** The host confirms the notices were shown, before admitting anyone (R-LIVE-6). */
  z.object({ type: z.literal('notices-shown') }),
  z.object({ type: z.literal('admit'), userIds: Targets }),
  z.object({ type: z.literal('decline'), userIds: z.array(Id).min(1).max(500) }),
  z.object({ type: z.literal('remove'), userId: Id }),
  z.object({ type: z.literal('permit'), userIds: Targets, audio: z.boolean().optional(), video: z.boolean().optional() }),
  z.object({ type: z.literal('lock'), locked: z.boolean() }),
  z.object({ type: z.literal('end') }),
  /** Seed 002: the host confirms an adult is with the pupil before a 1-1 starts. */
  z.object({ type: z.literal('adult-confirmed') }),
  /** R-LIVE-11: a chat message to everyone, or to the host only. */
  z.object({ type: z.literal('chat'), text: z.string().max(2000), to: z.enum(['everyone', 'host']) }),
  /** R-LIVE-11: the host turns chat off, limits it to "to host only", or opens it to everyone. */
  z.object({ type: z.literal('chat-mode'), mode: ChatMode }),
  /** R-LIVE-14: the host puts a quick question or a poll to the room. */
  z.object({ type: z.literal('check-open'), kind: z.enum(['poll', 'question']), prompt: z.string().trim().min(1).max(300), options: z.array(z.string().trim().min(1).max(100)).max(6).default([]) }),
  z.object({ type: z.literal('check-answer'), checkId: Id, answer: z.string().trim().min(1).max(300) }),
  z.object({ type: z.literal('check-close'), checkId: Id }),
  /** Media signalling, passed to the media provider (validated there). */
  z.object({ type: z.literal('signal'), signal: z.unknown() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const SeatView = z.object({
  userId: Id,
  displayName: z.string(),
  role: SeatRole,
  standing: Standing,
  audio: z.boolean(),
  video: z.boolean(),
  connected: z.boolean(),
});
export type SeatView = z.infer<typeof SeatView>;

export const ChatMessageView = z.object({
  id: Id,
  from: z.object({ userId: Id, displayName: z.string(), role: SeatRole }),
  toHost: z.boolean(),
  text: z.string(),
  sentAt: Instant,
});
export type ChatMessageView = z.infer<typeof ChatMessageView>;

export const RoomState = z.object({
  type: z.literal('state'),
  status: SessionStatus,
  locked: z.boolean(),
  you: SeatView,
  /** The host has confirmed the notices (until then nobody can be admitted). */
  noticesShown: z.boolean(),
  /** Staff see everyone, waiting or in; learners and families see who is in. */
  seats: z.array(SeatView),
  chatMode: ChatMode,
  /** R-LIVE-9: when the session ran past its longest length (flagged at that moment), or null. */
  overranAt: Instant.nullable(),
  /** Seed 002: in a 1-1 whose policy asks for it, the host confirms an adult is with the pupil before letting them in. */
  adultCheck: z.enum(['not_needed', 'needed', 'confirmed']),
  /** R-LIVE-14: the question or poll open now: learners see theirs; staff see the spread of answers at once. */
  check: z
    .object({
      id: Id,
      kind: z.enum(['poll', 'question']),
      prompt: z.string(),
      options: z.array(z.string()),
      yourAnswer: z.string().nullable(),
      /** Staff only: how many of those in the session have answered, and the answers. */
      results: z.object({ answered: z.number().int(), of: z.number().int(), counts: z.record(z.string(), z.number().int()) }).nullable(),
    })
    .nullable(),
});
export type RoomState = z.infer<typeof RoomState>;

export const ServerMessage = z.discriminatedUnion('type', [
  RoomState,
  z.object({ type: z.literal('refused'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('signal'), signal: z.unknown() }),
  z.object({ type: z.literal('chat'), message: ChatMessageView }),
  z.object({ type: z.literal('ended') }),
  z.object({ type: z.literal('removed') }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** R-LIVE-11: a session's chat, kept until the policy's retention ends (the dates say when) and then deleted. */
export const ChatLog = z.object({ messages: z.array(ChatMessageView), deleteAfter: Instant.nullable(), deletedAt: Instant.nullable() });
export type ChatLog = z.infer<typeof ChatLog>;

// ——— recordings (R-LIVE-7) ———

export const RecordingList = z.object({
  session: z.object({ id: Id, title: z.string(), startsAt: Instant, endsAt: Instant }),
  /** The session's rules record it: an empty list means its files are still being saved (or nothing was sent). */
  recorded: z.boolean(),
  recordings: z.array(
    z.object({
      id: Id,
      /** Whose camera, microphone or screen: each person's media is a recording of its own. */
      publisher: PersonRef.nullable(),
      startedAt: Instant,
      endedAt: Instant.nullable(),
      /** Learners may complain until then; the recording is kept at least that long. */
      complaintWindowEndsAt: Instant.nullable(),
      deleteAfter: Instant.nullable(),
      deleted: z.boolean(),
    }),
  ),
});
export type RecordingList = z.infer<typeof RecordingList>;

/** R-LIVE-7, -8: the sessions of the last weeks a member of staff may look back on, and what they may open. */
export const SessionOverview = z.object({
  sessions: z.array(
    z.object({
      id: Id,
      ...sessionHead,
      overran: z.boolean(),
      canReadRegister: z.boolean(),
      /** Recordings not yet deleted that the policy lets this person watch. */
      recordingsToWatch: z.number().int(),
    }),
  ),
});
export type SessionOverview = z.infer<typeof SessionOverview>;

// ——— the register (R-LIVE-8) ———

export const RegisterView = z.object({
  session: z.object({ id: Id, title: z.string(), startsAt: Instant, endsAt: Instant, openedAt: Instant.nullable(), endedAt: Instant.nullable(), overran: z.boolean(), overranAt: Instant.nullable() }),
  lines: z.array(
    z.object({
      person: PersonRef,
      role: SeatRole,
      outcome: z.enum(['attended', 'waited_never_admitted', 'never_came']),
      from: Instant.nullable(),
      to: Instant.nullable(),
      minutes: z.number().int(),
      stretches: z.number().int(),
    }),
  ),
});
export type RegisterView = z.infer<typeof RegisterView>;
