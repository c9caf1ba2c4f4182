import type { ErrorDetail } from '../../shared/errors.js';

/**
 * The one error type. Services throw an AppError with a stable code; the HTTP layer renders
 * it in the one error shape. `message` is what a person may read; `internal` goes to the log only.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: ErrorDetail[],
    readonly internal?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The same error with field details (which field, what is wrong). */
  withDetails(details: ErrorDetail[]): AppError {
    return new AppError(this.code, this.status, this.message, details, this.internal);
  }
}

/** Declare a module's error once: `export const SessionEnded = defineError('live.session.ended', 409, () => '…')`. */
export function defineError<A extends unknown[]>(
  code: string,
  status: number,
  message: (...args: A) => string,
): ((...args: A) => AppError) & { code: string; status: number } {
  const make = (...args: A) => new AppError(code, status, message(...args));
  return Object.assign(make, { code, status });
}

// Platform codes are short (STYLE.md).
export const AuthRequired = defineError('auth.required', 401, () => 'Please sign in to continue.');
export const SessionExpired = defineError(
  'auth.session_expired',
  401,
  () => 'Your session has ended. Please sign in again.',
);
export const Forbidden = defineError('auth.forbidden', 403, () => 'You do not have permission to do that.');
export const CsrfRejected = defineError(
  'auth.csrf',
  403,
  () => 'This request was refused because it did not carry the page’s security token. Reload the page and try again.',
);
export const NotFound = defineError('not_found', 404, () => 'We could not find that.');
export const RateLimited = defineError(
  'auth.rate_limited',
  429,
  () => 'Too many attempts. Please wait a minute and try again.',
);
export const DatabaseUnavailable = defineError(
  'service.database_unavailable',
  503,
  () => 'The service is briefly unavailable. Please try again in a moment.',
);

export function invalidRequest(details: ErrorDetail[], message = 'Some of the information sent is not valid.'): AppError {
  return new AppError('request.invalid', 400, message, details);
}
