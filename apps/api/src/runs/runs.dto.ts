// Request shapes of the runs endpoints (docs/architecture.md "Service endpoints": POST /api/runs takes
// {scenarioId | scenario, overrides, replications, seed, horizonDays}).
import { z } from 'zod';
import { RUN_STATES, type RunAccepted, type RunList, type RunView } from '@caretwin/contracts';
import { CSV_TABLES } from '@caretwin/runner';
import type { SameShape } from '../http/openapi';

const scenarioRef = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*(@[1-9][0-9]{0,8})?$/, 'a scenario id, optionally pinned as id@version');

export const createRunSchema = z
  .object({
    /** a shipped or saved scenario (`miyagi-surge`, `my-plan@3`) */
    scenarioId: scenarioRef
      .optional()
      .describe('a shipped or saved scenario id, optionally pinned to a version: miyagi-surge, my-plan@3'),
    /** a scenario document: JSON object or YAML text (may `extends` another) */
    scenario: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .optional()
      .describe(
        'a scenario document: JSON object or YAML text (may `extends` another); exactly one of scenarioId or scenario',
      ),
    /** changes applied the way `extends` applies a what-if (objects merge, policies append) */
    overrides: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('changes applied the way `extends` applies a what-if: objects merge, policies append'),
    replications: z.number().int().min(1).optional().describe('replications (at most MAX_REPLICATIONS)'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe('root seed: same seed, same replications, same result'),
    horizonDays: z.number().int().min(1).optional().describe('simulated days after warm-up'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.scenarioId === undefined) === (body.scenario === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['scenarioId'],
        message: 'give exactly one of scenarioId or scenario',
      });
  });
export type CreateRunRequest = z.infer<typeof createRunSchema>;

export const listRunsSchema = z
  .object({
    scenario: z.string().min(1).optional().describe('only runs of this scenario id'),
    state: z.enum(RUN_STATES).optional().describe('only runs in this state'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size'),
    offset: z.coerce.number().int().min(0).default(0).describe('runs to skip (newest first)'),
  })
  .strict();
export type ListRunsQuery = z.infer<typeof listRunsSchema>;

export const csvQuerySchema = z
  .object({ table: z.enum(CSV_TABLES).default('kpis').describe('which table') })
  .strict();
export type CsvQuery = z.infer<typeof csvQuerySchema>;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .optional();

// Answers, described for the OpenAPI document (the type checks at the end keep them equal to
// the contracts' types that the controllers return).
export const acceptedRunSchema = z.object({ id: z.uuid(), state: z.enum(RUN_STATES) });

const replicationProgressSchema = z.object({
  replication: z.number().int(),
  day: z.number().int().describe('simulated days completed, warm-up included'),
  totalDays: z.number().int(),
  percent: z.number(),
  done: z.boolean(),
});

export const runViewSchema = z.object({
  id: z.uuid(),
  state: z.enum(RUN_STATES),
  scenarioId: z.string(),
  regionId: z.string(),
  seed: z.number().int(),
  replications: z.object({ planned: z.number().int(), completed: z.number().int(), max: z.number().int() }),
  progress: z.object({
    percent: z.number().describe('0–100; 100 only once completed'),
    replications: z
      .array(replicationProgressSchema)
      .describe('live progress per replication while the run is active (from Redis)'),
  }),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  timings: z.object({
    queuedMs: z.number().nullable(),
    runningMs: z.number().nullable(),
    totalMs: z.number().nullable(),
  }),
  history: z.array(z.object({ state: z.enum(RUN_STATES), at: z.string(), reason: z.string().nullable() })),
  links: z.object({ self: z.string(), result: z.string().nullable() }),
  pruned: z
    .object({
      at: z.string(),
      kpis: z.record(
        z.string(),
        z.object({
          n: z.number(),
          mean: z.number(),
          sd: z.number(),
          halfWidth: z.number(),
          lo: z.number(),
          hi: z.number(),
        }),
      ),
    })
    .optional()
    .describe('only for a pruned run (RETENTION_DAYS): when, and the KPIs kept; its result answers 410'),
});

export const runListSchema = z.object({
  items: z.array(runViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const documented: [
  SameShape<RunAccepted, z.infer<typeof acceptedRunSchema>>,
  SameShape<RunView, z.infer<typeof runViewSchema>>,
  SameShape<RunList, z.infer<typeof runListSchema>>,
] = [true, true, true];
void documented;
