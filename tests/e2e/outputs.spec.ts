/// <reference lib="dom" />
// Outputs a planner can take to the mayors (issue 16), on the BUILT product in Debian's
// Chromium: one small baseline run and one what-if (a hospital closed, same seed and
// replications) are reused by every test. The live view counts every replication once they have
// all finished; an exported chart carries its title, scenarios, period, replications, date and
// the data caveat (read from the SVG; the PNG is drawn from the same file); and every view, in
// Japanese and in English, shows no raw KPI key and no text in the other language (proper names
// of places and hospitals without an English name aside).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, type BrowserSession } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';

const BASELINE = 'miyagi-2025-baseline';
const REPLICATIONS = 6;
// short, so the whole file stays within a minute or two on two busy cores
const RUN = { replications: REPLICATIONS, seed: 7, horizonDays: 20, overrides: { warmupDays: 10 } };

type Named = { id: string; name: { ja: string; en: string } };
interface RegionDoc {
  areas: Named[];
  municipalities: Named[];
  hospitals: Named[];
  conditions?: Named[];
}

/**
 * Latin words a Japanese page may show: the product's name, file formats (FHIR: the reports'
 * standard), the language switch, Welch (a method's name) and PCI (the Japanese clinical term is
 * the acronym).
 */
const LATIN_ALLOWED = new Set([
  'CareTwin',
  'caretwin',
  'CSV',
  'PNG',
  'SVG',
  'JSON',
  'YAML',
  'FHIR',
  'English',
  'Welch',
  'PCI',
]);
/** Japanese an English page may show: the switch to Japanese names itself in Japanese. */
const JAPANESE_ALLOWED = new Set(['日本語', '日本語に切り替える']);
/** The switch to English names itself in English on a Japanese page. */
const ENGLISH_ALLOWED = new Set(['Switch to English']);

/** What is wrong with the text of the page now (one line per problem; empty: nothing). */
async function textProblems(
  page: Page,
  lang: 'ja' | 'en',
  kpiKeys: readonly string[],
  properNames: readonly string[],
): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // code, and text quoted from data files as written (translate="no"), is not UI text
      if (!parent || parent.closest('script, style, pre, code, [translate="no"]')) continue;
      const text = (node.textContent ?? '').trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title]')) {
      if (el.closest('[translate="no"]')) continue;
      for (const attr of ['aria-label', 'title']) {
        const value = el.getAttribute(attr);
        if (value) out.push(value.trim());
      }
    }
    return out;
  });
  const keys = new Set(kpiKeys);
  const names = [...properNames].sort((a, b) => b.length - a.length);
  const problems: string[] = [];
  for (const text of new Set(texts)) {
    for (const token of text.match(/[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+)+/g) ?? [])
      if (keys.has(token)) problems.push(`raw KPI key ${token} in "${text}"`);
    const rest = names.reduce((t, name) => t.split(name).join(' '), text);
    // one word for closing a hospital: 閉鎖 (休止 was used for the same act)
    if (lang === 'ja' && text.includes('休止')) problems.push(`休止 for closing (閉鎖) in "${text}"`);
    if (lang === 'ja' && ENGLISH_ALLOWED.has(text)) continue;
    if (lang === 'ja') {
      // identifiers (run and scenario ids, file names, expressions) are not words
      const words = rest
        .replace(/npm run [\w:-]+/g, ' ')
        .replace(/[A-Za-z]+\(/g, ' ')
        .replace(/[A-Za-z0-9]+(?:[-_./:][A-Za-z0-9]+)+/g, ' ')
        .replace(/\b[0-9a-f]{8,}\b/g, ' ')
        .match(/[A-Za-z]{3,}/g);
      const english = (words ?? []).filter((word) => !LATIN_ALLOWED.has(word));
      if (english.length)
        problems.push(`English "${english.join(' ')}" in Japanese: "${text.slice(0, 160)}"`);
    } else if (/[\u3040-\u30ff\u3400-\u9fff]/.test(rest) && !/[A-Za-z]{3,}/.test(rest)) {
      // a Japanese term beside its English gloss is fine; Japanese on its own is not
      if (!JAPANESE_ALLOWED.has(rest.trim())) problems.push(`Japanese only in English: "${text}"`);
    }
  }
  return problems;
}

