import { setTimeout as sleep } from 'node:timers/promises';
import type { JanusExit } from './process.js';

/** Something the supervisor keeps running: it settles `exited` when it ends, and can be stopped. */
export interface Supervised {
  readonly exited: Promise<JanusExit>;
  stop(): Promise<void>;
}

export interface RestartPolicy {
  /**
   * The wait before an attempt to start again, by how many quick failures came in a row before
   * it (an exit soon after a start, or a start that failed): after a long run, `delaysMs[0]`;
   * once the failures outnumber the waits, the supervisor gives up.
   */
  delaysMs: readonly number[];
  /** A run this long is no quick failure: the count starts again. */
  stableMs: number;
}

/** Restart after ¼ s, 1 s, then 4 s; three quick failures in a row and we give up. */
export const DEFAULT_RESTART: RestartPolicy = { delaysMs: [250, 1_000, 4_000], stableMs: 30_000 };

export interface SupervisorHooks<T extends Supervised> {
  /** Starts it again; a rejection counts as a quick failure. */
  launch(): Promise<T>;
  /** It ended without `stop()`: whatever depended on it is gone. Called once per exit. */
  down(exit: JanusExit): void;
  /** A launch after an exit has succeeded: it is running again. */
  up(running: T, attempts: number): void;
  /** Every attempt failed: it stays down until the supervisor is stopped. */
  gaveUp(error: unknown): void;
  /** One attempt failed (logged by the caller). */
  failed(error: unknown, attempt: number): void;
  now?: () => number;
}

/**
 * Keeps a child process (Janus) running: when it exits other than through `stop()`, it is
 * launched again after a short wait, waiting longer after each quick failure, until one run
 * lasts `stableMs` or every wait has been used (then it gives up: `healthy` is false).
 */
export class Supervisor<T extends Supervised> {
  private running: T;
  private stopping = false;
  private upSince: number;
  private quickFailures = 0;
  private restarting: Promise<void> | null = null;
  private readonly abort = new AbortController();
  /** Running, and not being started again. */
  healthy = true;
  /** Every attempt to start it again failed: it stays down. */
  gaveUp = false;

  constructor(
    first: T,
    private readonly hooks: SupervisorHooks<T>,
    private readonly policy: RestartPolicy = DEFAULT_RESTART,
  ) {
    this.running = first;
    this.upSince = this.now();
    this.watch(first);
  }

  /** What runs now (after a give-up, the last that ran). */
  get current(): T {
    return this.running;
  }

  /** Stops supervising and stops what runs (waits for a restart under way to end first). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.restarting;
    await this.running.stop();
  }

  private now(): number {
    return (this.hooks.now ?? (() => performance.now()))();
  }

  private watch(running: T): void {
    void running.exited.then((exit) => {
      if (this.stopping || running !== this.running) return;
      this.restarting = this.restart(exit);
    });
  }

  private async restart(exit: JanusExit): Promise<void> {
    this.healthy = false;
    // A crash after a long run waits the shortest; each quick failure in a row waits longer.
    this.quickFailures = this.now() - this.upSince >= this.policy.stableMs ? 0 : this.quickFailures + 1;
    this.hooks.down(exit);
    let attempts = 0;
    let lastError: unknown = new Error(`Janus exited (${exit.signal ?? `code ${String(exit.code)}`}) too soon after starting`);
    while (this.quickFailures < this.policy.delaysMs.length) {
      const waited = await sleep(this.policy.delaysMs[this.quickFailures], true, { signal: this.abort.signal }).catch(() => false);
      if (!waited || this.stopping) return;
      attempts += 1;
      try {
        const running = await this.hooks.launch();
        if (this.stopping) {
          await running.stop();
          return;
        }
        this.running = running;
        this.upSince = this.now();
        this.healthy = true;
        this.watch(running);
        this.hooks.up(running, attempts);
        return;
      } catch (e) {
        lastError = e;
        this.hooks.failed(e, attempts);
        this.quickFailures += 1;
      }
    }
    this.gaveUp = true;
    this.hooks.gaveUp(lastError);
  }
}
