import type { PolicyPath, PolicyProse, PolicyProseSection, PolicySentence } from '../../../shared/policy.js';
import type { Channel, CommunicationPolicy } from '../messaging/policy.js';
import {
  WEEKDAY_NAMES,
  type Audience,
  type CalendarPolicy,
  type InstitutionKind,
  type LearnerGroup,
  type OrganisationPolicy,
  type RemoteLearningTrigger,
  type StaffAvailability,
  type StaffHoursPolicy,
} from '../organisation/policy.js';
import { AGE_GROUP_LABELS, AGE_GROUPS, OPENS_MINUTES_BEFORE, PLACEHOLDER_WORDS, wordsOf, type LivePolicy, type RecordingRule } from '../live/policy.js';
import type { WorkPolicy } from '../work/policy.js';
import { describeSource, type Cited } from './cited.js';
import { SECTIONS, type PolicyDocument, type SectionName } from './document.js';
import { intervalText, rolesText, type ReviewSection } from './review.js';

/**
 * R-POL-1, R-POL-3: the policy in plain English, as a head teacher would sign it, one sentence per
 * value. Each sentence carries the path of the value it describes and that value's source, so the
 * app can show "where this comes from" beside every sentence.
 */
export function renderPolicy(doc: PolicyDocument): PolicyProse {
  // A version stored before the platform enforced a section has no such section (policy/upgrade.ts).
  const present = (Object.keys(RENDERERS) as SectionName[]).filter((key) => (doc.sections as Partial<PolicyDocument['sections']>)[key] !== undefined);
  const sections: PolicyProseSection[] = present.map((key) => ({
    key,
    title: SECTIONS[key].title,
    sentences: renderSection(key, doc),
  }));
  sections.push({ key: 'review', title: 'Review of this policy', sentences: reviewSentences(doc.review) });
  return { name: doc.name, preset: doc.preset, sections };
}

function renderSection<K extends SectionName>(key: K, doc: PolicyDocument): PolicySentence[] {
  const render = RENDERERS[key] as (s: PolicyDocument['sections'][K], doc: PolicyDocument, at: PolicyPath) => PolicySentence[];
  return render(doc.sections[key], doc, ['sections', key]);
}

function say(path: PolicyPath, c: Cited<unknown>, text: string): PolicySentence {
  return { text, path, source: c.source, sourceLabel: describeSource(c.source) };
}

/** One sentence per item of a list of cited values. */
function each<T>(items: readonly Cited<T>[], at: PolicyPath, text: (value: T) => string): PolicySentence[] {
  return items.map((item, i) => say([...at, i], item, text(item.value)));
}

const RENDERERS: { [K in SectionName]: (s: PolicyDocument['sections'][K], doc: PolicyDocument, at: PolicyPath) => PolicySentence[] } = {
  organisation: organisationSentences,
  calendar: calendarSentences,
  staffHours: staffHoursSentences,
  communication: communicationSentences,
  work: workSentences,
  live: liveSentences,
};

// ——— organisation ———

const KIND: Record<InstitutionKind, string> = {
  school: 'a school',
  special_school: 'a special school',
  further_education_college: 'a further-education college',
  training_provider: 'a training provider',
};
const LEARNERS: Record<LearnerGroup, string> = {
  pupils: 'It covers pupils of the school.',
  fe_learners: 'It covers further-education learners, such as those on study programmes.',
  apprentices: 'It covers apprentices.',
};
const AUDIENCE: Record<Audience, string> = {
  staff: 'It sets out what is expected of staff.',
  learners: 'It sets out what is expected of learners.',
  families: 'It sets out what is expected of parents and carers.',
  employers: 'It sets out what is expected of employers.',
};

function organisationSentences(s: OrganisationPolicy, _doc: PolicyDocument, at: PolicyPath): PolicySentence[] {
  const age = s.ageRange.value;
  return [
    say([...at, 'kind'], s.kind, `This policy is for ${KIND[s.kind.value]}.`),
    ...each(s.learners, [...at, 'learners'], (g) => LEARNERS[g]),
    say(
      [...at, 'subcontractedLearners'],
      s.subcontractedLearners,
      s.subcontractedLearners.value ? 'It also covers learners enrolled through subcontractors.' : 'It covers the institution’s own learners, not learners at subcontractors.',
    ),
    say(
      [...at, 'ageRange'],
      s.ageRange,
      age === null ? 'The policy states no age range; each learner’s age comes from their record.' : age.to === null ? `Learners are aged ${age.from} and over.` : `Learners are aged ${age.from} to ${age.to}.`,
    ),
    ...each(s.appliesTo, [...at, 'appliesTo'], (a) => AUDIENCE[a]),
  ];
}

