import { defineError } from '../../platform/errors.js';

export const InvalidCredentials = defineError(
  'auth.invalid_credentials',
  401,
  () => 'The email address or password is not right. Check them and try again.',
);
export const AccountLocked = defineError(
  'auth.locked',
  423,
  (until: string) => `Too many attempts to sign in to this account. You can try again after ${until}.`,
);
export const PasswordTooWeak = defineError(
  'identity.password.too_weak',
  400,
  (missing: string) => `Your new password needs ${missing}.`,
);
export const WrongCurrentPassword = defineError(
  'identity.password.wrong_current',
  400,
  () => 'Your current password is not right.',
);
