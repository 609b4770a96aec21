// Job payloads are input from Redis: parsed before any work (docs/architecture.md "Decisions").
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { AggregateJobData, ReplicationJobData, RunInput } from '@caretwin/runner';

const replicationData = z.object({ runId: z.string().min(1), replicationIndex: z.number().int().min(0) });

const plan = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('fixed'), replications: z.number().int().min(1) }),
  z.object({
    mode: z.literal('precision'),
    kpi: z.string().min(1),
    halfWidth: z.number().positive(),
    max: z.number().int().min(1),
    roundSize: z.number().int().min(1),
  }),
]);

// The input was validated by the api when the run was accepted; here only its frame is checked.
const runInput = z.object({
  scenario: z
    .object({ id: z.string(), seed: z.number(), warmupDays: z.number(), horizonDays: z.number() })
    .passthrough(),
  region: z.object({ id: z.string() }).passthrough(),
  demandMultiplierByHour: z.object({ values: z.array(z.number()), counts: z.array(z.number().int().min(1)) }),
});

const aggregateData = z.object({
  runId: z.string().min(1),
  input: runInput,
  inputKey: z.string().min(1),
  plan,
  enqueued: z.array(z.number().int().min(0)),
});

function fail(kind: string, error: z.ZodError): never {
  const where = error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
  throw new UnrecoverableError(`malformed ${kind} job data: ${where}`);
}

export function parseReplicationJobData(data: unknown): ReplicationJobData {
  const parsed = replicationData.safeParse(data);
  if (!parsed.success) fail('replication', parsed.error);
  return parsed.data;
}

export function parseAggregateJobData(data: unknown): AggregateJobData {
  const parsed = aggregateData.safeParse(data);
  if (!parsed.success) fail('aggregate', parsed.error);
  const { input, ...rest } = parsed.data;
  return { ...rest, input: input as unknown as RunInput };
}
