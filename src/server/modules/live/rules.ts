import { DateTime } from 'luxon';
import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers, parseRawPattern } from 'obscenity';
import { ROLE_LABELS, type Role } from '../../../shared/roles.js';
import type { Cited, Source } from '../policy/policy.js';
import {
  AGE_GROUP_FROM,
  AGE_GROUPS,
  OPENS_MINUTES_BEFORE,
  wordsOf,
  type AgeGroup,
  type ChatMode,
  type ChatThrottle,
  type LivePolicy,
  type RecordingRule,
} from './policy.js';

/**
 * Live sessions' policy decisions as pure functions of (policy, facts, now) (R-LIVE-1, -4..-7,
 * -9..-11). Each refusal carries a stable code, a message a person can act on, the requirement and
 * the source of the policy value that decided it, so the service can store the decision in its audit
 * entry. Nothing here reads a clock or a database: times arrive as values, with the site's time zone.
 */

export type Decision =
  | { allowed: true; requirement: string; source: Source | null }
  | { allowed: false; requirement: string; source: Source | null; code: string; message: string; retryAt?: Date };

const allow = (requirement: string, source: Source | null = null): Decision => ({ allowed: true, requirement, source });
function refuse(requirement: string, code: string, message: string, source: Source | null = null, retryAt?: Date): Decision {
  return retryAt ? { allowed: false, requirement, source, code, message, retryAt } : { allowed: false, requirement, source, code, message };
}

/** A time zone to count days and show times in: a site calendar will do. */
export interface Zone {
  timeZone: string;
}
const local = (instant: Date, zone: Zone) => DateTime.fromJSDate(instant, { zone: zone.timeZone }).setLocale('en-GB');
const clockTime = (instant: Date, zone: Zone) => local(instant, zone).toFormat('HH:mm');

/** A lesson or other group session; a 1-1 (teaching, review, interview, counselling, catch-up); a meeting with one learner's family. */
export type SessionKind = 'lesson' | 'one_to_one' | 'family_meeting';
/** Who someone is in a session. */
export type Participant = 'host' | 'staff' | 'learner' | 'guardian';
export interface Person {
  personId: string;
  /** Their roles at the session's site. */
  roles: readonly Role[];
}

// ——— R-LIVE-1: only scheduled sessions open, around their time ———

export interface SessionSchedule extends Zone {
  /** Where the session is scheduled; null: nowhere (an ad hoc call), which never opens. */
  scheduledBy: 'timetable' | 'action_plan' | 'booking' | null;
  startsAt: Date;
  endsAt: Date;
  hostId: string;
}

/** When the host may open a session: OPENS_MINUTES_BEFORE (15) minutes before it starts, to let learners in on time. */
export const opensAt = (session: Pick<SessionSchedule, 'startsAt'>) => new Date(session.startsAt.getTime() - OPENS_MINUTES_BEFORE * 60_000);

/**
 * R-LIVE-1: the host opens a scheduled session (timetable, remote learning action plan, booking)
 * from 15 minutes before its start until its end, and only in a role the policy names.
 */
export function canOpen(session: SessionSchedule, opener: Person, now: Date, policy: LivePolicy): Decision {
  const r = 'R-LIVE-1';
  if (session.scheduledBy === null) {
    return refuse(r, 'live.session.not_scheduled', 'Only sessions on the timetable or the remote learning action plan, or booked in advance, can be opened.');
  }
  if (opener.personId !== session.hostId) return refuse(r, 'live.session.not_host', 'Only the member of staff hosting this session can open it.');
  const role = policy.openedBy.find((c) => opener.roles.includes(c.value));
  if (!role) {
    const who = policy.openedBy.map((c) => ROLE_LABELS[c.value].toLowerCase()).join(', ');
    return refuse(r, 'live.session.role_cannot_open', `Under this policy, live sessions are opened by staff in these roles: ${who}.`, policy.openedBy[0]?.source ?? null);
  }
  const opens = opensAt(session);
  if (now < opens) {
    return refuse(r, 'live.session.not_open_yet', `This session opens at ${clockTime(opens, session)}, ${OPENS_MINUTES_BEFORE} minutes before it starts.`, null, opens);
  }
  if (now >= session.endsAt) return refuse(r, 'live.session.over', `This session ended at ${clockTime(session.endsAt, session)}; it can no longer be opened.`);
  return allow(r, role.source);
}

