import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../demo/index.js';
import { signIn, type Session, type TestApp } from './app.js';

/**
 * The demo as its people see it: GET over HTTP signed in as a demo account (one session each,
 * kept), and SQL for what the API does not show. `app` is read when called, so the helpers can be
 * made before the app starts.
 */
export function demoReader(app: () => TestApp) {
  const sessions = new Map<string, Session>();
  const q = async <T extends object>(text: string, params: unknown[] = []): Promise<T[]> => (await app().db.systemPool.query(text, params)).rows as T[];

  async function get<T>(email: string, url: string): Promise<T> {
    const t = app();
    if (!sessions.has(email)) sessions.set(email, await signIn(t, email, DEMO_PASSWORD));
    const res = await t.app.inject({ method: 'GET', url, headers: sessions.get(email)!.headers });
    expect(res.statusCode, `${email} GET ${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  }

  const userId = async (email: string) => (await q<{ id: string }>('select user_id as id from credentials where email = $1', [email]))[0]!.id;
  return { q, get, userId };
}
