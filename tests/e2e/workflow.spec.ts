// The planner's workflow end to end on the BUILT product (private Redis, temp data dir) in
// Debian's Chromium: convert 50 acute beds to recovery in one area in the editor, run it (10
// replications, long enough that the live view is seen updating), read the results, compare
// against the baseline (lever difference and paired differences), export a CSV and a PNG,
// switch to English and back, read the Assumptions page, and open a `caretwin report` file.
// The content security policy is checked on the wire and in the browser (no violations).
// Performance figures are measured and printed, not asserted (a noisy 2-core machine):
// results drawn after the data arrive, live updates per second, long tasks over 50 ms.
// Screenshots: tests/e2e/artifacts/workflow-*.png (git-ignored).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type ConsoleMessage, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '@caretwin/contracts';
import { ROOT } from '../service/harness/build';
import { LiveReplay } from './live-replay';
import { ARTIFACTS, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, type BrowserSession } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';

// 10 replications × (90 warm-up + 240 days) take about 8–15 s on two worker threads here: long
// enough to watch the live view fill in, short enough for a test.
const REPLICATIONS = 10;
const HORIZON_DAYS = 240;
const BASELINE = 'miyagi-2025-baseline';

/** What the page records from its first script on (installed before any page script runs). */
const PAGE_PROBES = `
  window.__probe = { csp: [], longTasks: [], liveRenders: [], viewRenders: [] };
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__probe.csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
  });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__probe.longTasks = null; }
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' && m.attributeName === 'data-render-ms' && m.target.dataset.renderMs !== undefined) {
        const view = m.target.dataset.view, ms = Number(m.target.dataset.renderMs), at = performance.now();
        // painted: the frame after the render
        requestAnimationFrame(() => setTimeout(() => window.__probe.viewRenders.push({ view, ms, at, painted: performance.now() }), 0));
      }
      // the live chart is updated in place: its slot counts the updates in data-updates
      if (m.type === 'attributes' && m.attributeName === 'data-updates' && m.target.dataset.chart === 'live-occupancy') {
        const state = document.querySelector('.overall .state');
        const latest = m.target.querySelector('svg.occupancy-chart text.latest');
        window.__probe.liveRenders.push({ at: performance.now(), state: state ? state.dataset.state : null, n: latest ? latest.textContent : null });
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-render-ms', 'data-updates'] });
`;

interface Probe {
  csp: Array<{ directive: string; blocked: string; source: string }>;
  longTasks: Array<{ start: number; duration: number }> | null;
  liveRenders: Array<{ at: number; state: string | null; n: string | null }>;
  viewRenders: Array<{ view: string; ms: number; at: number; painted: number }>;
}

