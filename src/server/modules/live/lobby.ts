/**
 * R-LIVE-3, -4, -5: who is in a live session and what they may send, as a pure state machine.
 * The service loads the room, asks `decide` what a command does, writes the changes and tells
 * every instance; the media provider then enforces the permissions. Nothing here does I/O.
 */

export type SeatRole = 'host' | 'staff' | 'learner' | 'guardian';
/** invited → waiting → admitted; declined and removed people wait again if they come back. */
export type Standing = 'invited' | 'waiting' | 'admitted' | 'declined' | 'removed';

export interface Seat {
  userId: string;
  role: SeatRole;
  standing: Standing;
  audio: boolean;
  video: boolean;
  /** Whether a connection of theirs is open now. */
  connected: boolean;
  /** When their last connection closed (ISO), to let a dropped connection back in without the lobby. */
  leftAt: string | null;
}

export interface Room {
  status: 'open' | 'ended';
  locked: boolean;
  seats: readonly Seat[];
}

export interface LobbyRules {
  /** Learners and families wait to be admitted (001); off lets them straight in. */
  lobby: boolean;
  /** Learners' microphone and camera on entry (off under 001, on under 000); the host can change either. */
  learnerAudioOnEntry: boolean;
  learnerVideoOnEntry: boolean;
  /** A dropped connection back within this many seconds skips the lobby. */
  rejoinGraceSeconds: number;
}

export type LobbyCommand =
  | { type: 'arrive'; userId: string }
  | { type: 'depart'; userId: string }
  | { type: 'admit'; by: string; userIds: readonly string[] | 'all' }
  | { type: 'decline'; by: string; userIds: readonly string[] }
  | { type: 'remove'; by: string; userId: string }
  | { type: 'permit'; by: string; userIds: readonly string[] | 'all'; audio?: boolean; video?: boolean }
  | { type: 'lock'; by: string; locked: boolean }
  | { type: 'end'; by: string };

export type Refusal =
  | 'live.not_invited'
  | 'live.ended'
  | 'live.locked'
  | 'live.not_host'
  | 'live.not_waiting'
  | 'live.not_admitted'
  | 'live.not_a_learner';

export interface SeatChange {
  userId: string;
  standing?: Standing;
  audio?: boolean;
  video?: boolean;
  connected?: boolean;
  leftAt?: string | null;
}

export type Decision = { ok: true; seats: SeatChange[]; locked?: boolean; ended?: boolean } | { ok: false; refusal: Refusal };

const refuse = (refusal: Refusal): Decision => ({ ok: false, refusal });
const isStaff = (s: Seat | undefined) => s !== undefined && (s.role === 'host' || s.role === 'staff');

