import type { ErrorBody, ErrorDetail } from '../shared/errors.js';

/** An API failure in the server's one error shape: match on `code`, show `message`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';
/** Kept from the sign-in answer and from /api/me; sent on every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server says the person is not (or no longer) signed in. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach Continuum. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const e = (json as ErrorBody | undefined)?.error;
    const err = new ApiError(res.status, e?.code ?? 'unknown', e?.message ?? 'Something went wrong.', e?.details ?? []);
    if (err.code === 'auth.required' || err.code === 'auth.session_expired') onSignedOut();
    throw err;
  }
  return json as T;
}