// ——— R-LIVE-4, R-LIVE-2: lobby and invitations ———

/** R-LIVE-4: learners (and family members) wait in the lobby where the policy has one; staff go straight in. */
export const entersLobby = (policy: LivePolicy, who: Participant) => policy.lobby.value && (who === 'learner' || who === 'guardian');

/** R-LIVE-2: whom an invitation goes to: the learners, and their parents and carers where the policy says so. */
export function invitees(policy: LivePolicy, learners: readonly { learnerId: string; guardianIds: readonly string[] }[]): { learnerIds: string[]; guardianIds: string[] } {
  const guardianIds = policy.parentsInvited.value ? [...new Set(learners.flatMap((l) => l.guardianIds))] : [];
  return { learnerIds: learners.map((l) => l.learnerId), guardianIds };
}

// ——— R-LIVE-7, R-LIVE-10: recording ———

/** The rule for this kind of session: lessons follow `recording`; 1-1s and family meetings `oneToOneRecording`. */
export const recordingRuleFor = (policy: LivePolicy, kind: SessionKind): Cited<RecordingRule> => (kind === 'lesson' ? policy.recording : policy.oneToOneRecording);
export const mustRecord = (policy: LivePolicy, kind: SessionKind) => recordingRuleFor(policy, kind).value.kind === 'always';

const KIND_WORDS: Record<SessionKind, string> = { lesson: 'live lesson', one_to_one: '1-1 session', family_meeting: 'meeting with a family' };

export interface MediaProviderFacts {
  name: string;
  canRecord: boolean;
}

/**
 * R-LIVE-7: a session whose policy records it cannot start on a media provider that cannot record.
 * Asked when the session is scheduled or booked, so it says so before the lesson, not after.
 */
export function canStartOn(policy: LivePolicy, kind: SessionKind, provider: MediaProviderFacts): Decision {
  const rule = recordingRuleFor(policy, kind);
  if (rule.value.kind === 'always' && !provider.canRecord) {
    return refuse(
      'R-LIVE-7',
      'live.recording.provider_cannot_record',
      `This policy records every ${KIND_WORDS[kind]}, and the ${provider.name} media server cannot record, so it cannot carry this session. Choose a media server that records.`,
      rule.source,
    );
  }
  return allow('R-LIVE-7', rule.source);
}

/** R-LIVE-7: whether a recording can be made: never under "never recorded" (001); under "always" it starts at admission by itself. */
export function canRecord(policy: LivePolicy, kind: SessionKind, provider: MediaProviderFacts): Decision {
  const rule = recordingRuleFor(policy, kind);
  if (rule.value.kind === 'never') return refuse('R-LIVE-7', 'live.recording.not_allowed', `This policy says a ${KIND_WORDS[kind]} is never recorded.`, rule.source);
  return canStartOn(policy, kind, provider);
}

/** Seed 000: an apprentice's 1-1 recording is also kept in the apprentice's own record. */
export const keepsInLearnerRecord = (policy: LivePolicy, kind: SessionKind, learnerIsApprentice: boolean) =>
  kind !== 'lesson' && learnerIsApprentice && mustRecord(policy, kind) && policy.apprenticeRecordingsToRecord.value;

/** The end of the `days`th local day after the instant's own day: "kept for 21 days", "within 20 days". */
function endOfDaysAfter(instant: Date, days: number, zone: Zone): Date {
  return DateTime.fromJSDate(instant, { zone: zone.timeZone }).startOf('day').plus({ days: days + 1 }).toJSDate();
}
const LONDON: Zone = { timeZone: 'Europe/London' };

/** R-LIVE-7: when a recording is deleted: at the end of the `retentionDays`th day after it ended, in the site's zone. */
export const deleteAt = (recordingEnd: Date, retentionDays: number, zone: Zone = LONDON) => endOfDaysAfter(recordingEnd, retentionDays, zone);

/** R-LIVE-7: when the complaint window closes: at the end of the `complaintDays`th day after the session ended. */
export const complaintWindowEnd = (sessionEnd: Date, complaintDays: number, zone: Zone = LONDON) => endOfDaysAfter(sessionEnd, complaintDays, zone);