/** What a command does to the room, or why it is refused. `now` is an ISO instant. */
export function decide(room: Room, command: LobbyCommand, rules: LobbyRules, now: string): Decision {
  const seat = (id: string) => room.seats.find((s) => s.userId === id);
  if (room.status === 'ended' && command.type !== 'depart') return refuse('live.ended');
  switch (command.type) {
    case 'arrive': {
      const me = seat(command.userId);
      if (!me) return refuse('live.not_invited');
      if (isStaff(me)) return { ok: true, seats: [{ userId: me.userId, standing: 'admitted', audio: true, video: true, connected: true, leftAt: null }] };
      if (me.standing === 'admitted' && (me.connected || withinGrace(me.leftAt, now, rules.rejoinGraceSeconds))) {
        return { ok: true, seats: [{ userId: me.userId, connected: true, leftAt: null }] };
      }
      if (room.locked) return refuse('live.locked');
      if (!rules.lobby) return { ok: true, seats: [{ userId: me.userId, ...entry(rules), connected: true, leftAt: null }] };
      return { ok: true, seats: [{ userId: me.userId, standing: 'waiting', audio: false, video: false, connected: true, leftAt: null }] };
    }
    case 'depart': {
      const me = seat(command.userId);
      if (!me) return { ok: true, seats: [] };
      // Someone who leaves the lobby is no longer waiting; an admitted person keeps their place for the grace period.
      return { ok: true, seats: [{ userId: me.userId, connected: false, leftAt: now, ...(me.standing === 'waiting' ? { standing: 'invited' as const } : {}) }] };
    }
    case 'admit': {
      if (!isStaff(seat(command.by))) return refuse('live.not_host');
      const targets = command.userIds === 'all' ? room.seats.filter((s) => s.standing === 'waiting') : command.userIds.map(seat);
      if (targets.some((s) => !s || s.standing !== 'waiting')) return refuse('live.not_waiting');
      return { ok: true, seats: targets.map((s) => ({ userId: s!.userId, ...entry(rules) })) };
    }
    case 'decline': {
      if (!isStaff(seat(command.by))) return refuse('live.not_host');
      const targets = command.userIds.map(seat);
      if (targets.some((s) => !s || s.standing !== 'waiting')) return refuse('live.not_waiting');
      return { ok: true, seats: targets.map((s) => ({ userId: s!.userId, standing: 'declined' as const })) };
    }
    case 'remove': {
      if (!isStaff(seat(command.by))) return refuse('live.not_host');
      const target = seat(command.userId);
      if (!target || isStaff(target)) return refuse('live.not_a_learner');
      if (target.standing !== 'admitted' && target.standing !== 'waiting') return refuse('live.not_admitted');
      return { ok: true, seats: [{ userId: target.userId, standing: 'removed', audio: false, video: false }] };
    }
    case 'permit': {
      if (!isStaff(seat(command.by))) return refuse('live.not_host');
      const learners = room.seats.filter((s) => !isStaff(s) && s.standing === 'admitted');
      const targets = command.userIds === 'all' ? learners : command.userIds.map(seat);
      if (targets.some((s) => !s || isStaff(s))) return refuse('live.not_a_learner');
      if (targets.some((s) => s!.standing !== 'admitted')) return refuse('live.not_admitted');
      return {
        ok: true,
        seats: targets.map((s) => ({ userId: s!.userId, ...(command.audio !== undefined ? { audio: command.audio } : {}), ...(command.video !== undefined ? { video: command.video } : {}) })),
      };
    }
    case 'lock':
      if (!isStaff(seat(command.by))) return refuse('live.not_host');
      return { ok: true, seats: [], locked: command.locked };
    case 'end':
      if (seat(command.by)?.role !== 'host') return refuse('live.not_host');
      return { ok: true, seats: room.seats.filter((s) => s.connected).map((s) => ({ userId: s.userId, connected: false, leftAt: now })), ended: true };
  }
}

/** Applies a decision's changes to a room (what the service writes, and what tests check). */
export function apply(room: Room, decision: Extract<Decision, { ok: true }>): Room {
  return {
    status: decision.ended ? 'ended' : room.status,
    locked: decision.locked ?? room.locked,
    seats: room.seats.map((s) => {
      const change = decision.seats.find((c) => c.userId === s.userId);
      return change ? { ...s, ...change } : s;
    }),
  };
}

function entry(rules: LobbyRules) {
  return { standing: 'admitted' as const, audio: rules.learnerAudioOnEntry, video: rules.learnerVideoOnEntry };
}

function withinGrace(leftAt: string | null, now: string, seconds: number): boolean {
  return leftAt !== null && Date.parse(now) - Date.parse(leftAt) <= seconds * 1000;
}

/** What a seat may send to the media server: nothing before admission; learners never share a screen (R-LIVE-5). */
export function mediaAllowed(seat: Seat): { audio: boolean; video: boolean; screen: boolean } {
  if (seat.standing !== 'admitted') return { audio: false, video: false, screen: false };
  if (isStaff(seat)) return { audio: true, video: true, screen: true };
  return { audio: seat.audio, video: seat.video, screen: false };
}
