import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createMediaNetwork, mediaNetworkUnavailable, type MediaNetwork } from '../../scripts/janus/netns.js';
import { installed } from '../../src/server/modules/live/media/janus/process.js';
import { JanusMediaProvider, type JanusStartOptions } from '../../src/server/modules/live/media/janus/provider.js';
import { launchBrowser } from './browser.js';
import { serveMediaPage, type MediaPageServer } from './media-page.js';

// What the Janus browser tests (media-janus, media-janus-restart) share. Janus does no ICE over
// loopback, so Chromium runs in a network namespace of the test's own, joined to ours by a veth
// pair (scripts/janus/netns.ts): Janus gathers on our end, and Chromium reaches it and the test's
// signalling server (media-page.ts) across the pair. Without Janus (or root for the namespace)
// the suites are skipped here, with a note, and fail in CI.

const CI = process.env.CI === 'true' || process.env.CI === '1';

/** Whether a Janus suite runs here: `skip` without Janus, its tools or the namespace, unless in CI (where it fails). */
export function janusSuite(file: string): { skip: boolean; unavailable: string | null } {
  const tools = ['janus', 'janus-pp-rec', 'ffmpeg', 'ffprobe'].filter((t) => !installed(t));
  const unavailable = tools.length ? `${tools.join(', ')} not installed (apt-get install janus janus-tools ffmpeg)` : mediaNetworkUnavailable();
  const skip = unavailable !== null && !CI;
  if (skip) process.stdout.write(`${file} skipped: ${unavailable}. CI=true makes this a failure.\n`);
  return { skip, unavailable };
}

export interface JanusStage {
  network: MediaNetwork;
  provider: JanusMediaProvider;
  server: MediaPageServer;
  browser: Browser;
  /** A folder of the test's own (Janus's configuration is in `janus/`). */
  dir: string;
  /** Each step runs even if one before it failed: the namespace and Janus must not outlive the run. */
  close(): Promise<void>;
}

/** The namespace, Janus (our provider), `room` open (recorded into `<dir>/recordings`), the page's server, and Chromium. */
export async function startJanusStage(room: string, options: Partial<JanusStartOptions> = {}): Promise<JanusStage> {
  const stage: Partial<JanusStage> = {};
  const close = async () => {
    const steps = [() => stage.browser?.close(), () => stage.provider?.close(), () => stage.server?.close(), () => stage.network?.close(), () => stage.dir && rmSync(stage.dir, { recursive: true, force: true })];
    for (const step of steps) await Promise.resolve().then(step).catch(() => undefined);
  };
  try {
    const network = (stage.network = createMediaNetwork());
    const dir = (stage.dir = mkdtempSync(path.join(os.tmpdir(), 'continuum-janus-e2e-')));
    const provider = (stage.provider = await JanusMediaProvider.start({ ...options, dir: path.join(dir, 'janus'), iceAddresses: [network.hostAddress] }));
    await provider.openRoom(room, { recordTo: path.join(dir, 'recordings') });
    // Chromium is on the far side of the veth pair: the page comes from our end of it.
    const server = (stage.server = await serveMediaPage(provider, room, network.hostAddress));
    // The camera needs a secure origin; ours is plain HTTP on the pair.
    stage.browser = await launchBrowser({ media: true, wrap: (binary) => network.chromium(binary), args: [`--unsafely-treat-insecure-origin-as-secure=${server.base}`] });
    return { ...(stage as Omit<JanusStage, 'close'>), close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** What ffprobe reads in a recorded file: its duration in seconds, and its streams as `kind:codec`, sorted. */
export function probeRecording(file: string): { duration: number; streams: string[] } {
  const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name', '-of', 'json', file], { encoding: 'utf8' })) as {
    format: { duration: string };
    streams: { codec_type: string; codec_name: string }[];
  };
  return { duration: Number(out.format.duration), streams: out.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort() };
}

/** Every file decodes to the end: ffmpeg reads it through and reports no error (it throws otherwise). */
export function decodeToTheEnd(files: readonly string[]): void {
  for (const file of files) execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'], { stdio: 'pipe' });
}
