import type { ChatMessageView, ChatMode, RoomState, SeatView, ServerMessage } from '../../../shared/live.js';
import type { EventBus } from '../../platform/realtime/events.js';
import { mediaAllowed } from './lobby.js';
import type { MediaPeer, MediaProvider } from './media/provider.js';
import { ClientSignal, type ServerSignal } from './media/signals.js';

/**
 * The live sessions' sockets on this server instance (R-LIVE-4, -5). The service changes a room
 * in the database and announces it; every instance hears the announcement, re-reads the room and
 * tells its own sockets, and brings the media provider in line: a participant is joined to the
 * media room only once admitted, their permissions follow the host's, and a removed participant
 * or an ended session is taken out. The provider enforces what is decided here (the SFU refuses
 * what a participant may not send), so a client that ignores its state gets nothing through.
 */

export interface Socket {
  send(message: ServerMessage): void;
  close(code?: number, reason?: string): void;
}

export interface RoomSnapshot {
  status: RoomState['status'];
  locked: boolean;
  noticesShown: boolean;
  seats: SeatView[];
  chatMode: ChatMode;
  overranAt: string | null;
  adultCheck: RoomState['adultCheck'];
  /** The question or poll open now, with every answer so far by learner. */
  check: { id: string; kind: 'poll' | 'question'; prompt: string; options: string[]; answers: Record<string, string> } | null;
}

export interface LiveHubDeps {
  events: EventBus;
  media: MediaProvider;
  /** Re-reads a room (system access: the hub acts for the sockets, which were authorised when they connected). */
  loadRoom(organisationId: string, sessionId: string): Promise<RoomSnapshot | null>;
  /** One chat message, to pass on to those it is for. */
  loadChat(organisationId: string, sessionId: string, messageId: string): Promise<ChatMessageView | null>;
  /** The chat so far, for someone just let in. */
  loadChatHistory(organisationId: string, sessionId: string): Promise<ChatMessageView[]>;
  /** Where a session's recording goes, or null when it is not recorded (decided when it opened). */
  recordTo(organisationId: string, sessionId: string): Promise<string | null>;
  /** A room's media closed (the session ended): its recordings, to be stored. */
  onClosed(organisationId: string, sessionId: string, recordings: string[]): Promise<void>;
  onError(e: unknown, what: string): void;
}

interface Connection {
  userId: string;
  socket: Socket;
  peer: MediaPeer | null;
  joining: Promise<void> | null;
  lastSeat: SeatView | null;
}

/** The chat of a session so far, read at most once per refresh of its room. */
type ChatHistory = () => Promise<ChatMessageView[]>;

interface LocalRoom {
  organisationId: string;
  connections: Set<Connection>;
  unlisten: () => void;
  mediaOpen: boolean;
  refreshing: Promise<void>;
  refreshWaiting: boolean;
}

export const topicOf = (sessionId: string) => `live:${sessionId}`;
const isStaff = (s: Pick<SeatView, 'role'>) => s.role === 'host' || s.role === 'staff';

