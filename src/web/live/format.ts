import type { ChatMode, Invitation, RegisterView, SeatRole, SessionView, Standing } from '../../shared/live.js';
import { addDays, clockText, dayText, schoolDate, whenText } from '../work/format.js';
import type { IceSummary, Phase } from './connection.js';

/** Live lessons in words (R-LIVE-2, -6, -7, -8, -9): times, recording, the connection, the register. */

/** '9am to 9:50am'. */
export function spanText(start: string, end: string): string {
  return `${clockText(start)} to ${clockText(end)}`;
}

/** 'Today, 9am to 9:50am' or 'Wednesday 25 November, 9am to 9:50am'. */
export function whenSpanText(start: string, end: string, today: string): string {
  const day = schoolDate(start);
  const dayWords = day === today ? 'Today' : dayText(day);
  return `${dayWords}, ${spanText(start, end)}`;
}

/** 'With Amir Khan. Today, 9am to 9:50am.' */
export function invitationLine(i: Invitation, today: string): string {
  return `${i.role === 'host' ? 'You are hosting' : `With ${i.host.displayName}`}. ${whenSpanText(i.startsAt, i.endsAt, today)}.`;
}

/**
 * R-LIVE-7: what the school does with a recording, and until when one can complain about the
 * lesson (counted from its scheduled end).
 */
export function recordingText(view: Pick<SessionView, 'recording' | 'endsAt' | 'kind'>): string[] {
  const { recorded, retentionDays, complaintDays } = view.recording;
  const { noun } = sessionWords(view.kind);
  const lines = [recorded ? `This ${noun} is recorded. The recording is kept for ${retentionDays ?? 'a number of'} days, then deleted.` : `This ${noun} is not recorded.`];
  if (complaintDays) {
    const until = addDays(schoolDate(view.endsAt), complaintDays);
    lines.push(`If you want to complain about this ${noun}, you can do so within ${complaintDays} days, until ${dayText(until)}.`);
  }
  return lines;
}

/**
 * The last day something lasts, for a moment that ends it at midnight (a recording deleted, a
 * complaint window closed at the end of a day): 'the end of Sunday 13 December'.
 */
export function endOfDayText(instant: string): string {
  return `the end of ${dayText(schoolDate(new Date(Date.parse(instant) - 1).toISOString()))}`;
}

/** R-LIVE-11: how long the chat of a session is kept, or that it has gone. */
export function chatKeptText(log: { deleteAfter: string | null; deletedAt: string | null }): string {
  if (log.deletedAt) return `The chat was deleted on ${dayText(schoolDate(log.deletedAt))}, when the time the policy keeps it for ended.`;
  if (log.deleteAfter) return `The chat is kept until ${endOfDayText(log.deleteAfter)}, then deleted. Reading it is noted in the audit log.`;
  return 'The chat is kept while the session runs and for the days the policy sets after it ends. Reading it is noted in the audit log.';
}

/** What to call a session and those the host speaks to: a lesson and its class, a 1-1 and its learner, a meeting and the family. */
export function sessionWords(kind: SessionView['kind']): { noun: string; audience: string } {
  if (kind === 'one_to_one') return { noun: '1-1', audience: 'the learner' };
  if (kind === 'family_meeting') return { noun: 'meeting', audience: 'the family' };
  return { noun: 'lesson', audience: 'the class' };
}

export function roleText(role: SeatRole): string {
  switch (role) {
    case 'host':
      return 'Host';
    case 'staff':
      return 'Staff';
    case 'learner':
      return 'Learner';
    case 'guardian':
      return 'Parent or carer';
  }
}

export function standingText(standing: Standing, connected: boolean): string {
  switch (standing) {
    case 'invited':
      return 'Not here yet';
    case 'waiting':
      return connected ? 'Waiting to be let in' : 'Left the waiting room';
    case 'admitted':
      return connected ? 'In the lesson' : 'Reconnecting';
    case 'declined':
      return 'Not let in';
    case 'removed':
      return 'Removed';
  }
}

