import { passwordProblems } from '../../../shared/identity.js';

export interface LockoutPolicy {
  maxFailures: number;
  lockoutMinutes: number;
}

export interface CredentialFacts {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** Is sign-in refused for now because of earlier failures? */
export function isLockedOut(cred: CredentialFacts, now: Date): boolean {
  return cred.lockedUntil !== null && cred.lockedUntil.getTime() > now.getTime();
}

/**
 * After a wrong password: count it, and lock the account for the policy's minutes once the
 * count reaches the limit. A lock that has run out starts the count again.
 */
export function afterFailedSignIn(cred: CredentialFacts, now: Date, policy: LockoutPolicy): CredentialFacts & { locked: boolean } {
  const expired = cred.lockedUntil !== null && cred.lockedUntil.getTime() <= now.getTime();
  const failedAttempts = (expired ? 0 : cred.failedAttempts) + 1;
  if (failedAttempts >= policy.maxFailures) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000), locked: true };
  }
  return { failedAttempts, lockedUntil: null, locked: false };
}

/**
 * R-DATA-5: a new password must meet the rule (at least 8 characters, upper and lower case, a
 * digit and a special character; seeds 002, 004) and differ from the current one.
 */
export function newPasswordProblems(newPassword: string, currentPassword: string): string[] {
  const problems = passwordProblems(newPassword);
  if (newPassword === currentPassword) problems.push('to be different from your current password');
  return problems;
}

/** "a digit and a special character" — the missing parts in one readable sentence. */
export function describeProblems(problems: string[]): string {
  if (problems.length <= 1) return problems.join('');
  return `${problems.slice(0, -1).join(', ')} and ${problems[problems.length - 1]}`;
}
