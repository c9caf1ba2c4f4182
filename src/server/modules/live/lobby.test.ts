import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, decide, mediaAllowed, type LobbyCommand, type LobbyRules, type Room, type Seat } from './lobby.js';

const T0 = '2026-11-23T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
// Seed 001: learners wait in the lobby, microphones and cameras off until the host allows them.
const RULES_001: LobbyRules = { lobby: true, learnerAudioOnEntry: false, learnerVideoOnEntry: false, rejoinGraceSeconds: 60 };
// Seed 000: cameras and microphones on from the start, the host still in control.
const RULES_000: LobbyRules = { ...RULES_001, learnerAudioOnEntry: true, learnerVideoOnEntry: true };

const seat = (userId: string, role: Seat['role']): Seat => ({ userId, role, standing: 'invited', audio: false, video: false, connected: false, leftAt: null });
const room = (): Room => ({ status: 'open', locked: false, seats: [seat('host', 'host'), seat('ana', 'learner'), seat('ben', 'learner'), seat('mum', 'guardian')] });

/** Runs commands in turn, failing the test on a refusal. */
function run(r: Room, rules: LobbyRules, ...commands: [LobbyCommand, string?][]): Room {
  for (const [c, now] of commands) {
    const d = decide(r, c, rules, now ?? T0);
    if (!d.ok) throw new Error(`${c.type} refused: ${d.refusal}`);
    r = apply(r, d);
  }
  return r;
}
const standing = (r: Room, id: string) => r.seats.find((s) => s.userId === id)!;

describe('the lobby (R-LIVE-3, R-LIVE-4)', () => {
  it('R-LIVE-4 learners wait until the host admits them; the host goes straight in', () => {
    const r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }]);
    expect(standing(r, 'host').standing).toBe('admitted');
    expect(standing(r, 'ana').standing).toBe('waiting');
    expect(mediaAllowed(standing(r, 'ana'))).toEqual({ audio: false, video: false, screen: false });
  });

  it('R-LIVE-3 someone not invited is refused, whatever link they hold', () => {
    expect(decide(room(), { type: 'arrive', userId: 'stranger' }, RULES_001, T0)).toEqual({ ok: false, refusal: 'live.not_invited' });
  });

  it('R-LIVE-4 the host admits one, several or all, or declines', () => {
    let r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }], [{ type: 'arrive', userId: 'ben' }], [{ type: 'arrive', userId: 'mum' }]);
    r = run(r, RULES_001, [{ type: 'decline', by: 'host', userIds: ['mum'] }], [{ type: 'admit', by: 'host', userIds: 'all' }]);
    expect(r.seats.map((s) => `${s.userId}:${s.standing}`)).toEqual(['host:admitted', 'ana:admitted', 'ben:admitted', 'mum:declined']);
  });

  it('R-LIVE-4 only staff admit; a learner cannot admit a friend', () => {
    const r = run(room(), RULES_001, [{ type: 'arrive', userId: 'ana' }], [{ type: 'arrive', userId: 'ben' }]);
    expect(decide(r, { type: 'admit', by: 'ana', userIds: ['ben'] }, RULES_001, T0)).toEqual({ ok: false, refusal: 'live.not_host' });
  });

  it('R-LIVE-5 a removed learner cannot come back without being admitted again', () => {
    let r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }], [{ type: 'admit', by: 'host', userIds: ['ana'] }]);
    r = run(r, RULES_001, [{ type: 'remove', by: 'host', userId: 'ana' }], [{ type: 'depart', userId: 'ana' }, at(1)], [{ type: 'arrive', userId: 'ana' }, at(5)]);
    expect(standing(r, 'ana').standing).toBe('waiting');
  });

  it('a dropped connection back within the grace period skips the lobby; after it, waits again', () => {
    let r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }], [{ type: 'admit', by: 'host', userIds: ['ana'] }]);
    r = run(r, RULES_001, [{ type: 'depart', userId: 'ana' }, at(10)]);
    expect(standing(run(r, RULES_001, [{ type: 'arrive', userId: 'ana' }, at(60)]), 'ana').standing).toBe('admitted');
    expect(standing(run(r, RULES_001, [{ type: 'arrive', userId: 'ana' }, at(71)]), 'ana').standing).toBe('waiting');
  });

  it('R-LIVE-5 a locked room turns new arrivals away, but not the host or those already in', () => {
    let r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }], [{ type: 'admit', by: 'host', userIds: ['ana'] }], [{ type: 'lock', by: 'host', locked: true }]);
    expect(decide(r, { type: 'arrive', userId: 'ben' }, RULES_001, T0)).toEqual({ ok: false, refusal: 'live.locked' });
    r = run(r, RULES_001, [{ type: 'depart', userId: 'ana' }, at(5)], [{ type: 'arrive', userId: 'ana' }, at(10)]);
    expect(standing(r, 'ana').standing).toBe('admitted');
  });

  it('R-LIVE-5 only the host ends the session for everyone, and nobody gets back in', () => {
    let r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }]);
    r = run(r, RULES_001, [{ type: 'end', by: 'host' }]);
    expect(r.status).toBe('ended');
    expect(r.seats.every((s) => !s.connected)).toBe(true);
    expect(decide(r, { type: 'arrive', userId: 'ana' }, RULES_001, T0)).toEqual({ ok: false, refusal: 'live.ended' });
  });
});

