import { z } from 'zod';

/** One error shape for every failure the API returns (see docs/api.md). */
export const ErrorDetail = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string().optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