/** R-LIVE-7: who may watch a recording, by role at the session's site or as its host, until it is deleted. */
export function canViewRecording(policy: LivePolicy, viewer: Person, recording: { hostId: string; deleteAt: Date }, now: Date): Decision {
  if (now >= recording.deleteAt) return refuse('R-LIVE-7', 'live.recording.deleted', 'This recording has been deleted: the time it was kept for has ended.');
  const by = policy.recordingViewers.find((v) => (v.value === 'host' ? viewer.personId === recording.hostId : viewer.roles.includes(v.value)));
  return by ? allow('R-LIVE-7', by.source) : refuse('R-LIVE-7', 'live.recording.not_viewer', 'Under this policy you may not watch this recording.');
}

// ——— R-LIVE-6: notices at the start ———

export interface Notice {
  kind: 'recording' | 'complaints' | 'behaviour';
  text: string;
  source: Source;
}

/** The day before an exclusive end, in words: 'Saturday 21 March 2026'. */
const lastDay = (end: Date, zone: Zone) => local(new Date(end.getTime() - 1), zone).toFormat('cccc d LLLL yyyy');

/**
 * R-LIVE-6: the notices the host is shown before admitting anyone and learners see on entry, in
 * order: recording (and for how long), complaints (how, and within how many days), behaviour and
 * reporting. Dates count from the session's scheduled end; the real end is never earlier, so a
 * learner is never told a later date than the platform keeps to.
 */
export function noticeText(policy: LivePolicy, facts: { kind: SessionKind; endsAt: Date } & Zone): Notice[] {
  const rule = recordingRuleFor(policy, facts.kind).value;
  const window = policy.complaintWindowDays.value;
  const values: Record<string, string> = {};
  if (rule.kind === 'always') {
    values.retentionDays = String(rule.retentionDays);
    values.keptUntil = lastDay(deleteAt(facts.endsAt, rule.retentionDays, facts), facts);
  }
  if (window !== null) {
    values.complaintDays = String(window);
    values.complainBy = lastDay(complaintWindowEnd(facts.endsAt, window, facts), facts);
  }
  const fill = (c: Cited<string>) => c.value.replace(/\{(\w+)\}/gu, (whole, name: string) => values[name] ?? whole);
  const recording = rule.kind === 'always' ? policy.recordedNotice : policy.notRecordedNotice;
  return [
    { kind: 'recording', text: fill(recording), source: recording.source },
    { kind: 'complaints', text: fill(policy.complaintNotice), source: policy.complaintNotice.source },
    { kind: 'behaviour', text: fill(policy.behaviourNotice), source: policy.behaviourNotice.source },
  ];
}

// ——— R-LIVE-9: length by age ———

/** Whole years of age on a local date ('YYYY-MM-DD'); a birthday on 29 February counts from 1 March in other years. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function ageGroupOf(age: number): AgeGroup {
  return [...AGE_GROUPS].reverse().find((g) => age >= AGE_GROUP_FROM[g]) ?? 'earlyYears';
}

export interface LengthLimit {
  /** The group whose limit applies: the one with the shortest limit among the learners (the youngest, with the shipped minutes). */
  group: AgeGroup;
  minutes: number;
  warnAt: Date;
  overrunAt: Date;
  source: Source;
}

/** R-LIVE-9: the longest this session may run for these learners' ages; null with no limit or no learners. */
export function lengthLimit(policy: LivePolicy, startedAt: Date, learnerAges: readonly number[], kind: SessionKind = 'lesson'): LengthLimit | null {
  const minutes = policy.maxMinutes.value;
  // The lengths are a learner's time at a screen being taught; a meeting with a family (an EHCP
  // review) is the adults' meeting, which the child joins for their part: it has no limit.
  if (minutes === null || learnerAges.length === 0 || kind === 'family_meeting') return null;
  const groups = learnerAges.map(ageGroupOf);
  const group = groups.reduce((a, b) => (minutes[b] < minutes[a] ? b : a));
  const overrunAt = new Date(startedAt.getTime() + minutes[group] * 60_000);
  const warnAt = new Date(Math.max(startedAt.getTime(), overrunAt.getTime() - policy.warnBeforeMinutes.value * 60_000));
  return { group, minutes: minutes[group], warnAt, overrunAt, source: policy.maxMinutes.source };
}

