/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedMediaProvider } from '../../src/server/modules/live/media/embedded/provider.js';
import { inspectRecording } from '../../src/server/modules/live/media/recording-check.js';
import { expectAudioOnlyBudget, expectLayersFollowMode, expectMicrophoneAllowed, expectMicrophoneRefused, expectTeacherReachesOnlyAdmitted, inbound, openClass, pause, serveMediaPage, type MediaPageServer } from './media-page.js';

// Issue 6, Media: the embedded SFU with real Chromium peers (fake camera and microphone) on
// 127.0.0.1, through the shared test page and signalling server (media-page.ts).

const ROOM = 'lesson';

let provider: EmbeddedMediaProvider;
let server: MediaPageServer;
let browser: Browser;
let recordTo: string;

beforeAll(async () => {
  recordTo = mkdtempSync(path.join(os.tmpdir(), 'continuum-media-e2e-'));
  provider = await EmbeddedMediaProvider.create({ ice: { additionalHostAddresses: ['127.0.0.1'], onlyAddresses: ['127.0.0.1'] } });
  await provider.openRoom(ROOM, { recordTo });
  server = await serveMediaPage(provider, ROOM, '127.0.0.1');
  browser = await launchBrowser({ media: true });
});

afterAll(async () => {
  await browser?.close();
  await provider?.close();
  await server?.close();
  rmSync(recordTo, { recursive: true, force: true });
});

describe('embedded SFU in Chromium', () => {
  let teacher: Page;
  let learner: Page;
  let waiting: Page;

  it('R-LIVE-5 an admitted learner receives the teacher’s video frames; a learner in the lobby receives nothing', async () => {
    ({ teacher, learner, waiting } = await openClass(browser, server));
    await expectTeacherReachesOnlyAdmitted(teacher, learner, waiting, 20_000);
  });

  it('low-bitrate mode receives the teacher’s lowest simulcast layer, and full mode the highest', async () => {
    await expectLayersFollowMode(learner, 15_000);
  });

  it('R-LIVE-5 a learner’s microphone without permission reaches nobody until the host allows it', async () => {
    await expectMicrophoneRefused(learner);
    await pause(2_000);
    expect((await inbound(teacher, 'audio')).bytes).toBe(0);

    await expectMicrophoneAllowed(server, teacher, learner, 15_000);
  });

  it('audio-only mode receives at most 64 kbps, measured from WebRTC stats', async () => {
    const kbps = await expectAudioOnlyBudget(learner, 10_000);
    process.stdout.write(`audio-only received ${kbps.toFixed(1)} kbps (transport bytes, RTP and RTCP)\n`);
  });

  it('R-LIVE-7 records the lesson to a WebM file that plays', async () => {
    const { recordings } = await provider.closeRoom(ROOM);
    expect(recordings.length).toBeGreaterThanOrEqual(1);
    const teacherFile = recordings.find((f) => path.basename(f).endsWith('-teacher.webm'));
    expect(teacherFile).toBeDefined();
    const summary = await inspectRecording(teacherFile ?? '');
    expect(summary.durationSeconds).toBeGreaterThan(2);
    const video = summary.tracks.find((t) => t.kind === 'video');
    const audio = summary.tracks.find((t) => t.kind === 'audio');
    expect(video).toMatchObject({ codec: 'vp8' });
    expect(audio).toMatchObject({ codec: 'opus' });
    expect(video?.frames).toBeGreaterThan(30);
    expect(audio?.frames).toBeGreaterThan(100);
  });
});
