import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { secret, writeJanusConfig, type JanusSettings } from './config.js';

export interface StartJanusOptions {
  /** The folder for Janus's configuration, e.g. `<DATA_DIR>/janus`. */
  dir: string;
  /** ICE addresses, public addresses, UDP ports and log level (see JanusSettings). */
  iceAddresses?: string[];
  publicAddresses?: string[];
  udpPorts?: [number, number] | null;
  debugLevel?: number;
  /** Ports for the two WebSocket APIs on 127.0.0.1 (free ones when not given). */
  apiPort?: number;
  adminPort?: number;
  /** The `janus` binary (default: `janus` on PATH). */
  binary?: string;
  /** How long to wait for Janus to answer on its API (default 20 s). */
  readyTimeoutMs?: number;
  /** Janus's output, line by line (e.g. to the server's log). */
  onLine?: (line: string) => void;
}

/** How a Janus process ended. */
export interface JanusExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Everything a Janus is started with: a restart uses the same (ports, secrets, addresses). */
export interface JanusLaunch {
  settings: JanusSettings;
  binary: string;
  readyTimeoutMs: number;
  onLine?: (line: string) => void;
}

/** A Janus we started: where its APIs are, and how to stop it. */
export interface RunningJanus {
  readonly apiUrl: string;
  readonly adminUrl: string;
  readonly apiSecret: string;
  readonly adminSecret: string;
  readonly roomAdminKey: string;
  readonly pid: number;
  /** Janus's last lines of output (for error messages). */
  output(): string;
  /** Settles when the process has exited, however it ended (stop(), a crash, a kill). */
  readonly exited: Promise<JanusExit>;
  /** Stops Janus (SIGTERM, then SIGKILL after `graceMs`) and waits for it to exit. */
  stop(graceMs?: number): Promise<void>;
}

/** Whether a program is on PATH (or at the path given). */
export function installed(binary: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', binary], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Works out everything Janus is started with: free ports for its two APIs unless given, and
 * fresh secrets. Fails at once when Janus is not installed.
 */
export async function janusLaunch(options: StartJanusOptions): Promise<JanusLaunch> {
  const binary = options.binary ?? 'janus';
  if (!installed(binary)) throw new Error(`Janus is not installed (no ${binary}): apt-get install janus janus-tools ffmpeg`);
  return {
    settings: {
      dir: path.resolve(options.dir),
      apiPort: options.apiPort ?? (await freePort()),
      adminPort: options.adminPort ?? (await freePort()),
      apiSecret: secret(),
      adminSecret: secret(),
      roomAdminKey: secret(),
      iceAddresses: options.iceAddresses ?? [],
      publicAddresses: options.publicAddresses ?? [],
      udpPorts: options.udpPorts ?? null,
      debugLevel: options.debugLevel ?? 4,
    },
    binary,
    readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
    onLine: options.onLine,
  };
}

/**
 * Writes Janus's configuration and starts `janus -F <dir>` as our child, then waits until both
 * of its WebSocket APIs accept connections. If our process exits without stopping it, it is
 * killed on the way out.
 */
export async function startJanus(options: StartJanusOptions): Promise<RunningJanus> {
  return launchJanus(await janusLaunch(options));
}

/** Starts Janus as `launch` says (again, after a crash: the same ports and secrets). */
export async function launchJanus(launch: JanusLaunch): Promise<RunningJanus> {
  const { settings, binary } = launch;
  await writeJanusConfig(settings);

  const child: ChildProcess = spawn(binary, ['-F', settings.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let rest = '';
  const take = (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      launch.onLine?.(line);
    }
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<JanusExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  void exited.then(() => process.off('exit', orphan));
  const output = () => lines.join('\n');

  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const until = performance.now() + launch.readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Janus exited before it was ready:\n${output()}`);
    if ((await portOpen(settings.apiPort)) && (await portOpen(settings.adminPort))) break;
    if (performance.now() > until) {
      await stop(1_000);
      throw new Error(`Janus did not open its API within ${launch.readyTimeoutMs} ms:\n${output()}`);
    }
    await sleep(50);
  }
  return {
    apiUrl: `ws://127.0.0.1:${settings.apiPort}`,
    adminUrl: `ws://127.0.0.1:${settings.adminPort}`,
    apiSecret: settings.apiSecret,
    adminSecret: settings.adminSecret,
    roomAdminKey: settings.roomAdminKey,
    pid: child.pid ?? 0,
    output,
    exited,
    stop,
  };
}
