// Payloads of the live events, parsed before any work (socket.io CRUD example: validate first).
import { z } from 'zod';

/** Run ids are UUIDs (docs/architecture.md "Service endpoints"); anything else cannot name a run. */
export const runIdSchema = z.uuid();

export const subscribeSchema = z.object({ runId: runIdSchema }).strict();
export type SubscribePayload = z.infer<typeof subscribeSchema>;
