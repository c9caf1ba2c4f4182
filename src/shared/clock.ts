import { z } from 'zod';

export const ClockState = z.object({
  now: z.string().datetime(),
  /** True when this server runs on a demo or test clock that may be moved (never in production). */
  adjustable: z.boolean(),
});
export type ClockState = z.infer<typeof ClockState>;

export const AdvanceClockBody = z.object({
  minutes: z.number().int().min(1).max(60 * 24 * 366),
});
export type AdvanceClockBody = z.infer<typeof AdvanceClockBody>;
