// Request shapes of the workshop endpoints (docs/workshops.md). Lever bounds come from
// @caretwin/workshop (one schema for the api, the dashboard's form and the export file); the
// policies of a proposal are checked against them by checkProposal, not here.
import { z } from 'zod';
import { WORKSHOP_CHARTS } from '@caretwin/contracts';
import { leverBoundsSchema } from '@caretwin/workshop';

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\r\n]*$/, 'one line: no line breaks');

const scenarioRef = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*(@[1-9][0-9]{0,8})?$/, 'a scenario id, optionally pinned as id@version');

export const createWorkshopSchema = z
  .object({
    title: oneLine(200).describe('the workshop title'),
    question: oneLine(1000).describe('the question, one sentence'),
    baseline: z
      .union([
        z.strictObject({ runId: z.string().min(1).max(200).describe('a completed run') }),
        z.strictObject({
          scenarioId: scenarioRef.describe('a shipped or saved scenario the api runs as the baseline'),
          replications: z.number().int().min(1).optional(),
          seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
          horizonDays: z.number().int().min(1).optional(),
        }),
      ])
      .describe('{runId} of a completed run, or {scenarioId, replications?, seed?, horizonDays?} to run'),
    levers: leverBoundsSchema.describe('the levers participants may touch, with their bounds'),
  })
  .strict();
export type CreateWorkshopBody = z.infer<typeof createWorkshopSchema>;

export const joinSchema = z
  .object({
    code: z.string().trim().min(1).max(20).describe('the join code (case and spaces ignored)'),
    name: oneLine(40).describe('display name, 1–40 characters'),
  })
  .strict();
export type JoinBody = z.infer<typeof joinSchema>;

export const proposalSchema = z
  .object({
    title: oneLine(200),
    rationale: oneLine(200).describe('one line, at most 200 characters'),
    // each policy's shape and bound is checked by checkProposal (422 naming the bound)
    policies: z.array(z.record(z.string(), z.unknown())).describe('scenario policies within the levers'),
  })
  .strict();
export type ProposalBody = z.infer<typeof proposalSchema>;

export const mergeSchema = z
  .object({ into: z.string().min(1).max(200).describe('the proposal this one duplicates') })
  .strict();
export type MergeBody = z.infer<typeof mergeSchema>;

export const viewSchema = z
  .object({
    runId: z
      .string()
      .min(1)
      .max(200)
      .nullable()
      .describe("the run on screen (baseline's or a variant's), or null"),
    chart: z.enum(WORKSHOP_CHARTS),
    area: z.string().min(1).max(100).nullable().describe('the selected area id, or null for the prefecture'),
  })
  .strict();
export type ViewBody = z.infer<typeof viewSchema>;

export const voteSchema = z
  .object({
    // ≤ 3, distinct, completed variants: checkVote says which entry is wrong
    ranking: z.array(z.string()).describe('up to three variant ids, best first'),
  })
  .strict();
export type VoteBody = z.infer<typeof voteSchema>;

/** What an exported run carries besides its RunView, so another deployment can store it whole. */
export const exportedRunExtrasSchema = z.object({
  request: z.record(z.string(), z.unknown()),
  plan: z.record(z.string(), z.unknown()),
  demandMultiplierByHour: z.object({ values: z.array(z.number()), counts: z.array(z.number().int()) }),
  seed: z.number().int(),
  scenarioId: z.string().min(1),
  regionId: z.string().min(1),
  state: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  replications: z.object({ planned: z.number().int(), max: z.number().int() }),
});

export const exportedResultSchema = z.object({
  provenance: z.object({
    scenario: z.record(z.string(), z.unknown()),
    region: z.record(z.string(), z.unknown()),
  }),
  replications: z.array(z.object({ replication: z.number().int().min(0) }).passthrough()),
  aggregate: z.record(z.string(), z.unknown()),
  execution: z.object({
    replications: z.array(z.object({ replication: z.number().int() }).passthrough()),
    aggregate: z.record(z.string(), z.unknown()),
  }),
});

/** `POST /api/workshops/:id/print-link`: the handout's language and how long the link lasts. */
export const printLinkSchema = z
  .object({
    lang: z.enum(['ja', 'en']).default('ja').describe("the handout's language"),
    minutes: z.number().int().min(1).max(1440).default(60).describe('minutes the link works'),
  })
  .strict();
export type PrintLinkBody = z.infer<typeof printLinkSchema>;
