import { defineError } from '../../../platform/errors.js';

/** R-ORG-3: why a roster upload or import was refused. */

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export const UploadTooLarge = defineError(
  'organisation.roster.too_large',
  413,
  (limit: number) => `This upload is larger than ${megabytes(limit)}, the most Continuum accepts for a roster. Export only the roster files (no gradebook or resources) and try again.`,
);

export const UploadNotRoster = defineError(
  'organisation.roster.bad_upload',
  400,
  (why: string) => `${why} Upload the zip your MIS exported, or its CSV files (manifest.csv, users.csv and the rest) together.`,
);

export const NotPreviewed = defineError(
  'organisation.roster.not_previewed',
  409,
  (status: string) => `This import is ${status}. Only an import that has been checked and shown to you can be applied.`,
);

export const CannotDiscard = defineError(
  'organisation.roster.not_discardable',
  409,
  (status: string) => `This import is ${status} and cannot be discarded.`,
);

export const PreviewOutdated = defineError(
  'organisation.roster.preview_outdated',
  409,
  () => 'Continuum’s records changed after this preview was made, so nothing was applied. The preview has been worked out again: check it, then apply it.',
);

export const ImportHasProblems = defineError(
  'organisation.roster.has_problems',
  409,
  () => 'These files now have problems, so nothing was applied. The list shows each one.',
);
