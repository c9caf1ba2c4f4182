/// <reference lib="dom" />
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Janode, { type JanodeHandle } from 'janode';
import VideoRoom from 'janode/plugins/videoroom';
import type { JanusParticipant } from '../../src/server/modules/live/media/janus/participant.js';
import type { JoinOptions } from '../../src/server/modules/live/media/provider.js';
import { decodeToTheEnd, janusSuite, probeRecording, startJanusStage, type JanusStage } from './janus-stage.js';
import { HOST, LEARNER, expectAudioOnlyBudget, expectLayersFollowMode, expectMicrophoneAllowed, expectMicrophoneRefused, expectTeacherReachesOnlyAdmitted, inbound, openClass, openMediaPage, outbound, pause, tracksOf } from './media-page.js';

// Issue 6, Media: the same journey as media-embedded.spec.ts, on Janus (Debian's janus 1.1,
// VideoRoom) driven by our provider, with Chromium across a veth pair (janus-stage.ts).

const ROOM = 'lesson';
const { skip, unavailable } = janusSuite('media-janus.spec.ts');
let stage: JanusStage;

describe.skipIf(skip)(skip ? `Janus SFU in Chromium (skipped: ${unavailable})` : 'Janus SFU in Chromium', () => {
  beforeAll(async () => {
    if (unavailable) throw new Error(`The Janus media tests cannot run: ${unavailable}.`);
    stage = await startJanusStage(ROOM);
    expect(stage.provider.canRecord).toBe(true);
  });

  afterAll(() => stage?.close());

  const open = (id: string, options: JoinOptions | null, query = '') => openMediaPage(stage.browser, stage.server, id, options, query);

  let teacher: Page;
  let learner: Page;
  let waiting: Page;
  /** When the learner's refused microphone started reaching Janus, and when the host allowed it. */
  let refusedFrom = 0;
  let allowedAt = 0;

  it('R-LIVE-5 an admitted learner receives the teacher’s video frames through Janus; a learner in the lobby receives nothing', async () => {
    ({ teacher, learner, waiting } = await openClass(stage.browser, stage.server, '&tamper=1'));
    await expectTeacherReachesOnlyAdmitted(teacher, learner, waiting, 30_000);
  });

  it('low-bitrate mode receives the teacher’s lowest simulcast layer, and full mode the highest', async () => {
    await expectLayersFollowMode(learner, 20_000);
  });

  it('R-LIVE-5 a learner’s microphone without permission is dropped by Janus, even from a client that sends it anyway, until the host allows it', async () => {
    await expectMicrophoneRefused(learner);
    // The tampered client sends its microphone regardless; Janus moderates it away.
    await expect.poll(async () => (await outbound(learner, 'audio')).bytes, { timeout: 20_000, interval: 250 }).toBeGreaterThan(1_000);
    refusedFrom = performance.now();
    await pause(4_000);
    expect((await outbound(learner, 'audio')).bytes).toBeGreaterThan(10_000); // it kept sending
    expect((await inbound(teacher, 'audio')).bytes).toBe(0);

    allowedAt = performance.now();
    await expectMicrophoneAllowed(stage.server, teacher, learner, 20_000);
  });

  it('a learner who receives hosts only gets the teacher and nothing from other learners', async () => {
    const listener = await open('listener', { ...LEARNER, receives: 'hosts' });
    await expect.poll(() => tracksOf(listener), { timeout: 15_000 }).toEqual(['teacher:audio', 'teacher:camera']);
    expect(await tracksOf(teacher)).toEqual(['learner:audio']); // the learner is heard, now allowed
    await expect.poll(async () => (await inbound(listener, 'video')).frames, { timeout: 20_000, interval: 250 }).toBeGreaterThan(5);
    await listener.context().close();
  });

  it('refuses to join a room that is not open, or to open one twice', async () => {
    await expect(stage.provider.join('nowhere', 'x', HOST, () => undefined)).rejects.toMatchObject({ code: 'media.room.not_open' });
    await expect(stage.provider.openRoom(ROOM, { recordTo: null })).rejects.toMatchObject({ code: 'media.room.already_open' });
  });

  it('audio-only mode receives at most 64 kbps, measured from WebRTC stats', async () => {
    const kbps = await expectAudioOnlyBudget(learner, 15_000);
    process.stdout.write(`Janus audio-only received ${kbps.toFixed(1)} kbps (transport bytes, RTP and RTCP)\n`);
  });

  it('R-LIVE-5 a removed learner loses their Janus token before being kicked: their media stops for everyone and the token admits nobody', async () => {
    const removed = stage.server.peers.get('learner') as JanusParticipant;
    const sees = () => teacher.evaluate(() => (window as unknown as { media: { tracks: { participantId: string }[] } }).media.tracks.map((t) => t.participantId));
    expect(await sees()).toContain('learner');
    await removed.leave();
    await expect.poll(sees, { timeout: 10_000 }).not.toContain('learner');
    expect(stage.provider.stats(ROOM)).toMatchObject({ participants: 1 }); // the teacher; the waiting learner never joined

    // Someone holding the removed learner's token (say, a client that kept it) cannot get back in.
    const janus = stage.provider.process;
    const connection = await Janode.connect({ address: { url: janus?.apiUrl ?? '', apisecret: janus?.apiSecret ?? '' } });
    try {
      const session = await connection.create();
      const handle = await session.attach<JanodeHandle>(VideoRoom);
      const rejoin = handle.message({ request: 'join', ptype: 'publisher', room: stage.provider.janusRoomOf(ROOM), id: 'intruder', token: removed.token });
      await expect(rejoin).rejects.toThrow(/unauthorized/i);
      await session.destroy();
    } finally {
      await connection.close();
    }
  });

  it('R-LIVE-7 records the lesson to one playable file per publisher, made by janus-pp-rec and ffmpeg', async () => {
    const closedAt = performance.now();
    const { recordings } = await stage.provider.closeRoom(ROOM);
    expect(recordings.map((f) => path.basename(f))).toEqual(['001-teacher.webm', '002-learner.webm']);
    const teacherFile = probeRecording(recordings[0] ?? '');
    expect(teacherFile.duration).toBeGreaterThan(10);
    expect(teacherFile.streams).toEqual(['audio:opus', 'video:vp8']);
    // The learner's microphone is in the recording only from when the host allowed it: what
    // Janus was moderating away was never recorded either.
    const learnerFile = probeRecording(recordings[1] ?? '');
    expect(learnerFile.streams).toEqual(['audio:opus']);
    expect(learnerFile.duration).toBeGreaterThan(1);
    expect(learnerFile.duration).toBeLessThan((closedAt - allowedAt) / 1000 + 0.5);
    expect((closedAt - refusedFrom) / 1000 - learnerFile.duration).toBeGreaterThan(3);
    decodeToTheEnd(recordings);
  });
});
