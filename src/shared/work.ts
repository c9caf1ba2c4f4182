import { z } from 'zod';
import { ClockTime, IsoDate } from './organisation.js';

/**
 * The API contract of the work module (R-WORK-1..8): setting work, resources, handing in,
 * feedback and replies, the marking queue, the week's balance, missed work, paper packs.
 * Times are ISO instants; a due date and time are entered as the site's local date and clock time.
 */

const Id = z.string().uuid();
const Text = (max: number, what: string) => z.string().trim().min(1, `Enter the ${what}.`).max(max, `The ${what} is too long (${max} characters at most).`);

// ——— setting work (R-WORK-1, -2, -3) ———

export const LinkResource = z.object({ kind: z.literal('link'), title: Text(200, 'link’s title'), url: z.string().trim().url('Enter a web address starting https://').max(2000) });
export const TextResource = z.object({ kind: z.literal('text'), title: Text(200, 'title'), body: Text(20_000, 'text') });
/** Links and text come with the work; files, videos and audio are uploaded to it afterwards (multipart). */
export const InlineResource = z.discriminatedUnion('kind', [LinkResource, TextResource]);
export type InlineResource = z.infer<typeof InlineResource>;

export const NewAssignment = z.object({
  classId: Id,
  title: Text(200, 'title'),
  instructions: Text(20_000, 'instructions'),
  /** Curriculum area; the class's subject when omitted. */
  subject: z.string().trim().min(1).max(80).optional(),
  /** The school day the work is for (site's local date). */
  forDate: IsoDate,
  dueDate: IsoDate,
  dueTime: ClockTime,
  estimatedMinutes: z.number().int().min(5, 'Give at least 5 minutes.').max(600, 'At most 10 hours.'),
  screenFree: z.boolean(),
  /** Only these learners of the class; the whole class when omitted or empty. */
  learnerIds: z.array(Id).max(200).optional(),
  resources: z.array(InlineResource).max(20).default([]),
});
export type NewAssignment = z.input<typeof NewAssignment>;

/** What setting this work would break, before it is set: shown beside the form. */
export const AssignmentCheck = z.object({
  setBy: z.object({ applies: z.boolean(), late: z.boolean(), deadline: z.string().datetime().nullable(), minutesLate: z.number().int() }),
  /** R-WORK-2: the day the deadline would bunch with other subjects' deadlines, beyond the policy's spacing rule. */
  spacing: z.object({ date: IsoDate, subjects: z.array(z.string()), maxSubjectsPerDay: z.number().int() }).nullable(),
  /** Whether the teacher may set it: they teach the class, or cover it in their bubble. */
  cover: z.boolean(),
});
export type AssignmentCheck = z.infer<typeof AssignmentCheck>;

export const ResourceView = z.object({
  id: Id,
  kind: z.enum(['file', 'link', 'video', 'audio', 'text']),
  title: z.string(),
  url: z.string().nullable(),
  body: z.string().nullable(),
  /** For file, video and audio: GET /api/work/files/:id. */
  file: z.object({ id: Id, contentType: z.string(), byteSize: z.number().int(), fileName: z.string() }).nullable(),
  posterId: Id.nullable(),
  captionsId: Id.nullable(),
});
export type ResourceView = z.infer<typeof ResourceView>;

export const SubmissionState = z.enum(['not_handed_in', 'handed_in', 'handed_in_late', 'feedback_given', 'missed']);
export type SubmissionState = z.infer<typeof SubmissionState>;

