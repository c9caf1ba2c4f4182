// A private network for Janus's browser tests and benchmark (DESIGN.md, Live media): Janus does
// no ICE over loopback, so media crosses a veth pair instead. One end (`hostAddress`) stays in
// our network namespace, where Janus gathers its candidates; the other (`peerAddress`) is in a
// namespace of its own, with no route out, where Chromium runs. A /30 from 10.203.0.0/24 that
// no interface here uses yet. Needs root (`ip netns`), as the test machine and CI run.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MediaNetwork {
  /** The namespace the peer end is in. */
  readonly namespace: string;
  /** Our end's address (Janus listens for media here). */
  readonly hostAddress: string;
  /** The far end's address, inside `namespace`. */
  readonly peerAddress: string;
  /** A script that runs its arguments inside the namespace (`<script> /usr/bin/chromium …`). */
  readonly exec: string;
  /** A script that runs Chromium inside the namespace, for Playwright's `executablePath`. */
  chromium(binary: string): string;
  /** Deletes the pair and the namespace. */
  close(): void;
}

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Why a media network cannot be made here, or null when it can. */
export function mediaNetworkUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root';
  try {
    ip('netns', 'list');
    return null;
  } catch {
    return 'the `ip` command (iproute2) is missing or network namespaces are not permitted';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return pid !== process.pid;
  } catch {
    return false;
  }
}

/** Namespaces (and their pairs) left by runs that died before they could tidy up (named by their pid). */
function removeLeftovers(): void {
  for (const line of ip('netns', 'list').split('\n')) {
    const tag = /^continuum-media-(\d+)/.exec(line)?.[1];
    if (!tag || alive(Number(tag))) continue;
    for (const args of [['link', 'del', `cjm${tag}h`], ['netns', 'del', `continuum-media-${tag}`]]) {
      try {
        ip(...args);
      } catch {
        // already gone
      }
    }
  }
}

export function createMediaNetwork(): MediaNetwork {
  const unavailable = mediaNetworkUnavailable();
  if (unavailable) throw new Error(`Cannot create the media test network: ${unavailable}.`);
  const tag = String(process.pid);
  const namespace = `continuum-media-${tag}`;
  const hostSide = `cjm${tag}h`;
  const peerSide = `cjm${tag}p`;
  const used = ip('-4', '-o', 'addr', 'show');
  let block = -1;
  for (let i = 0; i < 64; i++) {
    const candidate = (process.pid + i) % 64;
    if (!used.includes(` 10.203.0.${candidate * 4 + 1}/`) && !used.includes(` 10.203.0.${candidate * 4 + 2}/`)) {
      block = candidate;
      break;
    }
  }
  if (block < 0) throw new Error('No free /30 left in 10.203.0.0/24 for the media test network.');
  const hostAddress = `10.203.0.${block * 4 + 1}`;
  const peerAddress = `10.203.0.${block * 4 + 2}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'continuum-netns-'));
  const exec = path.join(dir, 'in-namespace');
  let made = false;
  const close = () => {
    if (made) {
      try {
        ip('link', 'del', hostSide); // takes its peer with it
      } catch {
        // already gone
      }
      try {
        ip('netns', 'del', namespace);
      } catch {
        // already gone
      }
      made = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    removeLeftovers();
    ip('netns', 'add', namespace);
    made = true;
    ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', peerSide);
    ip('link', 'set', peerSide, 'netns', namespace);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostSide);
    ip('link', 'set', hostSide, 'up');
    ip('netns', 'exec', namespace, 'ip', 'addr', 'add', `${peerAddress}/30`, 'dev', peerSide);
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', peerSide, 'up');
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');
    writeFileSync(exec, `#!/bin/sh\nexec ip netns exec ${namespace} "$@"\n`);
    chmodSync(exec, 0o755);
  } catch (e) {
    close();
    throw e;
  }
  return {
    namespace,
    hostAddress,
    peerAddress,
    exec,
    chromium(binary: string) {
      const script = path.join(dir, 'chromium');
      writeFileSync(script, `#!/bin/sh\nexec ip netns exec ${namespace} ${JSON.stringify(binary)} "$@"\n`);
      chmodSync(script, 0o755);
      return script;
    },
    close,
  };
}
