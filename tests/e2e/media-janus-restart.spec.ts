/// <reference lib="dom" />
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToTheEnd, janusSuite, probeRecording, startJanusStage, type JanusStage } from './janus-stage.js';
import { connects, expectFramesFlowing, expectMicrophoneAllowed, expectMicrophoneRefused, inbound, openClass, outbound, pause, publish, waitForAnswer, refused } from './media-page.js';

// Issue 6, Media: a Janus that dies mid-lesson (SIGKILL, as the OOM killer would) is started
// again by our provider with the same settings; the rooms that were open are opened again in
// it (a recorded one records on into new files, and keeps what was written before the crash);
// each participant's page is told (its socket closes with 1012, as the hub does) and reconnects
// as after a dropped connection, and is joined again with the permissions then in force, which
// the new Janus enforces. Chromium across a veth pair, as media-janus.spec.ts (janus-stage.ts).

const ROOM = 'lesson';
const { skip, unavailable } = janusSuite('media-janus-restart.spec.ts');
/** As for a Janus that has run a while: the first restart comes after ¼ s. */
const RESTART = { delaysMs: [250, 1_000, 4_000], stableMs: 5_000 };

let stage: JanusStage;
let janusStartedAt = 0;
const logged: string[] = [];
const logger = {
  warn: (_d: object, message: string) => logged.push(`warn: ${message}`),
  error: (_d: object, message: string) => logged.push(`error: ${message}`),
  info: (_d: object, message: string) => logged.push(`info: ${message}`),
};

describe.skipIf(skip)(skip ? `Janus restart (skipped: ${unavailable})` : 'Janus restart', () => {
  beforeAll(async () => {
    if (unavailable) throw new Error(`The Janus media tests cannot run: ${unavailable}.`);
    stage = await startJanusStage(ROOM, { restart: RESTART, logger });
    janusStartedAt = performance.now();
  });

  afterAll(() => stage?.close());

  let teacher: Page;
  let learner: Page;
  let killedAt = 0;
  /** When the teacher started publishing, and when their media had been reaching the learner for a second. */
  let publishedAt = 0;
  let flowingAt = 0;
  let beforeCrash = 0;

  it('R-LIVE-5 before the crash: the teacher reaches the learner, whose microphone Janus drops', async () => {
    ({ teacher, learner } = await openClass(stage.browser, stage.server, '&tamper=1'));
    publishedAt = performance.now();
    await publish(teacher, { audio: true, video: { width: 640, height: 360 } });
    await expectFramesFlowing(learner, 30_000);
    flowingAt = performance.now();
    await expectMicrophoneRefused(learner);
    await expect.poll(async () => (await outbound(learner, 'audio')).bytes, { timeout: 20_000, interval: 250 }).toBeGreaterThan(1_000);
    await pause(2_000);
    expect((await inbound(teacher, 'audio')).bytes).toBe(0);
  });

  it('after SIGKILL, Janus is started again and media flows to the learner again without the lobby', async () => {
    const janus = stage.provider.process;
    if (!janus) throw new Error('the provider started no Janus');
    await pause(Math.max(0, RESTART.stableMs + 500 - (performance.now() - janusStartedAt))); // it has run a while
    beforeCrash = (await inbound(learner, 'video')).frames;
    killedAt = performance.now();
    process.kill(janus.pid, 'SIGKILL');

    // Both pages are told (their sockets close) and come back by themselves.
    await expect.poll(() => connects(learner), { timeout: 15_000, interval: 100 }).toBe(2);
    await expect.poll(() => connects(teacher), { timeout: 15_000, interval: 100 }).toBe(2);
    await expect.poll(async () => (await inbound(learner, 'video')).frames, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0);
    const seconds = (performance.now() - killedAt) / 1000;
    process.stdout.write(`Janus restart: video frames reach the learner again ${seconds.toFixed(1)} s after SIGKILL (before: ${beforeCrash} frames)\n`);
    await expectFramesFlowing(learner, 10_000);
    expect(seconds).toBeLessThan(15);

    expect(stage.provider.process?.pid).not.toBe(janus.pid);
    expect(stage.provider.health).toEqual({ state: 'up', restarts: 1 });
    expect(logged).toContain('error: live media (Janus): Janus died; starting it again');
    expect(logged).toContain('info: live media (Janus): Janus is running again; its rooms are open again');
    expect(stage.server.errors).toEqual([]);
  });

  it('R-LIVE-5 after the restart the learner without permission is still refused by the new Janus, until the host allows them', async () => {
    // The page offered its microphone again on reconnecting: refused in the answer, and dropped by Janus although sent.
    await waitForAnswer(learner);
    expect(await refused(learner)).toHaveLength(1);
    await expect.poll(async () => (await outbound(learner, 'audio')).bytes, { timeout: 20_000, interval: 250 }).toBeGreaterThan(1_000);
    await pause(3_000);
    expect((await outbound(learner, 'audio')).bytes).toBeGreaterThan(5_000); // it kept sending
    expect((await inbound(teacher, 'audio')).bytes).toBe(0);
    stage.server.admitted.set('learner', { ...stage.server.admitted.get('learner')!, permissions: { audio: true, video: false, screen: false } });
    await expectMicrophoneAllowed(stage.server, teacher, learner, 20_000);
  });

  it('R-LIVE-7 a recorded lesson keeps what was recorded before the crash and records on into new files', async () => {
    const closedAt = performance.now();
    const { recordings } = await stage.provider.closeRoom(ROOM);
    const names = recordings.map((f) => path.basename(f));
    // Before the crash: the teacher (the learner's refused microphone left nothing to keep); after: both, in the order they came back.
    expect(names[0]).toBe('001-teacher.webm');
    expect(names.slice(1).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^00[34]-teacher\.webm$/), expect.stringMatching(/^00[34]-learner\.webm$/)]));
    expect(names).toHaveLength(3);
    const before = probeRecording(recordings[0]!);
    const after = probeRecording(recordings[names.findIndex((n, i) => i > 0 && n.endsWith('-teacher.webm'))]!);
    expect(before.streams).toEqual(['audio:opus', 'video:vp8']);
    expect(after.streams).toEqual(['audio:opus', 'video:vp8']);
    // Everything up to the crash is kept: at least since the teacher's media was seen flowing (it
    // had flowed a second by then, more than Janus holds unwritten), and no more than since they published.
    expect(before.duration).toBeGreaterThan((killedAt - flowingAt) / 1000);
    expect(before.duration).toBeLessThan((killedAt - publishedAt) / 1000);
    expect(after.duration).toBeGreaterThan(3);
    expect(after.duration).toBeLessThan((closedAt - killedAt) / 1000);
    decodeToTheEnd(recordings);
  });
});
