import type { PeerConnectionRole, ServerSignal } from './signals.js';

type IceSignal = Extract<ServerSignal, { type: 'ice' }>;

/**
 * The order signals keep between one browser and the SFU, whichever provider it is (both
 * providers' participants keep it through this class):
 * - the browser's signals are handled one at a time, in the order they came, and one that
 *   fails does not stop the next;
 * - the SFU's ICE candidates for a connection wait until that connection's answer or offer has
 *   gone out, so a browser never gets a candidate for a connection it has not heard of.
 */
export class SignalOrder {
  private queue: Promise<void> = Promise.resolve();
  private readonly described = new Set<PeerConnectionRole>();
  private held: IceSignal[] = [];

  constructor(
    private readonly send: (signal: ServerSignal) => void,
    private readonly closed: () => boolean,
    private readonly fail: (error: unknown) => void,
  ) {}

  /** Runs `task` after every task handed in before it (skipped once the peer is gone). */
  inTurn(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => (this.closed() ? undefined : task()));
    this.queue = run.catch((e: unknown) => this.fail(e));
    return run;
  }

  emit(signal: ServerSignal): void {
    if (this.closed()) return;
    if (signal.type === 'ice' && !this.described.has(signal.pc)) {
      this.held.push(signal);
      return;
    }
    this.send(signal);
    const described = signal.type === 'publish-answer' ? 'publish' : signal.type === 'subscribe-offer' ? 'subscribe' : null;
    if (described && !this.described.has(described)) {
      this.described.add(described);
      const ready = this.held.filter((s) => s.pc === described);
      this.held = this.held.filter((s) => s.pc !== described);
      for (const ice of ready) this.send(ice);
    }
  }
}