if (!HAS_CHROMIUM) {
  describe('the planner’s workflow in a browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('the planner’s workflow in a browser', () => {
    let product: Product;
    let browser: BrowserSession;
    let context: BrowserContext;
    let page: Page;
    let work: string;
    let step = 'start';
    const errors: Array<{ step: string; text: string }> = [];
    const expected = { municipalities: 0, hospitals: 0, areas: 0 };
    let baselineId = '';
    let whatIfId = '';
    const figures: string[] = [];

    const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
      const response = await fetch(`${product.url}${path}`, init);
      expect(response.status, `${init?.method ?? 'GET'} ${path}`).toBeLessThan(300);
      return (await response.json()) as T;
    };
    const waitForRun = async (id: string, timeoutMs: number): Promise<RunView> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const run = await api<RunView>(`/api/runs/${id}`);
        if (run.state === 'completed') return run;
        if (run.state === 'failed' || run.state === 'cancelled')
          throw new Error(`run ${id} ended ${run.state}`);
        if (Date.now() > until) throw new Error(`run ${id} still ${run.state} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const shot = async (name: string): Promise<void> => {
      await page.screenshot({ path: join(ARTIFACTS, `workflow-${name}.png`), fullPage: true });
      // After a full-page capture headless Chromium routes input to stale positions of sticky
      // elements (the editor's run panel) until the page scrolls once: nudge it.
      await page.mouse.wheel(0, 200);
      await page.mouse.wheel(0, -200);
    };
    const count = (selector: string): Promise<number> => page.locator(selector).count();
    const probe = (): Promise<Probe> =>
      page.evaluate(() => (globalThis as unknown as { __probe: Probe }).__probe);
    const download = async (click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> => {
      const [file] = await Promise.all([page.waitForEvent('download'), click()]);
      const path = await (file as Download).path();
      return { name: (file as Download).suggestedFilename(), bytes: readFileSync(path) };
    };
    const figure = (line: string): void => {
      figures.push(line);
      console.log(`[workflow figure] ${line}`);
    };

    beforeAll(async () => {
      await ensureProductBuilt();
      product = await startProduct();
      const regions = await api<{ items: Array<{ id: string }> }>('/api/regions');
      const region = await api<{ municipalities: unknown[]; hospitals: unknown[]; areas: unknown[] }>(
        `/api/regions/${regions.items[0].id}`,
      );
      expected.municipalities = region.municipalities.length;
      expected.hospitals = region.hospitals.length;
      expected.areas = region.areas.length;
      // the baseline runs while the browser starts; the what-if will pair with it (same seed and count)
      const baseline = await api<{ id: string }>('/api/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenarioId: BASELINE, replications: REPLICATIONS, horizonDays: HORIZON_DAYS }),
      });
      baselineId = baseline.id;
      mkdirSync(ARTIFACTS, { recursive: true });
      work = mkdtempSync(join(tmpdir(), 'caretwin-workflow-'));
      browser = await launchBrowser({ acceptDownloads: true });
      ({ context, page } = browser);
      await context.addInitScript({ content: PAGE_PROBES });
      page.setDefaultTimeout(30_000);
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') errors.push({ step, text: message.text() });
      });
      page.on('pageerror', (error) => errors.push({ step, text: `uncaught: ${error.message}` }));
    }, 120_000);

    afterAll(async () => {
      if (figures.length) console.log(`\nworkflow figures:\n  ${figures.join('\n  ')}\n`);
      await browser?.close();
      await product?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    }, 30_000);

    it('serves the page with an explicit content security policy that allows blob: and data: images and the same-host socket', async () => {
      step = 'csp';
      const response = await fetch(`${product.url}/`, { headers: { accept: 'text/html' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/img-src 'self' data: blob:/);
      expect(csp).toContain(`ws://${new URL(product.url).host}`);
      await page.goto(`${product.url}/`);
      await page.locator('svg.region-map').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      await shot('home');
    });

    it('converts 50 acute beds to recovery in one area in the editor and runs it with 10 replications', async () => {
      step = 'editor';
      await waitForRun(baselineId, 120_000); // so the what-if's live view shows only its own progress
      await page.locator('header nav a[href="#/editor"]').click();
      await page.locator('.validation-status[data-state="valid"]').waitFor();
      const area = await page.locator('table.area-beds').first().getAttribute('data-area');
      const acute = page.locator(`[data-after="${area}.acute"]`);
      const acuteBefore = Number((await acute.innerText()).replace(/[^0-9]/g, ''));
      await page.locator('[data-action="add-conversion"]').click();
      const conversion = page.locator('.conversion').first();
      // the lever as a planner states it: this area, acute → recovery, 50 beds (a new row names no area)
      expect(await conversion.locator('select[data-field$=".area"]').inputValue()).toBe('');
      await conversion.locator('select[data-field$=".area"]').selectOption(area ?? '');
      expect(await conversion.locator('select[data-field$=".from"]').inputValue()).toBe('acute');
      expect(await conversion.locator('select[data-field$=".to"]').inputValue()).toBe('recovery');
      await conversion.locator('input[data-field$=".count"]').fill('50');
      await page.locator('.validation-status[data-state="valid"]').waitFor();
      await expect
        .poll(async () => Number((await acute.innerText()).replace(/[^0-9]/g, '')))
        .toBe(acuteBefore - 50);
      await page.locator('input[data-field="run.replications"]').fill(String(REPLICATIONS));
      await page.locator('input[data-field="run.horizonDays"]').fill(String(HORIZON_DAYS));
      await shot('editor');
      await page.locator('[data-action="run"]').click();
      await page.waitForURL(/#\/live\//);
      whatIfId = decodeURIComponent(page.url().split('#/live/')[1] ?? '');
      expect(whatIfId).not.toBe('');
    }, 180_000); // it first waits up to 120 s for the baseline run

    it('updates the live chart at least three times before the run completes', async () => {
      step = 'live';
      await page.locator('[data-chart="live-occupancy"] svg.occupancy-chart').waitFor();
      await page
        .locator('.overall .state[data-state="running"]')
        .waitFor({ timeout: 60_000 })
        .catch(() => undefined);
      await page.waitForTimeout(1500);
      await shot('live');
      await page.locator('.overall .state[data-state="completed"]').waitFor({ timeout: 120_000 });
      const run = await api<RunView>(`/api/runs/${whatIfId}`);
      const { liveRenders, longTasks } = await probe();
      const running = liveRenders.filter((r) => r.state === 'running');
      expect(running.length).toBeGreaterThanOrEqual(3);
      // the band fills in: later renders cover more replications or more days than the first
      expect(new Set(running.map((r) => r.n)).size).toBeGreaterThan(1);
      const first = running[0].at;
      const last = running[running.length - 1].at;
      const seconds = Math.max(0.001, (last - first) / 1000);
      let peak = 0;
      for (const r of running)
        peak = Math.max(peak, running.filter((q) => q.at >= r.at && q.at < r.at + 1000).length);
      const during = (longTasks ?? []).filter(
        (task) => task.start + task.duration >= first && task.start <= last,
      );
      const drawMs = (await probe()).viewRenders
        .filter((r) => r.view === 'live' && r.at >= first && r.at <= last)
        .map((r) => r.ms)
        .sort((x, y) => x - y);
      const pct = (p: number): number =>
        drawMs[Math.min(drawMs.length - 1, Math.floor(p * drawMs.length))] ?? NaN;
      figure(
        `run ${REPLICATIONS} replications × ${HORIZON_DAYS} days: ${((run.timings.runningMs ?? 0) / 1000).toFixed(1)} s running`,
      );
      figure(
        `live view: ${running.length} chart updates while running over ${seconds.toFixed(1)} s = ${(running.length / seconds).toFixed(1)} updates/s (peak ${peak} in one second; api relays ≤ 10/s)`,
      );
      figure(
        `live view: one update draws in ${pct(0.5)} ms (median), ${pct(0.95)} ms (95th percentile), ${drawMs[drawMs.length - 1]} ms (max) over ${drawMs.length} draws`,
      );
      figure(
        longTasks === null
          ? 'live view long tasks: PerformanceObserver("longtask") unavailable'
          : `live view long tasks over 50 ms while running: ${during.length}${during.length ? ` (longest ${Math.max(...during.map((t) => t.duration)).toFixed(0)} ms)` : ''}`,
      );
    }, 180_000);

    it('shows the results: one boundary per municipality and one circle per hospital, drawn soon after the data arrive', async () => {
      step = 'results';
      await page.locator('.run-end a.button').click();
      await page.waitForURL(/#\/results\//);
      // the URL changes before the hashchange mounts the results view: until then <main> is still
      // the live view, which keeps a data-render-ms of its own
      await page.locator('main[data-view="results"][data-render-ms]').waitFor();
      expect(await count('svg.region-map path.municipality')).toBe(expected.municipalities);
      expect(await count('svg.region-map circle.hospital')).toBe(expected.hospitals);
      expect(await count('main .export-toolbar')).toBeGreaterThanOrEqual(7);
      await expect
        .poll(async () => (await probe()).viewRenders.filter((r) => r.view === 'results').length)
        .toBeGreaterThan(0);
      const timing = await page.evaluate(() => {
        const fetched = performance
          .getEntriesByType('resource')
          .filter((e) => /\/api\/runs\/[^/]+\/result$/.test(new URL(e.name).pathname));
        const arrived =
          (fetched[fetched.length - 1] as unknown as { responseEnd: number } | undefined)?.responseEnd ??
          null;
        const renders = (globalThis as unknown as { __probe: Probe }).__probe.viewRenders.filter(
          (r) => r.view === 'results',
        );
        return { arrived, render: renders[renders.length - 1] };
      });
      const sinceData = timing.arrived === null ? null : timing.render.painted - timing.arrived;
      figure(
        `results view: drawn in ${timing.render.ms} ms after the result arrived; painted ${sinceData === null ? '?' : sinceData.toFixed(0)} ms after its last byte (target ≤ 1000 ms)`,
      );
      await shot('results');
    });

    it('exports the map’s data as CSV (UTF-8 with BOM, labelled inputs) and the map as PNG and SVG', async () => {
      step = 'exports';
      const toolbar = page.locator('.exportable[data-exportable="region-map"] .export-toolbar');
      const csv = await download(() => toolbar.locator('button[data-export="csv"]').click());
      // caretwin-<scenario>-<chart>-<date> (export/caption.ts)
      expect(csv.name).toMatch(/^caretwin-.+-region-map-\d{4}-\d{2}-\d{2}\.csv$/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toMatch(/^# 地図: 病院の稼働率 — .* · 作成 \d{4}-\d{2}-\d{2}$/);
      expect(lines[1]).toMatch(/^# CareTwin — .* — 地域の地図/);
      expect(lines[2]).toContain('合成データ');
      const header = lines.findIndex((l) => l.startsWith('種別,ID,名前'));
      expect(header).toBeGreaterThan(0);
      const rows = lines.slice(header + 1).filter(Boolean);
      expect(rows.filter((r) => r.startsWith('市町村,'))).toHaveLength(expected.municipalities);
      expect(rows.filter((r) => r.startsWith('病院,'))).toHaveLength(expected.hospitals);

      const png = await download(() => toolbar.locator('button[data-export="png"]').click());
      expect(png.name).toMatch(/^caretwin-.+-region-map-\d{4}-\d{2}-\d{2}\.png$/);
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const svgWidth = Number(await page.locator('svg.region-map').getAttribute('width'));
      expect(png.bytes.readUInt32BE(16)).toBe(svgWidth * 2); // IHDR width: drawn at twice the size
      expect(png.bytes.length).toBeGreaterThan(10_000); // not a blank canvas

      const svg = await download(() => toolbar.locator('button[data-export="svg"]').click());
      const text = svg.bytes.toString('utf8');
      expect(text.startsWith('<?xml')).toBe(true);
      expect(text.match(/class="municipality"/g)).toHaveLength(expected.municipalities);
      // the boundaries' credit travels with the exported map
      expect(text).toContain('出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成');

      const reproduce = await download(() => page.locator('[data-action="reproduce"]').click());
      const yaml = reproduce.bytes.toString('utf8');
      expect(yaml).toContain(`# CareTwin: reproduces run ${whatIfId}`);
      expect(yaml).toContain('"kind": "convertBeds"');
      expect(yaml).not.toContain('"extends"');
      writeFileSync(join(work, reproduce.name), reproduce.bytes);
      expect((await probe()).csp).toEqual([]);
    });

    it('compares against the baseline: the lever difference, then paired differences with significant ones highlighted', async () => {
      step = 'compare';
      await page.locator('[data-action="compare"]').click();
      await page.waitForURL(/#\/compare\//);
      // a defaults to the what-if's own baseline run (same seed, replications and horizon)
      await page.locator('.baseline-note[data-baseline="found"]').waitFor();
      expect(await page.locator('select[data-field="compare.a"]').inputValue()).toBe(baselineId);
      expect(await page.locator('select[data-field="compare.b"]').inputValue()).toBe(whatIfId);
      await page.locator('.method-banner').waitFor();
      expect(await page.locator('.method-banner').getAttribute('data-method')).toBe('paired');
      const levers = await page.locator('.levers-only-b li').allInnerTexts();
      expect(levers).toHaveLength(1);
      expect(levers[0]).toMatch(/急性期 → 回復期 50床/);
      expect(await count('.levers-only-a li')).toBe(0);
      expect(await count('svg.difference-chart g.row')).toBeGreaterThan(5);
      const rows = page.locator('table.differences:not(.by-area)').first().locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(5);
      const significant = await page
        .locator('table.differences:not(.by-area)')
        .first()
        .locator('tbody tr[data-significant="true"]')
        .count();
      expect(significant).toBe(
        await page.locator('svg.difference-chart g.row[data-significant="true"]').count(),
      );
      expect(significant).toBe(
        await page
          .locator('table.differences:not(.by-area)')
          .first()
          .locator('tbody tr.significant .badge.significant')
          .count(),
      );
      figure(`compare: ${significant} of ${await rows.count()} headline KPIs differ significantly (paired)`);
      await shot('compare');
    });

    it('switches to English and back', async () => {
      step = 'language';
      await page.locator('button.lang-switch').click();
      await page.locator('html[lang="en"]').waitFor();
      await page.locator('.method-banner').waitFor();
      expect(await page.locator('.method-banner').innerText()).toContain('Paired comparison');
      expect(await page.locator('.levers-only-b li').first().innerText()).toMatch(
        /Acute → Recovery 50 beds converted/,
      );
      await shot('compare-en');
      await page.locator('button.lang-switch').click();
      await page.locator('html[lang="ja"]').waitFor();
      await page.locator('.method-banner').waitFor();
      expect(await page.locator('.method-banner').innerText()).toContain('対応のある比較');
    });

    it('states the assumptions: sources, synthetic and estimated inputs, calibration residuals, known limits', async () => {
      step = 'assumptions';
      await page.locator('header nav a[href="#/assumptions"]').click();
      await page.locator('#assumptions-limits').waitFor();
      expect(
        await page
          .locator('.assumptions-section')
          .evaluateAll((s) =>
            s.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.section),
          ),
      ).toEqual(['sources', 'inputs', 'model', 'calibration', 'limits']);
      expect(await page.locator('tr[data-input="hospitals"]').innerText()).toContain(
        `合成データ ${expected.hospitals}/${expected.hospitals}`,
      );
      expect(await count('table.calibration tbody tr')).toBeGreaterThan(10);
      expect(await page.locator('#assumptions-calibration').innerText()).toContain('docs/calibration.md');
      expect(await page.locator('#assumptions-limits').innerText()).toContain('他の都道府県からの流入はない');
      await shot('assumptions');
    });

    it('reruns the reproduce file to the same replications, and writes a standalone report with `caretwin report` that renders offline', async () => {
      step = 'report';
      for (const [name, id] of [
        ['whatif.json', whatIfId],
        ['base.json', baselineId],
      ]) {
        const response = await fetch(`${product.url}/api/runs/${id}/result`);
        writeFileSync(join(work, name), Buffer.from(await response.arrayBuffer()));
      }
      // the reproduce download reruns to the same replications (its first two, to keep this quick)
      const reproduce = readdirSync(work).find((f) => f.endsWith('-reproduce.yaml'));
      expect(reproduce).toBeDefined();
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js'),
          'run',
          reproduce ?? '',
          '--replications',
          '2',
          '--workers',
          '2',
          '--out',
          'rerun',
          '--json',
        ],
        { cwd: work, encoding: 'utf8' },
      );
      type Replications = { replications: Array<{ replication: number; kpis: Record<string, number> }> };
      const rerun = JSON.parse(readFileSync(join(work, 'rerun', 'result.json'), 'utf8')) as Replications;
      const original = JSON.parse(readFileSync(join(work, 'whatif.json'), 'utf8')) as Replications;
      expect(rerun.replications.map((r) => r.kpis)).toEqual(
        original.replications.slice(0, 2).map((r) => r.kpis),
      );

      const out = join(work, 'report.html');
      const printed = execFileSync(
        process.execPath,
        [
          join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js'),
          'report',
          'whatif.json',
          '--baseline',
          'base.json',
          '--out',
          out,
          '--json',
        ],
        { cwd: work, encoding: 'utf8' },
      );
      const summary = JSON.parse(printed) as { bytes: number; method: string };
      expect(summary.method).toBe('paired');
      figure(`report: ${(summary.bytes / 1024 / 1024).toFixed(2)} MB, one file`);

      const report = await context.newPage();
      const requests: string[] = [];
      const reportErrors: string[] = [];
      report.on('request', (r) => requests.push(r.url()));
      report.on('console', (m) => m.type() === 'error' && reportErrors.push(m.text()));
      report.on('pageerror', (e) => reportErrors.push(e.message));
      await report.goto(`file://${out}`);
      await report.locator('#report[data-rendered="true"]').waitFor();
      expect(await report.locator('svg.region-map path.municipality').count()).toBe(expected.municipalities);
      expect(await report.locator('svg.region-map circle.hospital').count()).toBe(expected.hospitals);
      for (const chart of [
        'kpi-cards',
        'occupancy-chart',
        'flow-chart',
        'need-chart',
        'distribution-chart',
        'difference-chart',
      ]) {
        expect(await report.locator(`svg.${chart}`).count(), chart).toBeGreaterThan(0);
      }
      expect(await report.locator('.levers-only-b li').first().innerText()).toMatch(/急性期 → 回復期 50床/);
      expect(await report.locator('.method-banner').getAttribute('data-method')).toBe('paired');
      expect(await report.locator('table.kpi-table tbody tr').count()).toBeGreaterThan(5);
      expect(await report.locator('#assumptions-limits').innerText()).toContain('他の都道府県');
      // nothing but the file itself was fetched: it opens offline
      expect(
        requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:')),
      ).toEqual([]);
      expect(reportErrors).toEqual([]);
      await report.screenshot({ path: join(ARTIFACTS, 'workflow-report.png'), fullPage: true });
      await report.close();
    });

    it('takes 10 live updates per second for 10 replications (a replayed run, measured without a simulation competing)', async () => {
      step = 'live-replay';
      const region = await api<{ areas: Array<{ id: string }> }>(
        `/api/regions/${(await api<{ regionId: string }>(`/api/runs/${whatIfId}`)).regionId}`,
      );
      const replay = new LiveReplay({
        runId: whatIfId,
        areas: region.areas.map((a) => a.id),
        replications: 10,
        warmupDays: 90,
        totalDays: 90 + HORIZON_DAYS,
        events: 100,
        intervalMs: 100,
      });
      const live = await context.newPage();
      live.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') errors.push({ step, text: message.text() });
      });
      await live.routeWebSocket(/\/socket\.io\//, (ws) => replay.attach(ws));
      await live.goto(`${product.url}/#/live/${encodeURIComponent(whatIfId)}`);
      await replay.done;
      await live.waitForTimeout(300);
      const { liveRenders, longTasks, viewRenders } = await live.evaluate(
        () => (globalThis as unknown as { __probe: Probe }).__probe,
      );
      // every event was applied: the band reached all 10 replications on the last day
      expect(await live.locator('svg.occupancy-chart text.latest').first().textContent()).toMatch(/^n = 10 /);
      expect(await live.locator('.replication-list li').count()).toBe(10);
      const running = liveRenders.filter((r) => r.state === 'running');
      const first = running[0].at;
      const last = running[running.length - 1].at;
      const seconds = (last - first) / 1000;
      const draws = viewRenders
        .filter((r) => r.view === 'live' && r.at >= first)
        .map((r) => r.ms)
        .sort((x, y) => x - y);
      const long = (longTasks ?? []).filter(
        (task) => task.start + task.duration >= first && task.start <= last,
      );
      await live.screenshot({ path: join(ARTIFACTS, 'workflow-live-replay.png'), fullPage: true });
      await live.close();
      expect(running.length).toBeGreaterThan(50); // most of the 100 events drew (a frame may merge two)
      figure(
        `live view, replayed: ${replay.sent.length} events at 10/s → ${running.length} chart updates in ${seconds.toFixed(1)} s = ${(running.length / seconds).toFixed(1)} updates/s`,
      );
      figure(
        `live view, replayed: one update draws in ${draws[Math.floor(draws.length / 2)]} ms (median), ${draws[Math.floor(draws.length * 0.95)]} ms (95th), ${draws[draws.length - 1]} ms (max)`,
      );
      figure(
        longTasks === null
          ? 'live view, replayed: PerformanceObserver("longtask") unavailable'
          : `live view, replayed: long tasks over 50 ms: ${long.length}${long.length ? ` (longest ${Math.max(...long.map((t) => t.duration)).toFixed(0)} ms)` : ''}`,
      );
    }, 60_000);

    it('logged no console errors and no content security policy violations anywhere', async () => {
      expect(errors).toEqual([]);
      expect((await probe()).csp).toEqual([]);
    });
  });
}