// ——— calendar ———

const TRIGGER: Record<RemoteLearningTrigger, string> = {
  lockdown: 'Learning moves online during regional or national lockdowns.',
  closure: 'Learning moves online when the school or centre cannot open safely.',
  individual_isolation: 'Learners who must isolate learn at home.',
  bubble_isolation: 'When a bubble isolates, its learners learn at home together.',
  case_by_case: 'Remote education is offered case by case, for a limited time, to a learner who cannot attend in person.',
  blended_by_design: 'Courses may be planned as blended, combining face-to-face and online learning.',
};

export function weekdaysText(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first !== undefined && last !== undefined && sorted.length > 2 && last - first === sorted.length - 1) {
    return `${WEEKDAY_NAMES[first]} to ${WEEKDAY_NAMES[last]}`;
  }
  const names = sorted.map((d) => WEEKDAY_NAMES[d] ?? String(d));
  return listText(names);
}

function isCentre(doc: PolicyDocument): boolean {
  const kind = doc.sections.organisation.kind.value;
  return kind === 'training_provider' || kind === 'further_education_college';
}

function calendarSentences(s: CalendarPolicy, doc: PolicyDocument, at: PolicyPath): PolicySentence[] {
  const day = s.schoolDay.value;
  return [
    say([...at, 'timeZone'], s.timeZone, `Times in this policy are ${s.timeZone.value} time.`),
    say([...at, 'workingDays'], s.workingDays, `The working days are ${weekdaysText(s.workingDays.value)}.`),
    say([...at, 'schoolDay'], s.schoolDay, `The ${isCentre(doc) ? 'centre' : 'school'} day runs from ${day.start} to ${day.end}, unless a site sets its own times.`),
    say([...at, 'bubbles'], s.bubbles, s.bubbles.value ? 'Learners are grouped in bubbles that may isolate together.' : 'Learners are not grouped in bubbles.'),
    ...each(s.remoteLearningWhen, [...at, 'remoteLearningWhen'], (t) => TRIGGER[t]),
  ];
}

// ——— staff hours ———

function availabilityText(who: string, a: StaffAvailability, day: string): string {
  switch (a.kind) {
    case 'fixed':
      return `${who} are available to learners and families between ${a.start} and ${a.end} on working days.`;
    case 'school_day':
      return `${who} are available to learners and families during the ${day} day.`;
    case 'contracted_hours':
      return `${who} are available within their own contracted or directed hours.`;
  }
}

function staffHoursSentences(s: StaffHoursPolicy, doc: PolicyDocument, at: PolicyPath): PolicySentence[] {
  const cutOff = s.notExpectedAfter.value;
  const day = isCentre(doc) ? 'centre' : 'school';
  const teachers = isCentre(doc) ? 'Tutors and assessors' : 'Teachers';
  return [
    say([...at, 'teachers'], s.teachers, availabilityText(teachers, s.teachers.value, day)),
    say([...at, 'teachingAssistants'], s.teachingAssistants, availabilityText('Teaching assistants', s.teachingAssistants.value, day)),
    say(
      [...at, 'notExpectedAfter'],
      s.notExpectedAfter,
      cutOff === null ? 'No one is expected to read or answer messages outside their hours.' : `No one is expected to read or answer messages after ${cutOff}.`,
    ),
    say(
      [...at, 'partTimeOnlyOnWorkingDays'],
      s.partTimeOnlyOnWorkingDays,
      s.partTimeOnlyOnWorkingDays.value ? 'Part-time staff are only expected to communicate on the days they usually work.' : 'Part-time staff may be contacted on any working day.',
    ),
  ];
}

// ——— communication ———

const CHANNEL: Record<Channel, string> = {
  platform: 'through the platform’s messages',
  email: 'by school or work email',
  phone: 'by school or work phone',
  video: 'by video call',
};

