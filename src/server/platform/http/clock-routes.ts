import { AdvanceClockBody, ClockState } from '../../../shared/clock.js';
import { ErrorBody } from '../../../shared/errors.js';
import type { PermissionTable } from '../authz.js';
import { PUBLIC } from '../authz.js';
import type { Clock } from '../clock.js';
import { defineError } from '../errors.js';
import type { App } from './types.js';

export const clockPermissions = {
  /** Move a demo or test server's clock (never possible in production). */
  'platform.clock.set': [{ roles: ['admin'], relationship: 'organisation' }],
} as const satisfies PermissionTable;

const ClockFixed = defineError(
  'clock.not_adjustable',
  409,
  () => 'This server runs on real time. Only a demo or test server started with CLOCK_START can move its clock.',
);

/** The server's time, and on a demo or test server a way to move it forward (issue 3 part 6). */
export async function clockRoutes(app: App, opts: { clock: Clock }): Promise<void> {
  const { clock } = opts;
  const state = () => ({ now: clock.now().toISOString(), adjustable: clock.adjustable });
  app.get('/api/clock', {
    config: { permission: PUBLIC },
    schema: { tags: ['platform'], summary: 'The server’s current time', response: { 200: ClockState } },
    handler: async () => state(),
  });
  app.post('/api/clock/advance', {
    config: { permission: 'platform.clock.set' },
    schema: {
      tags: ['platform'],
      summary: 'Move a demo or test server’s clock forward',
      body: AdvanceClockBody,
      response: { 200: ClockState, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
    },
    handler: async (req) => {
      if (!clock.adjustable) throw ClockFixed();
      clock.advance(req.body.minutes * 60_000);
      req.log.warn({ minutes: req.body.minutes, now: clock.now().toISOString() }, 'clock advanced');
      return state();
    },
  });
}