export function createLiveHub(deps: LiveHubDeps) {
  const rooms = new Map<string, LocalRoom>();

  /** What one participant is told: staff see everyone; learners and families see who is in, and themselves. */
  function stateFor(snapshot: RoomSnapshot, you: SeatView): RoomState {
    const staff = isStaff(you);
    const seats = staff ? snapshot.seats : snapshot.seats.filter((s) => s.userId === you.userId || (s.standing === 'admitted' && s.connected));
    const c = snapshot.check;
    const check = c
      ? {
          id: c.id,
          kind: c.kind,
          prompt: c.prompt,
          options: c.options,
          yourAnswer: c.answers[you.userId] ?? null,
          results: staff ? resultsOf(c, snapshot.seats) : null,
        }
      : null;
    return {
      type: 'state',
      status: snapshot.status,
      locked: snapshot.locked,
      noticesShown: snapshot.noticesShown,
      you,
      seats,
      chatMode: snapshot.chatMode,
      overranAt: snapshot.overranAt,
      adultCheck: snapshot.adultCheck,
      check,
    };
  }

  /** R-LIVE-14: the spread at once: answers by option (a poll) or by answer (a question). */
  function resultsOf(c: NonNullable<RoomSnapshot['check']>, seats: SeatView[]) {
    const counts: Record<string, number> = Object.fromEntries(c.options.map((o) => [o, 0]));
    for (const answer of Object.values(c.answers)) counts[answer] = (counts[answer] ?? 0) + 1;
    const of = seats.filter((s) => s.role === 'learner' && s.standing === 'admitted').length;
    return { answered: Object.keys(c.answers).length, of, counts };
  }

  /** R-LIVE-11: whether a message is for this person: everyone's, or to the host (staff and the sender). */
  const chatFor = (message: ChatMessageView, c: Connection) => !message.toHost || (c.lastSeat !== null && isStaff(c.lastSeat)) || c.userId === message.from.userId;

  /** R-LIVE-11: a chat message to those in the room it is for. */
  async function deliverChat(sessionId: string, messageId: string) {
    const room = rooms.get(sessionId);
    if (!room) return;
    const message = await deps.loadChat(room.organisationId, sessionId, messageId);
    if (!message) return;
    for (const c of room.connections) {
      if (c.lastSeat?.standing === 'admitted' && chatFor(message, c)) c.socket.send({ type: 'chat', message });
    }
  }

  /** Someone just let in (or back) reads what was said before they came, as the others did. */
  async function sendChatHistory(history: ChatHistory, c: Connection) {
    for (const message of await history()) {
      if (chatFor(message, c)) c.socket.send({ type: 'chat', message });
    }
  }

  async function ensureMediaRoom(sessionId: string, room: LocalRoom) {
    if (room.mediaOpen) return;
    room.mediaOpen = true;
    try {
      await deps.media.openRoom(sessionId, { recordTo: await deps.recordTo(room.organisationId, sessionId) });
    } catch (e) {
      // Another connection of this instance opened it first.
      if ((e as { code?: string }).code !== 'media.room.already_open') {
        room.mediaOpen = false;
        throw e;
      }
    }
  }

  /**
   * The media provider lost this participant's media (its media server died and is starting
   * again): their browser starts afresh as after a dropped connection (1012, service restart: it
   * reconnects within a second and, back within the grace period, is joined again without the lobby).
   */
  function mediaLost(c: Connection) {
    c.peer = null;
    c.socket.close(1012, 'media restarted');
  }

  async function reconcile(sessionId: string, room: LocalRoom, c: Connection, snapshot: RoomSnapshot, history: ChatHistory) {
    const seat = snapshot.seats.find((s) => s.userId === c.userId);
    if (!seat) return;
    if (snapshot.status === 'ended') {
      await c.peer?.leave();
      c.peer = null;
      c.socket.send({ type: 'ended' });
      c.socket.close(1000, 'ended');
      return;
    }
    c.socket.send(stateFor(snapshot, seat));
    const before = c.lastSeat;
    c.lastSeat = seat;
    if (seat.standing === 'removed' && before?.standing !== 'removed') {
      await c.peer?.leave();
      c.peer = null;
      c.socket.send({ type: 'removed' });
      return;
    }
    if (seat.standing !== 'admitted' || snapshot.status !== 'open') return;
    const allowed = mediaAllowed({ ...seat, leftAt: null });
    // The join starts before anything else is awaited: the browser, told it is in by the state
    // just sent, sends its offer at once, and `signal` must find the join under way to wait for.
    if (!c.peer && !c.joining) {
      c.joining = (async () => {
        await ensureMediaRoom(sessionId, room);
        const staff = isStaff(seat);
        const onLost = () => mediaLost(c);
        c.peer = await deps.media.join(sessionId, c.userId, { role: staff ? 'host' : 'participant', permissions: allowed, receives: 'everyone', onLost }, (signal: ServerSignal) =>
          c.socket.send({ type: 'signal', signal }),
        );
      })().finally(() => (c.joining = null));
      if (before?.standing !== 'admitted') await sendChatHistory(history, c).catch((e) => deps.onError(e, 'live: chat history'));
      await c.joining;
      return;
    }
    if (before?.standing !== 'admitted') await sendChatHistory(history, c);
    if (c.peer && before && (before.audio !== seat.audio || before.video !== seat.video)) await c.peer.setPermissions(allowed);
  }

  async function refresh(sessionId: string) {
    const room = rooms.get(sessionId);
    if (!room) return;
    const snapshot = await deps.loadRoom(room.organisationId, sessionId);
    if (!snapshot) return;
    // Read once for everyone let in by this change (a host admitting all lets in a class at once).
    let read: Promise<ChatMessageView[]> | null = null;
    const history: ChatHistory = () => (read ??= deps.loadChatHistory(room.organisationId, sessionId));
    for (const c of [...room.connections]) {
      await reconcile(sessionId, room, c, snapshot, history).catch((e) => deps.onError(e, 'live: reconcile'));
    }
    if (snapshot.status === 'ended' && room.mediaOpen) {
      room.mediaOpen = false;
      const closed = await deps.media.closeRoom(sessionId);
      await deps.onClosed(room.organisationId, sessionId, closed.recordings);
    }
  }

  /**
   * Refreshes run one after another per room, so two announcements close together cannot
   * interleave; and while one is waiting its turn, more announcements add nothing (it will read
   * the room as it then is). A lobby filling with 25 arrivals costs a few reads, not fifty.
   */
  function queueRefresh(sessionId: string) {
    const room = rooms.get(sessionId);
    if (!room || room.refreshWaiting) return;
    room.refreshWaiting = true;
    room.refreshing = room.refreshing
      .then(() => {
        room.refreshWaiting = false;
        return refresh(sessionId);
      })
      .catch((e) => deps.onError(e, 'live: refresh'));
  }

  return {
    /** A participant's socket, after the service let them arrive. Returns what to do with its messages and its close. */
    attach(organisationId: string, sessionId: string, userId: string, socket: Socket) {
      let room = rooms.get(sessionId);
      if (!room) {
        const onEvent = (payload: string) => {
          if (payload.startsWith('chat:')) {
            const r = rooms.get(sessionId);
            if (r) r.refreshing = r.refreshing.then(() => deliverChat(sessionId, payload.slice(5))).catch((e) => deps.onError(e, 'live: chat'));
          } else queueRefresh(sessionId);
        };
        room = { organisationId, connections: new Set(), unlisten: deps.events.listen(topicOf(sessionId), onEvent), mediaOpen: false, refreshing: Promise.resolve(), refreshWaiting: false };
        rooms.set(sessionId, room);
      }
      const c: Connection = { userId, socket, peer: null, joining: null, lastSeat: null };
      room.connections.add(c);
      queueRefresh(sessionId);
      return {
        /** A media signal from this participant's browser: to their peer, once they have one. */
        async signal(raw: unknown) {
          const parsed = ClientSignal.safeParse(raw);
          if (!parsed.success) return socket.send({ type: 'refused', code: 'live.signal.invalid', message: 'That media message could not be read.' });
          await c.joining;
          if (!c.peer) return socket.send({ type: 'refused', code: 'live.not_admitted', message: 'You can send and receive once the host lets you in.' });
          await c.peer.handle(parsed.data);
        },
        async detach() {
          room.connections.delete(c);
          await c.joining?.catch(() => undefined);
          await c.peer?.leave().catch((e) => deps.onError(e, 'live: leave'));
          c.peer = null;
          if (room.connections.size === 0 && rooms.get(sessionId) === room) {
            room.unlisten();
            rooms.delete(sessionId);
            if (room.mediaOpen) {
              room.mediaOpen = false;
              const closed = await deps.media.closeRoom(sessionId).catch(() => ({ recordings: [] }));
              await deps.onClosed(organisationId, sessionId, closed.recordings);
            }
          }
        },
      };
    },
    /** Re-reads a room now (after this instance changed it; the announcement would also do it). */
    refresh: queueRefresh,
    async close() {
      for (const [sessionId, room] of rooms) {
        room.unlisten();
        for (const c of room.connections) c.socket.close(1001, 'server stopping');
        if (room.mediaOpen) await deps.media.closeRoom(sessionId).catch(() => undefined);
      }
      rooms.clear();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
