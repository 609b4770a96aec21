import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import type { RunResultDocument } from '@caretwin/runner';
import { reportCommand } from '../commands/report';
import { REPORT_DATA_ID, slimResult, type ReportPayload } from './report-payload';
import { REPORT_CSP, scriptSafeJson, standaloneHtml } from './standalone-html';

function replication(index: number, seed: number, admissions: number): ReplicationResult {
  return {
    schemaVersion: 1,
    scenarioId: 's',
    regionId: 'r',
    seed,
    replication: index,
    startDate: '2025-04-01',
    warmupDays: 0,
    horizonDays: 2,
    daysSimulated: 2,
    stoppedEarly: false,
    kpis: { admissions },
    dailyOccupancy: [{ area: 'a', function: 'acute', inUse: [1, 2], capacity: [3, 3] }],
    weeklyHospitalOccupancy: [{ hospital: 'h', inUse: [1], capacity: [3] }],
    hospitals: [
      {
        hospital: 'h',
        area: 'a',
        inUse: { highAcute: 0, acute: 1, recovery: 0, chronic: 0 },
        capacity: { highAcute: 0, acute: 3, recovery: 0, chronic: 0 },
        utilisation: 0.5,
        admissions: 1,
        refusals: 0,
        overflow: 0,
      },
    ],
    flow: { areas: [], admissions: [], leftRegion: [], selfSufficiency: [] },
    census: {} as ReplicationResult['census'],
    staticNeed: {} as ReplicationResult['staticNeed'],
  };
}

function result(id: string, seed: number, values: number[]): RunResultDocument<Record<string, unknown>> {
  return {
    schemaVersion: 1,
    provenance: {
      scenario: { id, name: { ja: `名前 ${id}`, en: `name </script> ${id}` } },
      seed,
      replications: values.length,
      replicationIndices: values.map((_, i) => i),
    },
    replications: values.map((v, i) => replication(i, seed, v)).reverse(),
    aggregate: { kpis: {} },
    warnings: [],
    execution: { runId: 'r-1' },
  } as unknown as RunResultDocument<Record<string, unknown>>;
}

const payloadOf = (html: string): ReportPayload => {
  const match = new RegExp(`<script type="application/json" id="${REPORT_DATA_ID}">(.*?)</script>`, 's').exec(
    html,
  );
  if (!match) throw new Error('no payload');
  return JSON.parse(match[1]) as ReportPayload;
};