function communicationSentences(s: CommunicationPolicy, _doc: PolicyDocument, at: PolicyPath): PolicySentence[] {
  const hours = s.responseHours.value;
  const time = s.responseTime.value;
  return [
    ...each(s.learnerChannels, [...at, 'learnerChannels'], (c) => `Staff may contact learners ${CHANNEL[c]}.`),
    ...each(s.familyChannels, [...at, 'familyChannels'], (c) => `Staff may contact parents and carers ${CHANNEL[c]}.`),
    say(
      [...at, 'approvedChannelsOnly'],
      s.approvedChannelsOnly,
      s.approvedChannelsOnly.value ? 'Staff use only channels the institution has approved.' : 'Staff may also use channels the institution has not approved.',
    ),
    say(
      [...at, 'personalDevices'],
      s.personalDevices,
      s.personalDevices.value === 'never'
        ? 'Staff never use their personal phones, email or accounts to contact learners or families.'
        : 'Staff may phone from a personal device only with their own number withheld.',
    ),
    say(
      [...at, 'responseHours'],
      s.responseHours,
      hours === null ? 'Staff answer messages within their working hours.' : `Staff answer learners and parents between ${hours.start} and ${hours.end}.`,
    ),
    say(
      [...at, 'responseTime'],
      s.responseTime,
      time.kind === 'as_soon_as_possible' ? 'Staff reply as soon as possible.' : `Staff reply within ${time.days} working day${time.days === 1 ? '' : 's'}.`,
    ),
    say(
      [...at, 'learnersContactableInSchoolDay'],
      s.learnersContactableInSchoolDay,
      s.learnersContactableInSchoolDay.value
        ? 'Learners learning remotely are expected to be contactable during the school day.'
        : 'Learners are not expected to be contactable at set times.',
    ),
  ];
}

// ——— work ———

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function workSentences(s: WorkPolicy, _doc: PolicyDocument, at: PolicyPath): PolicySentence[] {
  const setBy = s.setBy.value;
  const feedback = s.feedbackDue.value;
  const spacing = s.deadlineSpacing.value;
  const screenFree = s.screenFreeMinimum.value;
  const similarity = s.similarityThreshold.value;
  const missed = s.nonCompletion.value;
  return [
    say(
      [...at, 'setBy'],
      s.setBy,
      setBy === null ? 'Work has no set time of day by which it must be published.' : `Teachers set each day's work by ${setBy}; work published later is flagged as late.`,
    ),
    say(
      [...at, 'feedbackDue'],
      s.feedbackDue,
      feedback.kind === 'end_of_school_day'
        ? 'Feedback on work is given by the end of the school day the work came in (the next working day for work that comes in after school).'
        : `Feedback on work is given within ${plural(feedback.days, 'working day')} of it coming in.`,
    ),
    say(
      [...at, 'deadlineSpacing'],
      s.deadlineSpacing,
      spacing === null
        ? 'Deadlines are not checked for spacing.'
        : `No class has work from more than ${plural(spacing.maxSubjectsPerDay, 'subject')} due on the same day; teachers are warned before they set one that would.`,
    ),
    say(
      [...at, 'screenFreeMinimum'],
      s.screenFreeMinimum,
      screenFree === null ? 'There is no minimum share of work away from a screen.' : `At least ${screenFree}% of each learner's week of work is away from a screen.`,
    ),
    say(
      [...at, 'ownWorkDeclaration'],
      s.ownWorkDeclaration,
      s.ownWorkDeclaration.value ? 'Learners confirm that work they hand in is their own.' : 'Learners are not asked to declare that work is their own.',
    ),
    say(
      [...at, 'similarityThreshold'],
      s.similarityThreshold,
      similarity === null ? 'Answers are not compared with each other.' : `Teachers are shown written answers to the same work that are at least ${similarity}% alike.`,
    ),
    say(
      [...at, 'parentsMaySubmit'],
      s.parentsMaySubmit,
      s.parentsMaySubmit.value ? 'Parents and carers may hand work in for their child.' : 'Learners hand in their own work; parents and carers cannot do it for them.',
    ),
    say(
      [...at, 'nonCompletion'],
      s.nonCompletion,
      missed === null
        ? 'Missed work is not referred automatically.'
        : `A learner who misses ${plural(missed.missed, 'deadline')} within ${plural(missed.withinDays, 'day')} is referred.`,
    ),
    say([...at, 'nonCompletionReferTo'], s.nonCompletionReferTo, `Missed work is referred to ${rolesText(s.nonCompletionReferTo.value)}.`),
  ];
}

// ——— live ———

