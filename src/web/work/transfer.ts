import type { ErrorBody } from '../../shared/errors.js';
import { ApiError } from '../api.js';

const OFFLINE = 'We could not reach Continuum. Check your connection and try again. Nothing was saved.';

function errorOf(status: number, body: unknown): ApiError {
  const e = (body as ErrorBody | null)?.error;
  return new ApiError(status, e?.code ?? 'unknown', e?.message ?? 'Something went wrong. Try again.', e?.details ?? []);
}

/**
 * Sends a multipart form with the browser's upload progress (fetch cannot report it), with the
 * CSRF header. Resolves with the JSON answer; rejects with an ApiError carrying the server's
 * located problems, so forms can put each beside its field.
 */
export function sendForm<T>(url: string, form: FormData, csrfToken: string, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', OFFLINE));
    xhr.onabort = () => reject(new ApiError(0, 'network', OFFLINE));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(errorOf(xhr.status, body));
    };
    xhr.send(form);
  });
}

export type DownloadProgress = { stage: 'preparing' } | { stage: 'downloading'; share: number | null };

/**
 * Fetches a file, reporting progress from Content-Length as it streams in, and returns it whole
 * as a Blob (a class's paper pack is a few megabytes at most).
 */
export async function download(url: string, onProgress: (p: DownloadProgress) => void): Promise<Blob> {
  onProgress({ stage: 'preparing' });
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/pdf, application/json' } });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach Continuum. Check your connection and try again.');
  }
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    throw errorOf(res.status, body);
  }
  const total = Number(res.headers.get('content-length')) || 0;
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  onProgress({ stage: 'downloading', share: total ? 0 : null });
  const reader = res.body?.getReader();
  if (!reader) return new Blob([await res.arrayBuffer()], { type });
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ stage: 'downloading', share: total ? Math.min(1, received / total) : null });
  }
  return new Blob(chunks as BlobPart[], { type });
}

/** Hands a downloaded file to the browser to save, under a name. */
export function saveFile(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Let the browser start the save before the address is released.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