/** Where a running session stands against its limit: the host is warned at `warn`; `over` flags the session. */
export function lengthState(limit: LengthLimit | null, now: Date): 'within' | 'warn' | 'over' {
  if (!limit || now < limit.warnAt) return 'within';
  return now < limit.overrunAt ? 'warn' : 'over';
}

// ——— R-LIVE-5: cameras, microphones and screens ———

export type MediaKind = 'camera' | 'microphone' | 'screen';
/** `allowed`: may publish (the media server refuses otherwise); `on`: publishes as they join. */
export type MediaPermissions = Record<MediaKind, { allowed: boolean; on: boolean }>;

/** R-LIVE-5: what each participant may send as they are admitted. Staff keep full control; learners and family members get what the policy says. */
export function initialMedia(policy: LivePolicy, who: Participant): MediaPermissions {
  if (who === 'host' || who === 'staff') return { camera: { allowed: true, on: true }, microphone: { allowed: true, on: true }, screen: { allowed: true, on: false } };
  const camera = policy.cameraOnEntry.value;
  const microphone = policy.microphoneOnEntry.value;
  return { camera: { allowed: camera, on: camera }, microphone: { allowed: microphone, on: microphone }, screen: { allowed: false, on: false } };
}

/** R-LIVE-5: whether a participant may publish this kind of media now. */
export function canPublish(permissions: MediaPermissions, kind: MediaKind): Decision {
  return permissions[kind].allowed ? allow('R-LIVE-5') : refuse('R-LIVE-5', 'live.media.not_allowed', `The host has not allowed your ${kind === 'screen' ? 'screen to be shared' : kind}.`);
}

/** R-LIVE-5: whether the host may allow a participant this kind of media: a learner's screen never, where the policy says so (001). */
export function canAllowMedia(policy: LivePolicy, to: Participant, kind: MediaKind): Decision {
  const learnerScreen = kind === 'screen' && (to === 'learner' || to === 'guardian');
  if (learnerScreen && policy.learnerScreenShare.value === 'never') {
    return refuse('R-LIVE-5', 'live.media.screen_share_never', 'Under this policy learners never share their screen.', policy.learnerScreenShare.source);
  }
  return allow('R-LIVE-5', learnerScreen ? policy.learnerScreenShare.source : null);
}

// ——— R-LIVE-10: 1-1 sessions ———

export interface OneToOneFacts {
  /** Where the member of staff holds the 1-1 from. */
  hostLocation: 'home_centre' | 'other_centre' | 'home';
  /** The recorded authorisation to hold it away from the home centre, with the roles of whoever gave it. */
  authorisation: { byPersonId: string; byRoles: readonly Role[] } | null;
  /** The learner is flagged as a lone-working concern. */
  loneWorkingConcern: boolean;
  secondStaffPresent: boolean;
  /** The host has confirmed that an adult is with the pupil. */
  adultWithLearnerConfirmed: boolean;
}

/** R-LIVE-10: whether a 1-1 may start now. Recording is separate: see mustRecord (always, under 000). */
/** R-LIVE-10, seed 000: whether a 1-1 held from here needs a senior manager's recorded authorisation. */
export const authorisationNeeded = (policy: LivePolicy, hostLocation: OneToOneFacts['hostLocation']) =>
  hostLocation !== 'home_centre' && policy.oneToOneAwayFromBase.value === 'senior_manager_authorisation';

export function canStartOneToOne(policy: LivePolicy, facts: OneToOneFacts): Decision {
  const r = 'R-LIVE-10';
  const away = policy.oneToOneAwayFromBase;
  if (authorisationNeeded(policy, facts.hostLocation) && !facts.authorisation?.byRoles.includes('senior_leader')) {
    const where = facts.hostLocation === 'home' ? 'home' : 'a centre other than your own';
    return refuse(r, 'live.one_to_one.authorisation_needed', `A 1-1 from ${where} needs a senior manager’s recorded authorisation under this policy.`, away.source);
  }
  const second = policy.oneToOneSecondStaffForLoneWorking;
  if (facts.loneWorkingConcern && second.value && !facts.secondStaffPresent) {
    return refuse(r, 'live.one_to_one.second_staff_needed', 'Lone working with this learner is a concern, so this 1-1 can start only once a second member of staff has joined.', second.source);
  }
  const adult = policy.oneToOneAdultWithLearner;
  if (adult.value && !facts.adultWithLearnerConfirmed) {
    return refuse(r, 'live.one_to_one.adult_not_confirmed', 'Confirm that an adult is with the pupil before this 1-1 starts.', adult.source);
  }
  return allow(r, away.source);
}