export const AssignmentSummary = z.object({
  id: Id,
  classId: Id,
  className: z.string(),
  subject: z.string(),
  title: z.string(),
  forDate: IsoDate,
  dueAt: z.string().datetime(),
  estimatedMinutes: z.number().int(),
  screenFree: z.boolean(),
  setBy: z.object({ id: Id, displayName: z.string() }),
  publishedAt: z.string().datetime(),
  setLate: z.boolean(),
  minutesLate: z.number().int(),
  cover: z.boolean(),
  /** For named learners only; null for the whole class. */
  learnerCount: z.number().int().nullable(),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummary>;

/** One learner's place in a piece of work, for staff. */
export const LearnerProgress = z.object({
  learner: z.object({ id: Id, displayName: z.string() }),
  state: SubmissionState,
  submissionId: Id.nullable(),
  submittedAt: z.string().datetime().nullable(),
  channel: z.enum(['online', 'paper']).nullable(),
  /** This learner's deadline when extended. */
  extendedTo: z.string().datetime().nullable(),
  paper: z.boolean(),
});
export type LearnerProgress = z.infer<typeof LearnerProgress>;


// ——— handing in (R-WORK-5, -7) ———

export const FileView = z.object({ id: Id, contentType: z.string(), byteSize: z.number().int(), fileName: z.string() });
export type FileView = z.infer<typeof FileView>;

export const CommentView = z.object({
  id: Id,
  kind: z.enum(['feedback', 'reply']),
  author: z.object({ id: Id, displayName: z.string() }),
  body: z.string(),
  file: FileView.nullable(),
  annotated: z.boolean(),
  at: z.string().datetime(),
});
export type CommentView = z.infer<typeof CommentView>;

export const SubmissionDetail = z.object({
  id: Id,
  assignmentId: Id,
  learner: z.object({ id: Id, displayName: z.string() }),
  channel: z.enum(['online', 'paper']),
  body: z.string().nullable(),
  files: z.array(FileView),
  submittedBy: z.object({ id: Id, displayName: z.string() }),
  submittedAt: z.string().datetime(),
  late: z.boolean(),
  ownWorkDeclaredAt: z.string().datetime().nullable(),
  feedbackDueAt: z.string().datetime().nullable(),
  feedbackAt: z.string().datetime().nullable(),
  comments: z.array(CommentView),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetail>;

export const AssignmentDetail = z.object({
  assignment: AssignmentSummary,
  instructions: z.string(),
  resources: z.array(ResourceView),
  /** Staff: every learner the work is for. */
  learners: z.array(LearnerProgress).nullable(),
  /** A learner or parent: their own hand-in, feedback and replies. */
  mine: SubmissionDetail.nullable(),
  /** The learner's own deadline (an extension moves it). */
  dueAt: z.string().datetime(),
  /** What the asker may do here. */
  can: z.object({ submit: z.boolean(), mark: z.boolean(), manage: z.boolean() }),
  /** Policy: whether handing in asks the learner to confirm the work is their own. */
  ownWorkDeclaration: z.boolean(),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetail>;

export const ExtensionBody = z.object({ learnerId: Id, dueDate: IsoDate, dueTime: ClockTime, reason: Text(500, 'reason') });
export type ExtensionBody = z.infer<typeof ExtensionBody>;
export const PaperReturnBody = z.object({ learnerId: Id, note: z.string().trim().max(2000).optional() });
export type PaperReturnBody = z.infer<typeof PaperReturnBody>;
export const ReplyBody = z.object({ body: Text(5000, 'reply') });
export type ReplyBody = z.infer<typeof ReplyBody>;

// ——— feedback (R-WORK-6) ———

export const MarkingItem = z.object({
  submissionId: Id,
  assignmentId: Id,
  title: z.string(),
  className: z.string(),
  learner: z.object({ id: Id, displayName: z.string() }),
  submittedAt: z.string().datetime(),
  late: z.boolean(),
  channel: z.enum(['online', 'paper']),
  /** feedback: waiting for feedback; reply: the learner replied to feedback. */
  reason: z.enum(['feedback', 'reply']),
  /** When feedback is due by the policy (null for replies, or no working day ahead). */
  dueAt: z.string().datetime().nullable(),
  overdue: z.boolean(),
});
export type MarkingItem = z.infer<typeof MarkingItem>;
export const MarkingQueue = z.object({ items: z.array(MarkingItem), overdue: z.number().int() });
export type MarkingQueue = z.infer<typeof MarkingQueue>;

// ——— a learner's work, for learners and parents (R-WORK-1, -6) ———

export const LearnerWorkItem = z.object({
  assignment: AssignmentSummary,
  dueAt: z.string().datetime(),
  state: SubmissionState,
  submissionId: Id.nullable(),
  /** Feedback the learner has not replied to since it came. */
  newFeedback: z.boolean(),
});
export type LearnerWorkItem = z.infer<typeof LearnerWorkItem>;

export const LearnerWork = z.object({
  learner: z.object({ id: Id, displayName: z.string() }),
  /** Today in the learner's site. */
  today: IsoDate,
  /** Work for today (forDate = today). */
  todays: z.array(LearnerWorkItem),
  /** Not handed in yet and not past its deadline, soonest first. */
  due: z.array(LearnerWorkItem),
  /** Past its deadline and not handed in. */
  overdue: z.array(LearnerWorkItem),
  /** Handed in, newest first, with whether feedback came. */
  handedIn: z.array(LearnerWorkItem),
  /** Whether the asker may hand work in for this learner. */
  canSubmit: z.boolean(),
});
export type LearnerWork = z.infer<typeof LearnerWork>;

export const LearnerWorkQuery = z.object({ learnerId: Id.optional() });

// ——— class work board, week views (R-WORK-2, -3), missed work (R-WORK-8) ———

/** The classes whose work the asker may look at: those they teach, and every class they oversee. */
export const WorkClasses = z.object({
  classes: z.array(z.object({ id: Id, name: z.string(), subject: z.string(), siteName: z.string(), learners: z.number().int(), teaches: z.boolean() })),
});
export type WorkClasses = z.infer<typeof WorkClasses>;

export const ClassWork = z.object({
  class: z.object({ id: Id, name: z.string(), subject: z.string(), siteId: Id, siteName: z.string() }),
  assignments: z.array(AssignmentSummary.extend({ handedIn: z.number().int(), learners: z.number().int(), awaitingFeedback: z.number().int() })),
  /** Whether the asker may set work here, and whether it would be cover. */
  canSet: z.boolean(),
  cover: z.boolean(),
  learners: z.array(z.object({ id: Id, displayName: z.string(), paper: z.boolean() })),
  policy: z.object({ setBy: ClockTime.nullable(), maxSubjectsPerDay: z.number().int().nullable(), screenFreeMinimum: z.number().int().nullable() }),
});
export type ClassWork = z.infer<typeof ClassWork>;

export const WeekQuery = z.object({ classId: Id, week: IsoDate.optional() });
export const WeekView = z.object({
  class: z.object({ id: Id, name: z.string() }),
  weekOf: IsoDate,
  weekEnd: IsoDate,
  balance: z.array(z.object({ subject: z.string(), expectedShare: z.number(), actualShare: z.number(), difference: z.number(), minutes: z.number().int() })),
  bunches: z.array(z.object({ date: IsoDate, subjects: z.array(z.string()), titles: z.array(z.string()) })),
  maxSubjectsPerDay: z.number().int().nullable(),
  screenFree: z.array(z.object({ learner: z.object({ id: Id, displayName: z.string() }), share: z.number().nullable(), belowMinimum: z.boolean() })),
  screenFreeMinimum: z.number().int().nullable(),
  /** R-WORK-2, -6: work set by each teacher (subject leads monitor their subject) and their feedback now overdue on it. */
  byTeacher: z.array(
    z.object({ teacher: z.object({ id: Id, displayName: z.string() }), subject: z.string(), pieces: z.number().int(), minutes: z.number().int(), setLate: z.number().int(), feedbackOverdue: z.number().int() }),
  ),
});
export type WeekView = z.infer<typeof WeekView>;

export const Referral = z.object({
  learner: z.object({ id: Id, displayName: z.string() }),
  missed: z.number().int(),
  since: IsoDate,
  classes: z.array(z.string()),
  /** The learner's record of work in the period, newest first. */
  record: z.array(z.object({ title: z.string(), subject: z.string(), dueAt: z.string().datetime(), state: SubmissionState })),
});
export type Referral = z.infer<typeof Referral>;
export const ReferralList = z.object({
  threshold: z.object({ missed: z.number().int(), withinDays: z.number().int() }).nullable(),
  referTo: z.array(z.string()),
  referrals: z.array(Referral),
});
export type ReferralList = z.infer<typeof ReferralList>;

export const PaperFlagBody = z.object({ paper: z.boolean() });
export const PackQuery = z.object({ week: IsoDate.optional() });

// ——— own work (R-WORK-7) ———

export const SimilarityView = z.object({
  threshold: z.number().int().nullable(),
  pairs: z.array(
    z.object({
      percent: z.number().int(),
      a: z.object({ submissionId: Id, learner: z.object({ id: Id, displayName: z.string() }), text: z.string(), passages: z.array(z.object({ start: z.number().int(), end: z.number().int() })) }),
      b: z.object({ submissionId: Id, learner: z.object({ id: Id, displayName: z.string() }), text: z.string(), passages: z.array(z.object({ start: z.number().int(), end: z.number().int() })) }),
    }),
  ),
});
export type SimilarityView = z.infer<typeof SimilarityView>;
