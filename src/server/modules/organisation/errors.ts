import { defineError } from '../../platform/errors.js';

export const NoSite = defineError(
  'organisation.site.none',
  409,
  () => 'This person is not at any school or centre yet, so there is no calendar to read.',
);