if (!HAS_CHROMIUM) {
  describe('outputs for the mayors in a browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('outputs for the mayors in a browser', () => {
    let product: Product;
    let browser: BrowserSession;
    let page: Page;
    let region: RegionDoc;
    let baselineRun = '';
    let whatIfRun = '';
    let kpiKeys: string[] = [];
    const errors: string[] = [];

    const api = async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${product.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      expect(response.status, `${path}: ${response.status} ${text.slice(0, 500)}`).toBeLessThan(300);
      return JSON.parse(text) as T;
    };
    /** Starts a run; a first resolve on a busy machine may time out (SCENARIO_TIMEOUT): asked again. */
    const startRun = async (body: unknown): Promise<string> => {
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${product.url}/api/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status < 300) return (JSON.parse(text) as { id: string }).id;
        if (attempt >= 3 || !text.includes('SCENARIO_TIMEOUT')) throw new Error(`POST /api/runs: ${text}`);
      }
    };
    const waitCompleted = async (id: string): Promise<void> => {
      const until = Date.now() + 240_000;
      for (;;) {
        const run = await api<{ state: string }>(`/api/runs/${id}`);
        if (run.state === 'completed') return;
        if (run.state === 'failed' || run.state === 'cancelled' || Date.now() > until)
          throw new Error(`run ${id} ended ${run.state}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const download = async (click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> => {
      const [file] = await Promise.all([page.waitForEvent('download'), click()]);
      return { name: (file as Download).suggestedFilename(), bytes: readFileSync(await file.path()) };
    };
    const properNames = (): string[] =>
      [...region.areas, ...region.municipalities, ...region.hospitals, ...(region.conditions ?? [])]
        // a place without an English name keeps its Japanese one in English
        .flatMap((x) => (x.name.en && x.name.en !== x.name.ja ? [x.name.en] : [x.name.ja, x.name.en]))
        .filter(Boolean);

    beforeAll(async () => {
      await ensureProductBuilt();
      product = await startProduct();
      const regions = await api<{ items: Array<{ id: string }> }>('/api/regions');
      region = await api<RegionDoc>(`/api/regions/${regions.items[0].id}`);
      browser = await launchBrowser({ acceptDownloads: true });
      ({ page } = browser);
      page.setDefaultTimeout(30_000);
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await product?.stop();
    }, 30_000);

    it('counts every replication in the live chart once all have finished, its mean after the warm-up', async () => {
      baselineRun = await startRun({ scenarioId: BASELINE, ...RUN });
      await page.goto(`${product.url}/#/live/${encodeURIComponent(baselineRun)}`);
      await page.locator('.overall .state[data-state="completed"]').waitFor({ timeout: 240_000 });
      await page.locator('svg.occupancy-chart text.latest').first().waitFor();
      // the last messages may still be drawing: wait for the count, then check every panel
      await expect
        .poll(() => page.locator('svg.occupancy-chart text.latest').first().textContent(), {
          timeout: 15_000,
        })
        .toMatch(new RegExp(`^n = ${REPLICATIONS} · 平均\\(ウォームアップ後\\) \\d+%$`));
      const corners = await page.locator('svg.occupancy-chart text.latest').allTextContents();
      expect(corners.length).toBeGreaterThan(0);
      for (const corner of corners) expect(corner).toMatch(new RegExp(`^n = ${REPLICATIONS} · `));
      expect(await page.locator('[data-note="warmup"]').innerText()).toContain('ウォームアップ');
      await page.screenshot({ path: join(ARTIFACTS, 'outputs-live.png'), fullPage: true });
    }, 300_000);

    it('exports a titled chart: title, scenario, period, replications, date and caveat, as SVG and PNG', async () => {
      await page.goto(`${product.url}/#/results/${encodeURIComponent(baselineRun)}`);
      const toolbar = page.locator('.exportable[data-exportable="occupancy"] .export-toolbar').first();
      await toolbar.waitFor();
      const today = new Date();
      const pad = (n: number): string => String(n).padStart(2, '0');
      const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;

      const svg = await download(() => toolbar.locator('button[data-export="svg"]').click());
      expect(svg.name).toBe(`caretwin-${BASELINE}-occupancy-${date}.svg`);
      const text = svg.bytes.toString('utf8');
      const parsed = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
        const read = (selector: string): string[] =>
          [...doc.querySelectorAll(selector)].map((n) => n.textContent ?? '');
        return {
          error: doc.querySelector('parsererror') !== null,
          height: Number(doc.documentElement.getAttribute('height')),
          width: Number(doc.documentElement.getAttribute('width')),
          title: read('.export-title').join(''),
          subtitle: read('.export-subtitle').join(' '),
          caveat: read('.export-caveat-line').join(''),
          footnote: read('g.export-chart text.footnote').join(' '),
        };
      }, text);
      expect(parsed.error).toBe(false);
      expect(parsed.title).toBe('稼働率の推移(95%信頼区間)');
      expect(parsed.subtitle).toContain('宮城');
      expect(parsed.subtitle).toMatch(
        /\d{4}-\d{2}-\d{2} 〜 \d{4}-\d{2}-\d{2}\(20 日、ウォームアップ 10 日の後\)/,
      );
      expect(parsed.subtitle).toContain(`${REPLICATIONS} 反復`);
      expect(parsed.subtitle).toContain(`作成 ${date}`);
      expect(parsed.caveat).toContain('将来の予測値ではありません');
      expect(parsed.footnote).toContain('合成データ');

      const png = await download(() => toolbar.locator('button[data-export="png"]').click());
      expect(png.name).toBe(`caretwin-${BASELINE}-occupancy-${date}.png`);
      writeFileSync(join(ARTIFACTS, 'outputs-export.png'), png.bytes); // to look at
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // the PNG is the titled SVG drawn at twice its size: taller than the chart on the page
      expect(png.bytes.readUInt32BE(16)).toBe(parsed.width * 2);
      expect(png.bytes.readUInt32BE(20)).toBe(parsed.height * 2);
      const drawn = Number(await page.locator('[data-chart="occupancy"] svg').first().getAttribute('height'));
      expect(parsed.height).toBeGreaterThan(drawn + 40);

      const csv = await download(() =>
        page.locator('.exportable[data-exportable="kpi-cards"] button[data-export="csv"]').click(),
      );
      expect(csv.name).toBe(`caretwin-${BASELINE}-kpis-${date}.csv`);
      const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toContain(`# 主な指標(平均と95%信頼区間) — `);
      expect(lines.find((l) => l.startsWith('指標ID,指標,単位,'))).toBeDefined();
    }, 60_000);

    it('shows no raw KPI key and no text of the other language in any view, in Japanese and in English', async () => {
      const hospital = region.hospitals[0].id;
      whatIfRun = await startRun({
        scenario: {
          extends: BASELINE,
          id: 'e2e-close-one',
          name: { ja: '1病院を閉鎖', en: 'One hospital closed' },
          policies: [{ kind: 'closeHospital', hospital }],
        },
        ...RUN,
      });
      await waitCompleted(whatIfRun);
      const result = await api<{ aggregate: { kpis: Record<string, unknown> } }>(
        `/api/runs/${baselineRun}/result`,
      );
      kpiKeys = Object.keys(result.aggregate.kpis);
      expect(kpiKeys.length).toBeGreaterThan(50);
      const names = properNames();
      const problems: string[] = [];
      const views: Array<[string, string, string]> = [
        ['home', '/#/', 'svg.region-map'],
        ['runs', '/#/runs', `tr[data-run="${whatIfRun}"]`],
        ['results', `/#/results/${whatIfRun}`, 'svg.kpi-cards'],
        ['live', `/#/live/${whatIfRun}`, 'svg.occupancy-chart text.latest'],
        ['compare', `/#/compare/${baselineRun}/${whatIfRun}`, 'svg.difference-chart'],
        ['editor', '/#/editor', '.validation-status[data-state="valid"]'],
        ['assumptions', '/#/assumptions', 'h1'],
        ['now', '/#/now', 'svg.prefecture-map'],
      ];
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${product.url}/#/`);
        if ((await page.locator('html').getAttribute('lang')) !== lang) {
          await page.locator('button.lang-switch').click();
          await page.locator(`html[lang="${lang}"]`).waitFor();
        }
        for (const [name, path, ready] of views) {
          await page.goto(`${product.url}${path}`);
          await page.locator(ready).first().waitFor();
          for (const p of await textProblems(page, lang, kpiKeys, names))
            problems.push(`${lang} ${name}: ${p}`);
          if (name === 'results') {
            // the hospital detail opens beside the map
            // the smallest hospital is drawn last, on top: nothing covers it
            const circle = page.locator('svg.region-map circle.hospital').last();
            const id = await circle.getAttribute('data-hospital');
            await circle.click();
            await page.locator(`.hospital-detail[data-hospital="${id}"] svg`).first().waitFor();
            for (const p of await textProblems(page, lang, kpiKeys, names))
              problems.push(`${lang} hospital detail: ${p}`);
          }
        }
        // the standalone report, with its baseline, in the same language
        await page.goto(`${product.url}/api/runs/${whatIfRun}/report?baseline=${baselineRun}`);
        await page.locator('h1').first().waitFor();
        if ((await page.locator('html').getAttribute('lang')) !== lang) {
          await page.locator('button.lang-switch').click();
          await page.locator(`html[lang="${lang}"]`).waitFor();
        }
        for (const p of await textProblems(page, lang, kpiKeys, names)) problems.push(`${lang} report: ${p}`);
        await page.screenshot({ path: join(ARTIFACTS, `outputs-report-${lang}.png`), fullPage: true });
      }
      writeFileSync(join(ARTIFACTS, 'outputs-language.txt'), [...new Set(problems)].join('\n'));
      expect([...new Set(problems)]).toEqual([]);
    }, 300_000);

    it('logged no console errors', () => {
      expect(errors).toEqual([]);
    });
  });
}
