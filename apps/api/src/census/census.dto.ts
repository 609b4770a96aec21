// The census endpoints' queries, parsed before the controller runs (zod; a refusal names the
// field: `from`, `to`, `area`, `synthetic`).
import { isIsoDate } from '@caretwin/census';
import { z } from 'zod';

const isoDate = z
  .string()
  .refine(isIsoDate, 'a date written YYYY-MM-DD')
  .describe('a day (YYYY-MM-DD, Japan time)');

export const censusPostQuery = z
  .object({
    synthetic: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: the reports are synthetic (caretwin feed, tests); the Now view says so'),
  })
  .strict();
export type CensusPostQuery = z.infer<typeof censusPostQuery>;

export const censusSeriesQuery = z
  .object({
    from: isoDate.optional().describe('first day (default: 59 days before `to`)'),
    to: isoDate.optional().describe('last day (default: the latest report date, or today)'),
    area: z.string().min(1).max(64).optional().describe('one area id (default: every area)'),
  })
  .strict();
export type CensusSeriesQuery = z.infer<typeof censusSeriesQuery>;
