// The dashboard on a product started with AUTH_MODE=tokens, in Debian's Chromium: it asks for a
// token, keeps it for the tab, shows the role and hides what a viewer may not do; a token the
// api refuses brings the prompt back. Tokens are made with the built `caretwin token create` on
// the running product's DATA_DIR.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../service/harness/build';
import { HAS_CHROMIUM, launchBrowser, NO_CHROMIUM, type BrowserSession } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';

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

    beforeAll(async () => {
      await ensureProductBuilt();
      product = await startProduct({ AUTH_MODE: 'tokens' });
      viewer = await createToken(product, 'viewer', 'ward-viewer');
      browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
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
