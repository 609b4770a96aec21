// The export file of a workshop (issue 19: "exports as one JSON file that another deployment
// imports"): its shape checked with zod, then its references (variants → proposals and runs,
// votes → participants and variants, the baseline run) so an import stores all of it or
// nothing. Issues carry the JSON path in the file.
import { z } from 'zod';
import {
  PROPOSAL_STATES,
  RUN_STATES,
  WORKSHOP_CHARTS,
  WORKSHOP_STATES,
  type WorkshopExport,
} from '@caretwin/contracts';
import { isRecord, zodIssues, type ProposalIssue } from './issues';
import { leverBoundSchema } from './levers';
import { MAX_RANKED } from './vote';

const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max);
const isoTime = z.iso.datetime({ offset: true });
const record = z.record(z.string(), z.unknown());

const participantSchema = z.object({ id, name: text(40).min(1), joinedAt: isoTime });

const workshopSchema = z.object({
  id,
  title: text(200).min(1),
  question: text(1000).min(1),
  state: z.enum(WORKSHOP_STATES),
  joinCode: text(20),
  joinUrl: text(2000),
  baseline: z.object({ runId: id, scenarioId: id }),
  levers: z.array(leverBoundSchema).max(50),
  seed: z.number().int(),
  replications: z.number().int().min(1),
  horizonDays: z.number().int().min(1),
  createdAt: isoTime,
  closedAt: isoTime.nullable(),
  facilitator: text(200),
});

const proposalSchema = z.object({
  id,
  workshopId: id,
  title: text(200),
  rationale: text(200),
  policies: z.array(record).max(100),
  author: z.object({ id: text(200), name: text(200), role: z.enum(['participant', 'facilitator']) }),
  state: z.enum(PROPOSAL_STATES),
  mergedFrom: z.array(id),
  mergedInto: id.nullable(),
  variantId: id.nullable(),
  createdAt: isoTime,
});

const variantSchema = z.object({
  id,
  proposalId: id,
  title: text(200),
  runId: id,
  state: z.enum(RUN_STATES),
  percent: z.number().min(0).max(100),
});

/** `WorkshopExport` (libs/contracts/src/workshop.ts) as a schema. */
export const workshopExportSchema = z.object({
  format: z.literal('caretwin.workshop'),
  version: z.literal(1),
  exportedAt: isoTime,
  workshop: workshopSchema,
  participants: z.array(participantSchema).max(10_000),
  proposals: z.array(proposalSchema).max(10_000),
  variants: z.array(variantSchema).max(1000),
  votes: z.array(z.object({ participantId: id, ranking: z.array(id).max(MAX_RANKED) })).max(10_000),
  view: z.object({ runId: id.nullable(), chart: z.enum(WORKSHOP_CHARTS), area: id.nullable() }).optional(),
  runs: z.array(z.object({ id, run: record, result: record.nullable() })).max(1001),
});

/** References inside the file that must resolve. */
function references(file: WorkshopExport): ProposalIssue[] {
  const issues: ProposalIssue[] = [];
  const runs = new Set(file.runs.map((r) => r.id));
  const proposals = new Set(file.proposals.map((p) => p.id));
  const variants = new Set(file.variants.map((v) => v.id));
  const participants = new Set(file.participants.map((p) => p.id));
  const unique = (ids: string[], path: string) =>
    ids.forEach((x, i) => {
      if (ids.indexOf(x) < i)
        issues.push({
          path: [path, i, 'id'],
          message: `duplicate id "${x}" (also ${path}[${ids.indexOf(x)}])`,
        });
    });
  unique(
    file.runs.map((r) => r.id),
    'runs',
  );
  unique(
    file.proposals.map((p) => p.id),
    'proposals',
  );
  unique(
    file.variants.map((v) => v.id),
    'variants',
  );
  unique(
    file.participants.map((p) => p.id),
    'participants',
  );
  if (!runs.has(file.workshop.baseline.runId))
    issues.push({
      path: ['workshop', 'baseline', 'runId'],
      message: `the baseline run "${file.workshop.baseline.runId}" is not among runs`,
    });
  file.proposals.forEach((p, i) => {
    if (p.workshopId !== file.workshop.id)
      issues.push({
        path: ['proposals', i, 'workshopId'],
        message: `expected the workshop's id "${file.workshop.id}", got "${p.workshopId}"`,
      });
    if (p.variantId !== null && !variants.has(p.variantId))
      issues.push({ path: ['proposals', i, 'variantId'], message: `unknown variant "${p.variantId}"` });
    if (p.mergedInto !== null && !proposals.has(p.mergedInto))
      issues.push({ path: ['proposals', i, 'mergedInto'], message: `unknown proposal "${p.mergedInto}"` });
  });
  file.variants.forEach((v, i) => {
    if (!proposals.has(v.proposalId))
      issues.push({ path: ['variants', i, 'proposalId'], message: `unknown proposal "${v.proposalId}"` });
    if (!runs.has(v.runId))
      issues.push({ path: ['variants', i, 'runId'], message: `the run "${v.runId}" is not among runs` });
  });
  if (file.view?.runId != null && !runs.has(file.view.runId))
    issues.push({ path: ['view', 'runId'], message: `the run "${file.view.runId}" is not among runs` });
  file.votes.forEach((vote, i) => {
    if (!participants.has(vote.participantId))
      issues.push({
        path: ['votes', i, 'participantId'],
        message: `unknown participant "${vote.participantId}"`,
      });
    vote.ranking.forEach((v, j) => {
      if (!variants.has(v))
        issues.push({ path: ['votes', i, 'ranking', j], message: `unknown variant "${v}"` });
    });
  });
  return issues;
}

export type ParsedExport = { ok: true; value: WorkshopExport } | { ok: false; issues: ProposalIssue[] };

/** A workshop export file (text or parsed JSON) → the export, or every issue with its path. */
export function parseWorkshopExport(json: unknown): ParsedExport {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json) as unknown;
    } catch (error) {
      return { ok: false, issues: [{ path: [], message: `not JSON: ${(error as Error).message}` }] };
    }
  }
  if (!isRecord(data))
    return { ok: false, issues: [{ path: [], message: 'expected a workshop export (a JSON object)' }] };
  const parsed = workshopExportSchema.safeParse(data);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, data) };
  const value = parsed.data as WorkshopExport;
  const issues = references(value);
  return issues.length ? { ok: false, issues } : { ok: true, value };
}
