import { describe, expect, it } from 'vitest';
import type { JanusExit } from './process.js';
import { Supervisor, type RestartPolicy, type Supervised } from './supervisor.js';

/** A stand-in child process: the test decides when it exits. */
class Child implements Supervised {
  readonly exited: Promise<JanusExit>;
  stopped = false;
  private end!: (exit: JanusExit) => void;
  constructor(readonly n: number) {
    this.exited = new Promise((resolve) => (this.end = resolve));
  }
  crash(): void {
    this.end({ code: null, signal: 'SIGKILL' });
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.end({ code: 0, signal: null });
  }
}

const POLICY: RestartPolicy = { delaysMs: [5, 10, 20], stableMs: 1_000 };
const tick = (ms = 40) => new Promise((r) => setTimeout(r, ms));

function supervised(opts: { failLaunches?: number; now?: () => number } = {}) {
  const events: string[] = [];
  const children: Child[] = [new Child(0)];
  let failures = opts.failLaunches ?? 0;
  const supervisor = new Supervisor<Child>(
    children[0]!,
    {
      launch: async () => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('no start');
        }
        const child = new Child(children.length);
        children.push(child);
        return child;
      },
      down: (exit) => events.push(`down ${exit.signal}`),
      up: (child, attempts) => events.push(`up ${child.n} after ${attempts}`),
      failed: (_e, attempt) => events.push(`failed ${attempt}`),
      gaveUp: () => events.push('gave up'),
      now: opts.now,
    },
    POLICY,
  );
  return { supervisor, events, children };
}

describe('Janus supervision', () => {
  it('starts Janus again after it dies, and not after stop()', async () => {
    let now = 0;
    const { supervisor, events, children } = supervised({ now: () => now });
    now = 5_000; // a long run: the shortest wait
    children[0]!.crash();
    await tick();
    expect(events).toEqual(['down SIGKILL', 'up 1 after 1']);
    expect(supervisor.current).toBe(children[1]);
    expect(supervisor.healthy).toBe(true);
    await supervisor.stop();
    await tick();
    expect(children[1]!.stopped).toBe(true);
    expect(events).toHaveLength(2);
  });

  it('waits longer after each quick failure, and gives up after a few: unhealthy', async () => {
    const { supervisor, events, children } = supervised({ failLaunches: 1, now: () => 0 });
    children[0]!.crash(); // at once after starting: a quick failure, the second wait
    await tick(60);
    expect(events).toEqual(['down SIGKILL', 'failed 1', 'up 1 after 2']);
    children[1]!.crash(); // quick again: past the last wait
    await tick(60);
    expect(events.slice(3)).toEqual(['down SIGKILL', 'gave up']);
    expect(supervisor.healthy).toBe(false);
    expect(supervisor.gaveUp).toBe(true);
    await supervisor.stop();
  });

  it('stop() during the wait before a restart starts nothing', async () => {
    const { supervisor, events, children } = supervised({ now: () => 0 });
    children[0]!.crash();
    await tick(1);
    await supervisor.stop();
    await tick(60);
    expect(events).toEqual(['down SIGKILL']);
    expect(children).toHaveLength(1);
  });
});
