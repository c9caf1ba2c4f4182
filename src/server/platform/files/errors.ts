import { defineError } from '../errors.js';

/** "25 MB", "1.5 MB": a limit as people read it. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : Number(mb.toFixed(1))} MB`;
}

/** R-WORK-3, R-WORK-5: a file over the configured size limit; reading stopped at the limit. */
export const FileTooLarge = defineError(
  'files.too_large',
  413,
  (fileName: string, limitBytes: number) => `“${fileName}” is larger than ${megabytes(limitBytes)}, the most you can upload here.`,
);

/** R-WORK-3: the bytes are not one of the kinds this upload accepts, whatever the name says. */
export const FileTypeNotAllowed = defineError(
  'files.type_not_allowed',
  415,
  (fileName: string, what: string, accepted: string) => `“${fileName}” is ${what}, which cannot be uploaded here. You can upload ${accepted}.`,
);

export const FileEmpty = defineError('files.empty', 400, (fileName: string) => `“${fileName}” is empty. Choose the file again and check it opens.`);

/** The connection dropped (or the client gave up) before the whole file arrived; nothing was kept. */
export const UploadInterrupted = defineError(
  'files.interrupted',
  400,
  () => 'The upload stopped before the end, so nothing was saved. Check your connection and try again.',
);

export const TooManyFiles = defineError('files.too_many', 400, (max: number) => `You can upload at most ${max} ${max === 1 ? 'file' : 'files'} at once.`);

export const NotAnUpload = defineError('files.not_multipart', 415, () => 'Send the files as a form upload (multipart/form-data).');

export const FieldTooLong = defineError('files.field_too_long', 400, (field: string) => `The “${field}” box has more text than can be sent at once.`);

/** A row whose bytes are gone from the store: an operational fault, never the user's doing. */
export const BlobMissing = defineError('files.missing', 500, () => 'This file could not be read from the store.');
