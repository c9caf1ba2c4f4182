import pg from 'pg';
import type { TenantTx } from '../db/client.js';
import { sql } from 'drizzle-orm';

/**
 * Events that cross server instances (DESIGN.md, Events and realtime): a module announces that
 * something changed with `announce(tx, topic)`, inside the transaction that changed it, and every
 * instance's listeners for that topic hear it once the transaction commits (PostgreSQL NOTIFY is
 * transactional: a rolled-back change announces nothing). One LISTEN connection per instance.
 * Payloads are small (a topic and an id); listeners re-read what they need.
 */

const CHANNEL = 'continuum_events';

export interface EventBus {
  /** Announces a change on `topic`, delivered when `tx` commits. */
  announce(tx: TenantTx, topic: string, payload?: string): Promise<void>;
  /** Hears announcements on `topic` from every instance (this one too). Returns the unsubscribe. */
  listen(topic: string, listener: (payload: string) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createEventBus(opts: { url: string; onError?: (e: unknown) => void }): EventBus {
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  function dispatch(message: string | undefined) {
    if (!message) return;
    const cut = message.indexOf('\n');
    const topic = cut < 0 ? message : message.slice(0, cut);
    const payload = cut < 0 ? '' : message.slice(cut + 1);
    for (const l of listeners.get(topic) ?? []) {
      try {
        l(payload);
      } catch (e) {
        opts.onError?.(e);
      }
    }
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: opts.url, application_name: 'continuum-events' });
    c.on('notification', (n) => dispatch(n.payload));
    c.on('error', (e) => {
      opts.onError?.(e);
      client = null;
      // A lost connection is re-made: the database restarted or a network blip.
      if (!stopped) retry = setTimeout(() => void connect().catch(opts.onError), 1000);
    });
    await c.connect();
    await c.query(`listen ${CHANNEL}`);
    client = c;
  }

  return {
    async announce(tx, topic, payload = '') {
      if (topic.includes('\n')) throw new Error(`topic with a line break: ${topic}`);
      await tx.execute(sql`select pg_notify(${CHANNEL}, ${`${topic}\n${payload}`})`);
    },
    listen(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      set.add(listener);
      listeners.set(topic, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(topic);
      };
    },
    /** Connects; a database that is not there yet is tried again every second (the app still starts). */
    async start() {
      stopped = false;
      if (client) return;
      await connect().catch((e: unknown) => {
        opts.onError?.(e);
        if (!stopped) retry = setTimeout(() => void this.start(), 1000);
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