describe('host control of microphones and cameras (R-LIVE-5)', () => {
  it('R-LIVE-5 under 001 learners are admitted muted with cameras off; the host allows one, then all', () => {
    let r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }], [{ type: 'arrive', userId: 'ben' }], [{ type: 'admit', by: 'host', userIds: 'all' }]);
    expect(mediaAllowed(standing(r, 'ana'))).toEqual({ audio: false, video: false, screen: false });
    r = run(r, RULES_001, [{ type: 'permit', by: 'host', userIds: ['ana'], audio: true }]);
    expect([mediaAllowed(standing(r, 'ana')).audio, mediaAllowed(standing(r, 'ben')).audio]).toEqual([true, false]);
    r = run(r, RULES_001, [{ type: 'permit', by: 'host', userIds: 'all', video: true }]);
    expect(r.seats.filter((s) => s.role === 'learner').every((s) => s.video)).toBe(true);
  });

  it('R-LIVE-5 under 000 learners come in with camera and microphone on, and the host can still mute them', () => {
    let r = run(room(), RULES_000, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }], [{ type: 'admit', by: 'host', userIds: ['ana'] }]);
    expect(mediaAllowed(standing(r, 'ana'))).toEqual({ audio: true, video: true, screen: false });
    r = run(r, RULES_000, [{ type: 'permit', by: 'host', userIds: ['ana'], audio: false }]);
    expect(mediaAllowed(standing(r, 'ana')).audio).toBe(false);
  });

  it('R-LIVE-5 a learner cannot allow themselves, and a waiting learner cannot be given a microphone', () => {
    const r = run(room(), RULES_001, [{ type: 'arrive', userId: 'host' }], [{ type: 'arrive', userId: 'ana' }]);
    expect(decide(r, { type: 'permit', by: 'ana', userIds: ['ana'], audio: true }, RULES_001, T0)).toEqual({ ok: false, refusal: 'live.not_host' });
    expect(decide(r, { type: 'permit', by: 'host', userIds: ['ana'], audio: true }, RULES_001, T0)).toEqual({ ok: false, refusal: 'live.not_admitted' });
  });

  const userIds = ['host', 'ana', 'ben', 'mum'];
  const command = fc.oneof(
    fc.constantFrom(...userIds).map((userId): LobbyCommand => ({ type: 'arrive', userId })),
    fc.constantFrom(...userIds).map((userId): LobbyCommand => ({ type: 'depart', userId })),
    fc.tuple(fc.constantFrom(...userIds), fc.subarray(userIds)).map(([by, ids]): LobbyCommand => ({ type: 'admit', by, userIds: ids })),
    fc.constantFrom(...userIds).map((by): LobbyCommand => ({ type: 'admit', by, userIds: 'all' })),
    fc.tuple(fc.constantFrom(...userIds), fc.constantFrom(...userIds)).map(([by, userId]): LobbyCommand => ({ type: 'remove', by, userId })),
    fc.tuple(fc.constantFrom(...userIds), fc.subarray(userIds), fc.boolean(), fc.boolean()).map(([by, ids, audio, video]): LobbyCommand => ({ type: 'permit', by, userIds: ids, audio, video })),
    fc.tuple(fc.constantFrom(...userIds), fc.boolean()).map(([by, locked]): LobbyCommand => ({ type: 'lock', by, locked })),
  );

  it('R-LIVE-5 whatever happens, nobody reaches media before admission, learners never share a screen, and only staff change anything', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(command, fc.integer({ min: 0, max: 120 })), { maxLength: 40 }), fc.boolean(), (steps, camerasOn) => {
        const rules = camerasOn ? RULES_000 : RULES_001;
        let r = room();
        let clock = 0;
        for (const [c, gap] of steps) {
          clock += gap;
          const d = decide(r, c, rules, at(clock));
          if ('by' in c && c.by !== 'host' && d.ok) throw new Error(`${c.by} changed the room: ${c.type}`);
          if (d.ok) r = apply(r, d);
          for (const s of r.seats) {
            const m = mediaAllowed(s);
            if (s.standing !== 'admitted' && (m.audio || m.video || m.screen)) return false;
            if (s.role !== 'host' && s.role !== 'staff' && m.screen) return false;
          }
        }
        return true;
      }),
    );
  });
});
