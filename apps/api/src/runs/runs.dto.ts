// Request shapes of the runs endpoints (DESIGN.md "The service": POST /api/runs takes
// {scenarioId | scenario, overrides, replications, seed, horizonDays}).
import { z } from 'zod';
import { RUN_STATES } from './run-state';

const scenarioRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*(@[1-9][0-9]{0,8})?$/, 'a scenario id, optionally pinned as id@version');

export const createRunSchema = z
  .object({
    /** a shipped or saved scenario (`miyagi-surge`, `my-plan@3`) */
    scenarioId: scenarioRef.optional(),
    /** a scenario document: JSON object or YAML text (may `extends` another) */
    scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    /** changes applied the way `extends` applies a what-if (objects merge, policies append) */
    overrides: z.record(z.string(), z.unknown()).optional(),
    replications: z.number().int().min(1).optional(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    horizonDays: z.number().int().min(1).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.scenarioId === undefined) === (body.scenario === undefined))
      ctx.addIssue({ code: 'custom', path: ['scenarioId'], message: 'give exactly one of scenarioId or scenario' });
  });
export type CreateRunRequest = z.infer<typeof createRunSchema>;

export const listRunsSchema = z
  .object({
    scenario: z.string().min(1).optional(),
    state: z.enum(RUN_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListRunsQuery = z.infer<typeof listRunsSchema>;

export const idempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional();
