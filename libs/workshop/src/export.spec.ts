// The export file: a whole workshop parses back; a broken one is refused with every issue at its
// JSON path, references included, so an import stores all of it or nothing.
import { describe, expect, it } from 'vitest';
import type { WorkshopExport } from '@caretwin/contracts';
import { parseWorkshopExport } from './export';

const at = '2026-12-02T21:00:00.000Z';

function file(): WorkshopExport {
  return {
    format: 'caretwin.workshop',
    version: 1,
    exportedAt: at,
    workshop: {
      id: 'w1',
      title: '仙台の回復期',
      question: '急性期を回復期へ転換すると転院待ちは減るか',
      state: 'closed',
      joinCode: 'ABC234',
      joinUrl: 'http://127.0.0.1:3000/#/join/ABC234',
      baseline: { runId: 'r0', scenarioId: 'miyagi-2025-baseline' },
      levers: [{ kind: 'convertBeds', area: 'sendai', maxBeds: 300 }],
      seed: 1,
      replications: 4,
      horizonDays: 30,
      createdAt: at,
      closedAt: at,
      facilitator: 'planner-1',
    },
    participants: [{ id: 'p1', name: '佐藤', joinedAt: at }],
    proposals: [
      {
        id: 'q1',
        workshopId: 'w1',
        title: '50床転換',
        rationale: '転院待ちが長い',
        policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 }],
        author: { id: 'p1', name: '佐藤', role: 'participant' },
        state: 'accepted',
        mergedFrom: [],
        mergedInto: null,
        variantId: 'v1',
        createdAt: at,
      },
    ],
    variants: [
      { id: 'v1', proposalId: 'q1', title: '50床転換', runId: 'r1', state: 'completed', percent: 100 },
    ],
    votes: [{ participantId: 'p1', ranking: ['v1'] }],
    runs: [
      { id: 'r0', run: { id: 'r0', state: 'completed' }, result: { kpis: {} } },
      { id: 'r1', run: { id: 'r1', state: 'completed' }, result: null },
    ],
  };
}

describe('parseWorkshopExport', () => {
  it('reads back an exported workshop, from text or from parsed JSON', () => {
    const value = file();
    expect(parseWorkshopExport(JSON.stringify(value))).toEqual({ ok: true, value });
    expect(parseWorkshopExport(value)).toEqual({ ok: true, value });
  });

  it('refuses text that is not JSON, and JSON that is not an object, at the root', () => {
    const bad = parseWorkshopExport('{"format": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues[0]).toMatchObject({ path: [], message: expect.stringMatching(/^not JSON/) });
    expect(parseWorkshopExport('[1]')).toEqual({
      ok: false,
      issues: [{ path: [], message: 'expected a workshop export (a JSON object)' }],
    });
  });

  it('names every malformed field by its path', () => {
    const broken = file() as unknown as Record<string, unknown> & {
      workshop: Record<string, unknown>;
      variants: Array<Record<string, unknown>>;
      proposals: Array<Record<string, unknown>>;
    };
    broken.format = 'other.tool';
    broken.workshop.levers = [{ kind: 'convertBeds', area: 'sendai', maxBeds: -1 }];
    broken.variants[0].percent = 140;
    delete broken.proposals[0].rationale;
    const parsed = parseWorkshopExport(broken);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.path)).toEqual([
      ['format'],
      ['workshop', 'levers', 0, 'maxBeds'],
      ['proposals', 0, 'rationale'],
      ['variants', 0, 'percent'],
    ]);
    expect(parsed.issues[1].message).toBe('must be at least 1, got -1');
    expect(parsed.issues[2].message).toBe('required field is missing');
    expect(parsed.issues[3].message).toBe('must be at most 100, got 140');
  });

  it('refuses references that do not resolve: the baseline run, a variant’s run and proposal, a vote’s participant and variant', () => {
    const value = file();
    value.workshop.baseline.runId = 'r9';
    value.variants[0].runId = 'r8';
    value.variants[0].proposalId = 'q9';
    value.votes = [{ participantId: 'p9', ranking: ['v9'] }];
    value.runs.push({ id: 'r1', run: {}, result: null });
    const parsed = parseWorkshopExport(value);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([
      { path: ['runs', 2, 'id'], message: 'duplicate id "r1" (also runs[1])' },
      { path: ['workshop', 'baseline', 'runId'], message: 'the baseline run "r9" is not among runs' },
      { path: ['variants', 0, 'proposalId'], message: 'unknown proposal "q9"' },
      { path: ['variants', 0, 'runId'], message: 'the run "r8" is not among runs' },
      { path: ['votes', 0, 'participantId'], message: 'unknown participant "p9"' },
      { path: ['votes', 0, 'ranking', 0], message: 'unknown variant "v9"' },
    ]);
  });

  it('keeps the facilitator’s last view, and refuses one on a run the file lacks', () => {
    const value = { ...file(), view: { runId: 'r1', chart: 'kpis' as const, area: 'sendai' } };
    const parsed = parseWorkshopExport(JSON.stringify(value));
    expect(parsed.ok && parsed.value.view).toEqual({ runId: 'r1', chart: 'kpis', area: 'sendai' });
    const stray = parseWorkshopExport({ ...value, view: { ...value.view, runId: 'r7' } });
    expect(!stray.ok && stray.issues).toEqual([
      { path: ['view', 'runId'], message: 'the run "r7" is not among runs' },
    ]);
    const odd = parseWorkshopExport({ ...value, view: { ...value.view, chart: 'pie' } });
    expect(!odd.ok && odd.issues.map((i) => i.path)).toEqual([['view', 'chart']]);
  });
});