export interface ConnectionFacts {
  phase: Phase;
  admitted: boolean;
  ice: IceSummary;
  loss: number | null;
  audioOnly: boolean;
}

/** A loss this large is heard and seen: the picture freezes, words drop out. */
export const POOR_LOSS = 0.05;

/**
 * What is happening with the connection, in one line for the status region. Losses are given in
 * steps of 5 %, so the line changes only when things change enough to matter.
 */
export function connectionText({ phase, admitted, ice, loss, audioOnly }: ConnectionFacts): string {
  if (phase.kind === 'idle') return 'Not connected yet.';
  if (phase.kind === 'connecting') return 'Connecting to the lesson…';
  if (phase.kind === 'reconnecting') return `The connection dropped. Reconnecting by itself (try ${phase.attempt})… You keep your place for a minute.`;
  if (phase.kind === 'closed') return 'Not connected.';
  if (!admitted) return 'Connected to the waiting room.';
  if (ice === 'failed') return 'The sound and picture could not get through. Starting them again…';
  if (ice === 'interrupted') return 'The connection is interrupted. Waiting for it to come back…';
  if (ice === 'connecting' || ice === 'none') return 'Connected. Starting the sound and picture…';
  if (loss !== null && loss >= POOR_LOSS) {
    const percent = Math.max(5, Math.round((loss * 100) / 5) * 5);
    return `The connection is poor: about ${percent}% of the sound and picture is being lost.${audioOnly ? '' : ' Choosing “Low data” or “Audio only” may help.'}`;
  }
  return audioOnly ? 'Connected. You are receiving sound only.' : 'Connected.';
}

export function outcomeText(outcome: RegisterView['lines'][number]['outcome']): string {
  switch (outcome) {
    case 'attended':
      return 'Attended';
    case 'waited_never_admitted':
      return 'Waited, never let in';
    case 'never_came':
      return 'Did not come';
  }
}

/** R-LIVE-9: the host's reminder of the time limit, or null when there is none to give yet. */
export function lengthText(length: SessionView['length'], now: number, today: string): string | null {
  if (!length.limitAt) return null;
  const limit = Date.parse(length.limitAt);
  const at = whenText(length.limitAt, today);
  if (now >= limit) return `This lesson has run past its time limit (${at}) for the learners’ age. It will be flagged: please finish now.`;
  if (length.warnAt && now >= Date.parse(length.warnAt)) return `${Math.max(1, Math.ceil((limit - now) / 60_000))} minutes left before the time limit (${at}).`;
  return null;
}

/** R-LIVE-11: what the chat allows now, beside the message box. */
export function chatModeHint(mode: ChatMode, staff: boolean): string {
  if (staff) {
    if (mode === 'off') return 'Chat is off for learners. You can still write to everyone.';
    if (mode === 'host_only') return 'Learners can write to the host only. Your messages go to everyone.';
    return 'Everyone can write. Your messages go to everyone.';
  }
  if (mode === 'off') return 'The host has turned chat off.';
  if (mode === 'host_only') return 'Chat is to the host only: only the host and staff see your messages.';
  return 'Everyone in the lesson sees your messages, unless you send them to the host only.';
}

/** R-LIVE-14: '1 of 1 answered'. */
export function answeredText(answered: number, of: number): string {
  return `${answered} of ${of} answered`;
}

/** R-LIVE-14: the poll's choices in their order with how many chose each, then any other answers, most first. */
export function checkCounts(options: string[], counts: Record<string, number>): { answer: string; count: number }[] {
  const others = Object.entries(counts)
    .filter(([answer]) => !options.includes(answer))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([answer, count]) => ({ answer, count }));
  return [...options.map((answer) => ({ answer, count: counts[answer] ?? 0 })), ...others];
}