describe('standalone report HTML', () => {
  it('keeps JSON from closing its script element or breaking a line of script', () => {
    const text = scriptSafeJson({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(text).not.toContain('<');
    expect(text).not.toContain('\u2028');
    expect(JSON.parse(text)).toEqual({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
  });

  it('inlines the bundle and the payload, forbids network requests, and escapes the title', () => {
    const payload = {
      format: 'caretwin-report',
      version: 1,
      generatedAt: '2026-01-01T00:00:00.000Z',
      generator: 'caretwin test',
      source: 'result.json',
      result: result('s', 1, [1, 2]),
    } as ReportPayload;
    const html = standaloneHtml(payload, { script: 'var x = "</script>";', style: 'body{color:red}' });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(html).toContain('<style>body{color:red}</style>');
    expect(html).toContain('var x = "<\\/script>";');
    expect(html).toContain('name &lt;/script&gt; s');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the payload's and the bundle's own ends
    expect(payloadOf(html).result.provenance.scenario.id).toBe('s');
  });

  it('drops the per-replication series the report does not draw, keeping KPIs and the first replication’s beds', () => {
    const slim = slimResult(result('s', 1, [10, 20, 30]));
    expect(slim.replications.map((r) => r.replication)).toEqual([0, 1, 2]);
    expect(slim.replications.map((r) => r.kpis.admissions)).toEqual([10, 20, 30]);
    expect(
      slim.replications.every((r) => r.dailyOccupancy.length === 0 && r.weeklyHospitalOccupancy.length === 0),
    ).toBe(true);
    expect(slim.replications[0].hospitals).toHaveLength(1);
    expect(slim.replications[1].hospitals).toHaveLength(0);
  });
});

describe('caretwin report', () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'caretwin-report-'));
    const bundleDir = join(dir, 'bundle');
    mkdirSync(bundleDir);
    writeFileSync(
      join(bundleDir, 'report.js'),
      'document.getElementById("report").dataset.rendered = "true";',
    );
    writeFileSync(join(bundleDir, 'report.css'), 'body{}');
    writeFileSync(join(dir, 'whatif.json'), JSON.stringify(result('whatif', 1, [10, 12, 14])));
    writeFileSync(join(dir, 'base.json'), JSON.stringify(result('base', 1, [8, 11, 11])));
    writeFileSync(join(dir, 'other-seed.json'), JSON.stringify(result('base', 2, [8, 11, 11])));
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      color: false,
      tty: false,
      cwd: dir,
    };
    return { dir, bundleDir, io, out, err };
  };

  it('writes one file with the result and, given a baseline, the paired comparison b − a', () => {
    const { dir, bundleDir, io, out } = setup();
    const code = reportCommand(
      'whatif.json',
      {
        out: 'r/report.html',
        baseline: 'base.json',
        bundleDir,
        json: true,
        now: () => new Date('2026-05-01T00:00:00Z'),
      },
      io,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(out[0]) as { out: string; method: string };
    expect(summary.out).toBe(join(dir, 'r', 'report.html'));
    expect(summary.method).toBe('paired');
    const payload = payloadOf(readFileSync(summary.out, 'utf8'));
    expect(payload.generatedAt).toBe('2026-05-01T00:00:00.000Z');
    expect(payload.baseline?.comparison.kpis.admissions.difference).toBeCloseTo(2, 10);
    expect(payload.baseline?.source).toBe('base.json');
  });

  it('falls back to Welch when the seeds differ, and says so', () => {
    const { bundleDir, io, out } = setup();
    expect(reportCommand('whatif.json', { baseline: 'other-seed.json', bundleDir, json: true }, io)).toBe(0);
    expect(JSON.parse(out[0]).method).toBe('welch');
  });

  it("carries the region's municipal boundaries for the map, so the report opens offline", () => {
    const { dir, bundleDir, io, out } = setup();
    const doc = result('whatif', 1, [10]) as unknown as { provenance: Record<string, unknown> };
    doc.provenance.region = {
      id: 'miyagi',
      municipalities: [
        { id: '04101', area: 'sendai', name: { ja: '仙台市青葉区', en: 'Aoba' } },
        { id: '04206', area: 'sennan', name: { ja: '白石市', en: 'Shiroishi' } },
      ],
    };
    writeFileSync(join(dir, 'miyagi.json'), JSON.stringify(doc));
    const regionsDir = join(__dirname, '..', '..', '..', '..', 'scenarios', 'data');
    expect(reportCommand('miyagi.json', { bundleDir, regionsDir, json: true }, io)).toBe(0);
    const payload = payloadOf(readFileSync(JSON.parse(out[0]).out as string, 'utf8'));
    expect(payload.boundaries?.features.map((f) => [f.id, f.properties.area])).toEqual([
      ['04101', 'sendai'],
      ['04206', 'sennan'],
    ]);
    expect(payload.boundaries?.credit.ja).toBe(
      '出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成',
    );
    // a region without a boundary file: no boundaries, the map draws points
    expect(reportCommand('miyagi.json', { bundleDir, regionsDir: dir, json: true }, io)).toBe(0);
    expect(payloadOf(readFileSync(JSON.parse(out[1]).out as string, 'utf8')).boundaries).toBeUndefined();
  });

  it('refuses a file that is not a result, and a missing bundle, with what to do', () => {
    const { dir, bundleDir, io, err } = setup();
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ id: 'x' }));
    expect(reportCommand('scenario.json', { bundleDir }, io)).toBe(1);
    expect(err.at(-1)).toContain('not a result file');
    expect(reportCommand('whatif.json', { bundleDir: join(dir, 'nowhere') }, io)).toBe(1);
    expect(err.at(-1)).toContain('npm run build');
  });
});