const onOff = (on: boolean, what: string) =>
  on ? `Learners’ ${what} are on as they join; the host can turn them off.` : `Learners’ ${what} are off as they join, and only the host can allow them.`;

function recordingText(rule: RecordingRule, what: string): string {
  return rule.kind === 'never'
    ? `${what} are never recorded.`
    : `${what} are always recorded, from when learners are admitted until the end, and each recording is kept for ${plural(rule.retentionDays, 'day')} after it ends, then deleted.`;
}

/** A notice as the policy reads without a session: its placeholders in words. */
const noticeWords = (text: string) => `“${text.replace(/\{(\w+)\}/gu, (whole, name: string) => PLACEHOLDER_WORDS[name] ?? whole).replace(/\.$/u, '')}”.`;

function liveSentences(s: LivePolicy, _doc: PolicyDocument, at: PolicyPath): PolicySentence[] {
  const minutes = s.maxMinutes.value;
  const window = s.complaintWindowDays.value;
  const blocked = wordsOf(s.chatBlockedWords.value);
  const allowed = wordsOf(s.chatAllowedWords.value);
  const throttle = s.chatThrottle.value;
  const recorded = s.recording.value.kind === 'always' || s.oneToOneRecording.value.kind === 'always';
  const chat = {
    off: 'Chat is off when a session starts; the host can turn it on.',
    host_only: 'When a session starts, learners can chat only to the host; the host can open chat to everyone or turn it off.',
    everyone: 'Everyone in a session can chat; the host can limit chat to the host or turn it off.',
  } as const;
  return [
    ...each(
      s.openedBy,
      [...at, 'openedBy'],
      (role) =>
        `${capitalise(rolesText([role]))} may open a live session they host when it is on the timetable, the remote learning action plan or booked, ` +
        `from ${OPENS_MINUTES_BEFORE} minutes before it starts until it ends.`,
    ),
    say([...at, 'lobby'], s.lobby, s.lobby.value ? 'Learners wait in a lobby until the host admits them.' : 'Learners join straight into the session, without a lobby.'),
    say([...at, 'cameraOnEntry'], s.cameraOnEntry, onOff(s.cameraOnEntry.value, 'cameras')),
    say([...at, 'microphoneOnEntry'], s.microphoneOnEntry, onOff(s.microphoneOnEntry.value, 'microphones')),
    say(
      [...at, 'learnerScreenShare'],
      s.learnerScreenShare,
      s.learnerScreenShare.value === 'never' ? 'Learners can never share their screen.' : 'Learners can share their screen only while the host allows it.',
    ),
    say([...at, 'recording'], s.recording, recordingText(s.recording.value, 'Live lessons')),
    say([...at, 'oneToOneRecording'], s.oneToOneRecording, recordingText(s.oneToOneRecording.value, 'One-to-one (1-1) sessions and meetings with families')),
    ...each(s.recordingViewers, [...at, 'recordingViewers'], (v) => {
      const who = v === 'host' ? 'the host of a session' : rolesText([v]);
      return recorded ? `${capitalise(who)} may watch recordings until they are deleted; each viewing is recorded.` : `If sessions are ever recorded, ${who} may watch the recordings.`;
    }),
    say(
      [...at, 'complaintWindowDays'],
      s.complaintWindowDays,
      window === null ? 'No time limit is set for complaints about a session.' : `Learners may complain or raise a concern about a session within ${plural(window, 'day')} of it.`,
    ),
    say([...at, 'recordedNotice'], s.recordedNotice, `When a session is recorded, learners are told at the start: ${noticeWords(s.recordedNotice.value)}`),
    say([...at, 'notRecordedNotice'], s.notRecordedNotice, `When a session is not recorded, learners are told at the start: ${noticeWords(s.notRecordedNotice.value)}`),
    say([...at, 'complaintNotice'], s.complaintNotice, `At the start of every session, learners are told how to complain: ${noticeWords(s.complaintNotice.value)}`),
    say(
      [...at, 'behaviourNotice'],
      s.behaviourNotice,
      `At the start of every session, everyone is reminded of the behaviour expected and how to report a concern: ${noticeWords(s.behaviourNotice.value)}`,
    ),
    say(
      [...at, 'maxMinutes'],
      s.maxMinutes,
      minutes === null
        ? 'Live sessions have no longest length.'
        : `Live sessions last at most ${listText(AGE_GROUPS.map((g) => `${minutes[g]} minutes for ${lower(AGE_GROUP_LABELS[g])}`))}; with learners of different ages, the youngest’s limit applies.`,
    ),
    say([...at, 'warnBeforeMinutes'], s.warnBeforeMinutes, `The host is warned ${plural(s.warnBeforeMinutes.value, 'minute')} before a session reaches its longest length, and a session that runs over is flagged.`),
    say(
      [...at, 'oneToOneAwayFromBase'],
      s.oneToOneAwayFromBase,
      s.oneToOneAwayFromBase.value === 'allowed'
        ? 'Staff may hold 1-1 sessions from home or another centre.'
        : 'Staff hold 1-1 sessions from their home centre, and from home or another centre only with a senior manager’s recorded authorisation.',
    ),
    say(
      [...at, 'oneToOneSecondStaffForLoneWorking'],
      s.oneToOneSecondStaffForLoneWorking,
      s.oneToOneSecondStaffForLoneWorking.value
        ? 'Where lone working with a learner is a concern, a 1-1 cannot start until a second member of staff has joined.'
        : 'A second member of staff is not required in 1-1 sessions.',
    ),
    say(
      [...at, 'oneToOneAdultWithLearner'],
      s.oneToOneAdultWithLearner,
      s.oneToOneAdultWithLearner.value ? 'Before a 1-1 starts, the host confirms that an adult is with the pupil.' : 'The host is not asked to confirm that an adult is with the learner in a 1-1.',
    ),
    say(
      [...at, 'apprenticeRecordingsToRecord'],
      s.apprenticeRecordingsToRecord,
      s.apprenticeRecordingsToRecord.value ? 'Recordings of apprentices’ 1-1 sessions are also kept in the apprentice’s record.' : 'Recordings are not copied into learners’ records.',
    ),
    say([...at, 'chat'], s.chat, chat[s.chat.value]),
    say(
      [...at, 'chatLanguageFilter'],
      s.chatLanguageFilter,
      s.chatLanguageFilter.value ? 'Chat messages pass a classroom-language filter; a message that fails it is not sent.' : 'Chat messages are not filtered for language.',
    ),
    say(
      [...at, 'chatBlockedWords'],
      s.chatBlockedWords,
      blocked.length === 0 ? 'No words of the organisation’s own are added to the classroom-language list.' : `These words are also blocked in chat: ${blocked.join(', ')}.`,
    ),
    say(
      [...at, 'chatAllowedWords'],
      s.chatAllowedWords,
      allowed.length === 0 ? 'Every word on the classroom-language list is blocked in chat.' : `These words are allowed in chat although the list would block them: ${allowed.join(', ')}.`,
    ),
    say([...at, 'chatThrottle'], s.chatThrottle, `One person can send at most ${plural(throttle.messages, 'chat message')} in ${plural(throttle.perSeconds, 'second')}; faster messages wait.`),
    say([...at, 'chatRetentionDays'], s.chatRetentionDays, `A session’s chat log is kept for ${plural(s.chatRetentionDays.value, 'day')} after it ends, then deleted.`),
    say(
      [...at, 'parentsInvited'],
      s.parentsInvited,
      s.parentsInvited.value ? 'Parents and carers receive each live-session invitation sent to their child.' : 'Invitations to live sessions go to learners, not to their parents and carers.',
    ),
  ];
}

// ——— review ———

function reviewSentences(review: ReviewSection): PolicySentence[] {
  return review.cycles.flatMap((cycle, i) => {
    const at: PolicyPath = ['review', 'cycles', i];
    const approvers = cycle.approvers.value;
    return [
      say(
        [...at, 'when'],
        cycle.when,
        cycle.when.value === 'always' ? 'The policy is reviewed on a regular cycle.' : 'While a bubble is self-isolating, the policy is also reviewed on a shorter cycle.',
      ),
      say([...at, 'every'], cycle.every, `This review takes place ${intervalText(cycle.every.value)}.`),
      say([...at, 'reviewers'], cycle.reviewers, `${capitalise(rolesText(cycle.reviewers.value))} carry out this review.`),
      say(
        [...at, 'approvers'],
        cycle.approvers,
        approvers.length === 0 ? 'This review needs no further approval.' : `${capitalise(rolesText(approvers))} approve the reviewed policy.`,
      ),
    ];
  });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const listText = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
