import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../shared/identity.js';
import { afterFailedSignIn, describeProblems, isLockedOut, newPasswordProblems } from './rules.js';

describe('R-DATA-5 password rule', () => {
  it.each([
    ['Abcdef1!', []],
    ['Continuum#2026', []],
    ['short1!', ['at least 8 characters', 'an upper-case letter']],
    ['alllowercase', ['an upper-case letter', 'a digit', 'a special character such as ! or #']],
    ['ALLUPPER123!', ['a lower-case letter']],
    ['NoDigits!!', ['a digit']],
    ['NoSpecial123', ['a special character such as ! or #']],
    ['', ['at least 8 characters', 'an upper-case letter', 'a lower-case letter', 'a digit', 'a special character such as ! or #']],
    ['Pässwört1 ', []],
  ])('R-DATA-5 %j needs %j', (password, problems) => {
    expect(passwordProblems(password)).toEqual(problems);
  });

  it('R-DATA-5 refuses a new password equal to the current one', () => {
    expect(newPasswordProblems('Same-pass-1!', 'Same-pass-1!')).toEqual(['to be different from your current password']);
  });

  it('joins missing parts into one sentence', () => {
    expect(describeProblems(['a digit'])).toBe('a digit');
    expect(describeProblems(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('sign-in lockout', () => {
  const policy = { maxFailures: 3, lockoutMinutes: 15 };
  const now = new Date('2026-03-29T00:30:00Z');

  it('counts failures and locks on the limit for the policy minutes', () => {
    let cred = { failedAttempts: 0, lockedUntil: null as Date | null };
    cred = afterFailedSignIn(cred, now, policy);
    expect(cred).toMatchObject({ failedAttempts: 1, lockedUntil: null, locked: false });
    cred = afterFailedSignIn(cred, now, policy);
    const third = afterFailedSignIn(cred, now, policy);
    expect(third.locked).toBe(true);
    expect(third.lockedUntil?.toISOString()).toBe('2026-03-29T00:45:00.000Z');
  });

  it('is locked until the instant the lock ends, and not after', () => {
    const cred = { failedAttempts: 3, lockedUntil: new Date('2026-03-29T00:45:00Z') };
    expect(isLockedOut(cred, new Date('2026-03-29T00:44:59Z'))).toBe(true);
    expect(isLockedOut(cred, new Date('2026-03-29T00:45:00Z'))).toBe(false);
  });

  it('starts counting again after a lock has run out', () => {
    const cred = { failedAttempts: 3, lockedUntil: new Date('2026-03-29T00:45:00Z') };
    expect(afterFailedSignIn(cred, new Date('2026-03-29T01:00:00Z'), policy)).toMatchObject({ failedAttempts: 1, locked: false });
  });
});
