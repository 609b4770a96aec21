// The forecast endpoints' queries and body, parsed before the controller runs (zod; a refusal
// names the field: `area`, `censusDate`).
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

export const forecastLatestQuery = z
  .object({
    area: z.string().min(1).max(64).optional().describe('one area id (default: every area)'),
  })
  .strict();
export type ForecastLatestQuery = z.infer<typeof forecastLatestQuery>;

export const createForecastSchema = z
  .object({
    censusDate: isoDate
      .optional()
      .describe('the census date to start from (default: the latest date with reports)'),
  })
  .strict();
export type CreateForecastRequest = z.infer<typeof createForecastSchema>;

export type { ForecastAccepted } from '@caretwin/contracts';
