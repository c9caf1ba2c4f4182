import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOptions, MediaPeer } from '../provider.js';
import { inspectRecording } from '../recording-check.js';
import { WeriftBrowser } from '../testing/werift-browser.js';
import { EmbeddedMediaProvider } from './provider.js';

// werift peers on 127.0.0.1 play the browsers: real ICE, DTLS and SRTP, synthetic Opus and VP8.
const HOST: JoinOptions = { role: 'host', permissions: { audio: true, video: true, screen: true }, receives: 'everyone' };
const MUTED: JoinOptions = { role: 'participant', permissions: { audio: false, video: false, screen: false }, receives: 'everyone' };

let provider: EmbeddedMediaProvider;
let dir: string;
const browsers: WeriftBrowser[] = [];

beforeAll(async () => {
  provider = await EmbeddedMediaProvider.create({ ice: { additionalHostAddresses: ['127.0.0.1'], onlyAddresses: ['127.0.0.1'] } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'continuum-media-'));
});

afterAll(async () => {
  await Promise.allSettled(browsers.map((b) => b.close()));
  await provider.close();
  rmSync(dir, { recursive: true, force: true });
});

async function enter(roomId: string, participantId: string, options: JoinOptions): Promise<{ browser: WeriftBrowser; peer: MediaPeer }> {
  const browser = new WeriftBrowser();
  browsers.push(browser);
  const peer = await provider.join(roomId, participantId, options, browser.onSignal);
  browser.deliver = (signal) => void peer.handle(signal);
  return { browser, peer };
}

async function waitFor(what: string, ok: () => boolean, ms = 8_000): Promise<void> {
  const until = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('embedded media provider', { timeout: 20_000 }, () => {
  it('R-LIVE-5 forwards the host’s camera and microphone to an admitted learner', async () => {
    await provider.openRoom('r1', { recordTo: null });
    const host = await enter('r1', 'host', HOST);
    const learner = await enter('r1', 'learner', MUTED);
    await host.browser.publish(['audio', 'camera']);
    expect(host.browser.refused).toEqual([]);
    await waitFor('the host’s video at the learner', () => learner.browser.bytesFrom('host', 'camera') > 20_000);
    await waitFor('the host’s audio at the learner', () => learner.browser.bytesFrom('host', 'audio') > 2_000);
    expect(provider.stats('r1')).toMatchObject({ participants: 2, publications: 2, forwards: 2 });
    await provider.closeRoom('r1');
  });

  it('R-LIVE-5 refuses a learner’s microphone without permission, and forwards nothing of it even if the client sends', async () => {
    await provider.openRoom('r2', { recordTo: null });
    const host = await enter('r2', 'host', HOST);
    const learner = await enter('r2', 'learner', MUTED);
    await learner.browser.publish(['audio']);
    expect(learner.browser.refused).toHaveLength(1);
    // WeriftBrowser keeps sending what was refused, as a tampered client would.
    await pause(1_500);
    expect(provider.stats('r2').refusedPackets).toBeGreaterThan(20); // it did send
    expect(host.browser.bytesFrom('learner', 'audio')).toBe(0);
    expect(host.browser.tracks).toEqual([]);

    await learner.peer.setPermissions({ audio: true, video: false, screen: false });
    await waitFor('the permissions signal', () => learner.browser.permissionsChanges === 1);
    await learner.browser.offerAgain();
    expect(learner.browser.refused).toEqual([]);
    await waitFor('the learner’s audio at the host', () => host.browser.bytesFrom('learner', 'audio') > 2_000);

    await learner.peer.setPermissions({ audio: false, video: false, screen: false });
    await waitFor('the learner’s audio to leave the host’s offer', () => host.browser.tracks.length === 0);
    const after = host.browser.totalBytes;
    await pause(1_000);
    expect(host.browser.totalBytes).toBe(after);
    await provider.closeRoom('r2');
  });

  it('sends no video to a learner in audio-only mode, and video again when they leave it', async () => {
    await provider.openRoom('r3', { recordTo: null });
    const host = await enter('r3', 'host', HOST);
    const learner = await enter('r3', 'learner', MUTED);
    await learner.peer.handle({ type: 'receive-mode', mode: 'audio-only' });
    await host.browser.publish(['audio', 'camera']);
    await waitFor('the host’s audio', () => learner.browser.bytesFrom('host', 'audio') > 2_000);
    await pause(1_000);
    expect(learner.browser.tracks.map((t) => t.source)).toEqual(['audio']);
    expect(learner.browser.totalBytes).toBe(learner.browser.bytesFrom('host', 'audio'));
    await learner.peer.handle({ type: 'receive-mode', mode: 'full' });
    await waitFor('the host’s video', () => learner.browser.bytesFrom('host', 'camera') > 20_000);
    await provider.closeRoom('r3');
  });

  it('gives a learner who receives hosts only nothing from other learners', async () => {
    await provider.openRoom('r4', { recordTo: null });
    await enter('r4', 'host', HOST);
    const speaker = await enter('r4', 'speaker', { ...MUTED, permissions: { audio: true, video: false, screen: false } });
    const listener = await enter('r4', 'listener', { ...MUTED, receives: 'hosts' });
    await speaker.browser.publish(['audio']);
    await pause(1_500);
    expect(listener.browser.tracks).toEqual([]);
    expect(provider.stats('r4').forwards).toBe(1); // the host hears the speaker
    await provider.closeRoom('r4');
  });

  it('stops the media of a participant who leaves, for everyone', async () => {
    await provider.openRoom('r5', { recordTo: null });
    const host = await enter('r5', 'host', HOST);
    const learner = await enter('r5', 'learner', MUTED);
    await host.browser.publish(['audio', 'camera']);
    await waitFor('the host’s video', () => learner.browser.bytesFrom('host', 'camera') > 5_000);
    await host.peer.leave();
    await waitFor('an offer without the host', () => learner.browser.tracks.length === 0);
    expect(provider.stats('r5')).toMatchObject({ participants: 1, forwards: 0 });
    await provider.closeRoom('r5');
  });

  it('R-LIVE-7 records what is forwarded to WebM files that a demuxer reads back', async () => {
    const recordTo = path.join(dir, 'r6');
    await provider.openRoom('r6', { recordTo });
    const host = await enter('r6', 'host', HOST);
    const learner = await enter('r6', 'learner', MUTED);
    await host.browser.publish(['audio', 'camera']);
    await learner.browser.publish(['audio']); // refused: not in any file
    await pause(3_000);
    const { recordings } = await provider.closeRoom('r6');
    expect(recordings).toHaveLength(1);
    expect(path.basename(recordings[0] ?? '')).toBe('001-host.webm');
    const summary = await inspectRecording(recordings[0] ?? '');
    expect(summary.durationSeconds).toBeGreaterThan(1.5);
    const kinds = summary.tracks.map((t) => `${t.kind}:${t.codec}`).sort();
    expect(kinds).toEqual(['audio:opus', 'video:vp8']);
    for (const t of summary.tracks) expect(t.frames).toBeGreaterThan(20);
  });

  it('refuses to join a room that is not open', async () => {
    await expect(provider.join('nowhere', 'x', HOST, () => undefined)).rejects.toMatchObject({ code: 'media.room.not_open' });
  });
});
