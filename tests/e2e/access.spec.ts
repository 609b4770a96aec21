// The dashboard on a product started with AUTH_MODE=tokens, in Debian's Chromium: it asks for a
// token, keeps it for the tab, shows the role and hides what a viewer may not do; a token the
// api refuses brings the prompt back. Tokens are made with the built `caretwin token create` on
// the running product's DATA_DIR.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFile } from 'node:fs/promises';
import { type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../service/harness/build';
import { ARTIFACTS, HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, type BrowserSession } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';
import { HAS_POPPLER, pdfText, printToPdf, squeeze } from './workshop-browsers';

const run = promisify(execFile);

const createToken = async (product: Product, role: string, name: string): Promise<string> => {
  const { stdout } = await run(
    process.execPath,
    [
      join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js'),
      'token',
      'create',
      '--role',
      role,
      '--name',
      name,
      '--data-dir',
      product.dataDir,
    ],
    { cwd: ROOT },
  );
  return stdout.trim();
};

const readDownload = async (download: Download): Promise<string> => {
  const path = await download.path();
  return readFile(path, 'utf8');
};

/** A 2-replication fortnight of the baseline, started with `token`; resolves when it completed. */
const startRun = async (product: Product, token: string): Promise<string> => {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  let id = '';
  // the first resolve of a cold product on a busy machine may time out: asked again, up to three times
  for (let attempt = 1; !id; attempt++) {
    const response = await fetch(`${product.url}/api/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        scenarioId: 'miyagi-2025-baseline',
        replications: 2,
        horizonDays: 14,
        seed: 4343,
      }),
    });
    const answer = (await response.json()) as { id?: string; code?: string };
    if (response.status === 202 && answer.id) id = answer.id;
    else if (answer.code !== 'SCENARIO_TIMEOUT' || attempt === 3)
      throw new Error(`POST /api/runs: ${response.status} ${JSON.stringify(answer)}`);
  }
  const until = Date.now() + 180_000;
  for (;;) {
    const run = (await (await fetch(`${product.url}/api/runs/${id}`, { headers })).json()) as {
      state: string;
    };
    if (run.state === 'completed') return id;
    if (run.state === 'failed' || run.state === 'cancelled') throw new Error(`run ${id} ended ${run.state}`);
    if (Date.now() > until) throw new Error(`run ${id} still ${run.state}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

if (!HAS_CHROMIUM) {
  describe('the dashboard with tokens', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('the dashboard with tokens (AUTH_MODE=tokens)', () => {
    let product: Product;
    let browser: BrowserSession;
    let page: Page;
    let viewer = '';
    let planner = '';
    let runId = '';

    beforeAll(async () => {
      await ensureProductBuilt();
      product = await startProduct({ AUTH_MODE: 'tokens' });
      viewer = await createToken(product, 'viewer', 'ward-viewer');
      planner = await createToken(product, 'planner', 'area-planner');
      // a small run a viewer can read, started by the planner
      runId = await startRun(product, planner);
      browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      ({ page } = browser);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await product?.stop();
    });

    it('asks for a token before anything else when none is held', async () => {
      await page.goto(`${product.url}/#/`);
      const prompt = page.locator('dialog.token-prompt');
      await prompt.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await prompt.getAttribute('data-reason')).toBe('required');
    });

    it('keeps the token for the tab, shows the role and hides run buttons from a viewer', async () => {
      await page.fill('#access-token', viewer);
      await Promise.all([page.waitForEvent('load'), page.click('[data-action="use-token"]')]);
      const badge = page.locator('.session-badge');
      await badge.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await badge.getAttribute('data-role')).toBe('viewer');
      expect(await badge.textContent()).toContain('ward-viewer');
      expect(await page.evaluate(() => sessionStorage.getItem('caretwin.token'))).toBe(viewer);
      // the home view's scenarios are listed (reads work), their run buttons are not offered
      await page.locator('.scenario').first().waitFor({ state: 'attached', timeout: 30_000 });
      expect(await page.locator('.scenario .actions button.primary').first().isVisible()).toBe(false);
      expect(await page.locator('dialog.token-prompt').count()).toBe(0);
    });

    it("saves the api's files behind the page's links with the token: a result CSV and the report", async () => {
      await page.goto(`${product.url}/#/results/${runId}`);
      const csvLink = page.locator('.csv-links a[data-table]').first();
      await csvLink.waitFor({ state: 'visible', timeout: 60_000 });
      // a plain navigation carries no token: the api refuses it
      const plain = await fetch(new URL((await csvLink.getAttribute('href')) ?? '', product.url));
      expect(plain.status).toBe(401);

      const [csv] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
      const csvText = await readDownload(csv);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      expect(csvText.split('\n')[0]).toContain(',');
      expect(csvText).not.toContain('UNAUTHORIZED');

      const [report] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('a[data-action="report"]').click(),
      ]);
      expect(report.suggestedFilename()).toBe(`caretwin-report-${runId}.html`);
      expect(await readDownload(report)).toMatch(/^<!doctype html>/i);
      // the token is still held, and nothing asked for another
      expect(await page.evaluate(() => sessionStorage.getItem('caretwin.token'))).toBe(viewer);
      expect(await page.locator('dialog.token-prompt').count()).toBe(0);
    }, 120_000);

    it.skipIf(!HAS_POPPLER)(
      'prints a workshop’s handout with `chromium --print-to-pdf` from a print link (a fresh profile, no token)',
      async () => {
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${planner}` };
        const created = await fetch(`${product.url}/api/workshops`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            title: 'Print link 印刷',
            question: 'Does the handout print without a token?',
            baseline: { runId },
            levers: [{ kind: 'ambulances', maxChange: 2 }],
          }),
        });
        expect(created.status).toBe(201);
        const workshop = (await created.json()) as { id: string };
        // the handout's plain address needs a token the fresh profile does not hold
        expect((await fetch(`${product.url}/api/workshops/${workshop.id}`)).status).toBe(401);
        const made = await fetch(`${product.url}/api/workshops/${workshop.id}/print-link`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ lang: 'en', minutes: 10 }),
        });
        expect(made.status).toBe(201);
        const link = (await made.json()) as { url: string; command: string };
        expect(link.command).toContain('--print-to-pdf');
        const file = join(ARTIFACTS, 'access-handout-print-link.pdf');
        await printToPdf(link.url, file);
        const text = await pdfText(file);
        expect(text).toContain(squeeze('Does the handout print without a token?'));
        expect(text).toContain(squeeze('synthetic patients'));
        expect(text).not.toContain('UNAUTHORIZED');
      },
      120_000,
    );

    it('asks again when the api refuses the token held', async () => {
      await page.evaluate(() => sessionStorage.setItem('caretwin.token', 'ct_not-a-token'));
      await page.reload();
      const prompt = page.locator('dialog.token-prompt');
      await prompt.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await prompt.getAttribute('data-reason')).toBe('rejected');
      expect(await page.evaluate(() => sessionStorage.getItem('caretwin.token'))).toBeNull();
    });
  });
}