// ——— R-LIVE-11: chat ———

export const CHAT_MAX_LENGTH = 500;

export interface LanguageFilter {
  /** The listed words a message contains, as the list names them; none means it is classroom language. */
  wordsIn(text: string): string[];
}

type Words = DataSet<{ originalWord: string }>;
const filters = new Map<string, LanguageFilter>();

function buildFilter(blocked: readonly string[], allowed: readonly string[]): LanguageFilter {
  const data = (new DataSet().addAll(englishDataset as unknown as Words) as Words).removePhrasesIf((p) => allowed.includes(p.metadata?.originalWord ?? ''));
  for (const word of blocked) data.addPhrase((b) => b.setMetadata({ originalWord: word }).addPattern(parseRawPattern(word)));
  const built = data.build();
  const matcher = new RegExpMatcher({ ...built, whitelistedTerms: [...(built.whitelistedTerms ?? []), ...allowed], ...englishRecommendedTransformers });
  return {
    wordsIn: (text) => [...new Set(matcher.getAllMatches(text, true).map((m) => data.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '?'))],
  };
}

/**
 * R-LIVE-11: the classroom-language filter for this policy: the maintained English list from
 * `obscenity` (which also catches look-alikes such as "sh1t" and "fuuuck"), with the
 * organisation's own blocked words added and its allowed words taken out; null when the policy
 * turns the filter off. Built once per word list.
 */
export function languageFilter(policy: Pick<LivePolicy, 'chatLanguageFilter' | 'chatBlockedWords' | 'chatAllowedWords'>): LanguageFilter | null {
  return languageFilterOf({ filter: policy.chatLanguageFilter.value, blockedWords: policy.chatBlockedWords.value, allowedWords: policy.chatAllowedWords.value });
}

/** The same filter from the values a session kept when it opened. */
export function languageFilterOf(words: { filter: boolean; blockedWords: string; allowedWords: string }): LanguageFilter | null {
  if (!words.filter) return null;
  const blocked = wordsOf(words.blockedWords);
  const allowed = wordsOf(words.allowedWords);
  const key = JSON.stringify([blocked, allowed]);
  let filter = filters.get(key);
  if (!filter) {
    if (filters.size >= 100) filters.clear();
    filter = buildFilter(blocked, allowed);
    filters.set(key, filter);
  }
  return filter;
}

/** R-LIVE-11: whether this message may be sent, given the chat mode the host has set. Staff may always write to everyone. */
export function canSendChat(message: { text: string; to: 'everyone' | 'host' }, mode: ChatMode, sender: Participant, filter: LanguageFilter | null): Decision {
  const r = 'R-LIVE-11';
  const text = message.text.trim();
  if (text === '') return refuse(r, 'live.chat.empty', 'Write a message first.');
  if (text.length > CHAT_MAX_LENGTH) return refuse(r, 'live.chat.too_long', `A message can be at most ${CHAT_MAX_LENGTH} characters; this one is ${text.length}.`);
  const staff = sender === 'host' || sender === 'staff';
  if (!staff && mode === 'off') return refuse(r, 'live.chat.off', 'The host has turned chat off.');
  if (!staff && mode === 'host_only' && message.to !== 'host') return refuse(r, 'live.chat.host_only', 'Chat is to the host only: send your message to the host.');
  if (filter && filter.wordsIn(text).length > 0) return refuse(r, 'live.chat.language', 'Please use classroom language: this message was not sent.');
  return allow(r);
}

/**
 * R-LIVE-11: at most `messages` from one person in any `perSeconds` seconds. Given when their
 * recent messages were sent, either allowed now or how many whole seconds to wait.
 */
export function throttleChat(sentAt: readonly Date[], now: Date, limit: ChatThrottle): { allowed: true } | { allowed: false; waitSeconds: number } {
  const windowMs = limit.perSeconds * 1000;
  const recent = sentAt
    .map((t) => t.getTime())
    .filter((t) => t > now.getTime() - windowMs && t <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length < limit.messages) return { allowed: true };
  // Enough of the oldest must fall out of the window to leave room for one more.
  const freedAt = recent[recent.length - limit.messages]! + windowMs;
  return { allowed: false, waitSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
}
