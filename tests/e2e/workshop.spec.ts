// A planning workshop (issue 19) on the BUILT product in Debian's Chromium: a facilitator and
// three participants, each in their own browser context. The participants join with a display
// name and follow the facilitator's view (chart, area, run) live; one leaves to explore and one
// click brings them back. Participants propose through the form (one past the bound is refused
// with the bound named); the proposals reach the facilitator live; the facilitator accepts two
// and all four watch the runs complete and the board fill in with a sentence per variant; two
// participants vote. A participant token reads its own workshop only: another workshop 403,
// POST /api/runs 403, a proposal outside the bounds 422 naming the bound. The handout prints to
// PDF with Chromium's command line, in Japanese and in English, with the variants and a sentence.
// A tiny workshop (3 replications × 30 days after the warm-up) keeps the runs to seconds.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Board,
  JoinAnswer,
  Proposal,
  RunView,
  Variant,
  Workshop,
  WorkshopSnapshot,
} from '@caretwin/contracts';
import { ARTIFACTS, HAS_CHROMIUM, NO_CHROMIUM } from './browser';
import { ensureProductBuilt, startProduct, type Product } from './product';
import {
  HAS_POPPLER,
  launchPeople,
  pdfInfo,
  pdfText,
  printToPdf,
  squeeze,
  type People,
} from './workshop-browsers';

const LIVE = 30_000;
const RUNS = 90_000;
const ROOM = '[data-testid="workshop-room"]';

const LEVERS = [
  { kind: 'convertBeds', area: 'sendai', maxBeds: 300, from: ['acute'], to: ['recovery'] },
  { kind: 'ambulances', maxChange: 10 },
];

interface Answer<T> {
  status: number;
  body: T;
}

if (!HAS_CHROMIUM) {
  describe('a planning workshop in the browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('a planning workshop in the browser', () => {
    let product: Product;
    let people: People;
    let facilitator: Page;
    let participants: Page[];
    let workshop: Workshop;
    const titles = ['回復期へ50床 (Recovery +50)', 'Recovery 250 beds 仙台'];
    const variantIds: string[] = [];

    const api = async <T>(
      method: string,
      path: string,
      body?: unknown,
      token?: string,
    ): Promise<Answer<T>> => {
      const response = await fetch(`${product.url}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    };

    /** Waits until the room root of `page` matches `attributes` (e.g. `[data-chart="board"]`). */
    const roomIs = (page: Page, attributes: string, timeout = LIVE): Promise<unknown> =>
      page.locator(`${ROOM}${attributes}`).waitFor({ state: 'attached', timeout });

    const everyone = (): Page[] => [facilitator, ...participants];
    /** The facilitator's list item of the proposal titled `title` (by id: an item names the others in its merge select). */
    const proposalItem = async (title: string, timeout = LIVE): Promise<Locator> => {
      let id: string | undefined;
      const until = Date.now() + timeout;
      while (!id && Date.now() < until) {
        const snapshot = await api<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`);
        id = snapshot.body.proposals.find((p) => p.title === title)?.id;
        if (!id) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(id, `a proposal titled ${title}`).toBeDefined();
      return facilitator.locator(`[data-testid="proposal"][data-proposal-id="${id}"]`);
    };
    const shot = (page: Page, name: string): Promise<Buffer> =>
      page.screenshot({ path: join(ARTIFACTS, `workshop-${name}.png`), fullPage: true });

    beforeAll(async () => {
      await ensureProductBuilt();
      product = await startProduct();
      const created = await api<Workshop>('POST', '/api/workshops', {
        title: 'E2E 仙台の回復期病床',
        question: '仙台で急性期を回復期へ転換すると、転院待ちは減るか?',
        baseline: { scenarioId: 'miyagi-2025-baseline', replications: 3, horizonDays: 30, seed: 1 },
        levers: LEVERS,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      workshop = created.body;
      mkdirSync(ARTIFACTS, { recursive: true });
      people = await launchPeople(4);
      [facilitator, ...participants] = people.pages;
    }, 300_000);

    afterAll(async () => {
      await people?.close();
      await product?.stop();
    });

    it('lets three participants join with a display name, each landing in the room following the facilitator', async () => {
      await facilitator.goto(`${product.url}/#/workshops/${workshop.id}`);
      await roomIs(facilitator, '[data-role="facilitator"]');
      for (const [i, page] of participants.entries()) {
        await page.goto(`${product.url}/#/join/${workshop.joinCode}`);
        await page.locator('[data-testid="join-name"]').fill(`参加者${i + 1}`);
        await page.locator('[data-testid="join-submit"]').click();
        await roomIs(page, '[data-role="participant"][data-following="true"]');
      }
      // each tab holds its own participant token (sessionStorage is per context)
      const tokens = await Promise.all(
        participants.map((page) => page.evaluate(() => sessionStorage.getItem('caretwin.token'))),
      );
      expect(tokens.every((token) => token?.startsWith('ctp_'))).toBe(true);
      expect(new Set(tokens).size).toBe(3);
      const snapshot = await api<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`);
      expect(snapshot.body.participants.map((p) => p.name).sort()).toEqual(['参加者1', '参加者2', '参加者3']);
    });

    it('shows the projector the join code and a QR code of the join link', async () => {
      const projector = await facilitator.context().newPage();
      try {
        await projector.goto(`${product.url}/#/workshops/${workshop.id}/projector`);
        const qr = projector.locator('[data-testid="join-qr"]');
        await qr.waitFor({ state: 'attached', timeout: LIVE });
        expect((await projector.locator('[data-testid="join-code"]').textContent())?.trim()).toBe(
          workshop.joinCode,
        );
        expect(await qr.getAttribute('aria-label')).toBe(workshop.joinUrl);
        // the modules drawn are those of the join link's QR code (the same library, made here)
        const expected = await QRCode.toString(workshop.joinUrl, {
          type: 'svg',
          margin: 1,
          errorCorrectionLevel: 'M',
        });
        const modules = (svg: string): string | undefined => /stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
        expect(modules(await qr.evaluate((el) => el.outerHTML))).toBe(modules(expected));
        expect(workshop.joinUrl).toBe(`${product.url}/#/join/${workshop.joinCode}`);
        await shot(projector, 'projector');
      } finally {
        await projector.close();
      }
    });

    it('moves the participants’ views when the facilitator changes panel and area', async () => {
      await facilitator.locator('[data-testid="chart-tab-proposals"]').click();
      await Promise.all(
        participants.map((page) => roomIs(page, '[data-chart="proposals"][data-following="true"]')),
      );
      await facilitator.locator('[data-testid="view-area"]').selectOption('sendai');
      await Promise.all(
        participants.map((page) => roomIs(page, '[data-chart="proposals"][data-area="sendai"]')),
      );
    });

    it('brings a participant’s proposal from the form to the facilitator’s list live, and refuses one past the bound naming it', async () => {
      const propose = async (page: Page, title: string, beds: number): Promise<void> => {
        await page.locator('[data-testid="proposal-title"]').fill(title);
        await page.locator('[data-testid="proposal-rationale"]').fill(`転院待ちを減らすため (${beds})`);
        await page.locator('[data-testid="proposal-lever"]').selectOption('0');
        await page.locator('[data-testid="proposal-area"]').selectOption('sendai');
        await page.locator('[data-testid="proposal-from"]').selectOption('acute');
        await page.locator('[data-testid="proposal-to"]').selectOption('recovery');
        await page.locator('[data-testid="proposal-count"]').fill(String(beds));
        await page.locator('[data-testid="proposal-submit"]').click();
      };
      await propose(participants[0], titles[0], 50);
      const first = await proposalItem(titles[0]);
      await first.waitFor({ state: 'visible', timeout: LIVE });
      expect(await first.getAttribute('data-state')).toBe('proposed');
      await propose(participants[1], titles[1], 250);
      await (await proposalItem(titles[1])).waitFor({ state: 'visible', timeout: LIVE });
      // 350 beds where at most 300 may be converted: the api's 422 message, naming the bound, on the form
      await propose(participants[2], 'Too many beds', 350);
      const error = participants[2].locator('[data-testid="proposal-error"]');
      await error.waitFor({ state: 'visible', timeout: LIVE });
      expect(await error.textContent()).toMatch(/300/);
      const stored = await api<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`);
      expect(stored.body.proposals.map((p) => p.title).sort()).toEqual([...titles].sort());
      expect(await facilitator.locator('[data-testid="proposal"]').count()).toBe(2);
      await shot(facilitator, 'proposals');
    });

    it('runs the two proposals the facilitator accepts, and all four see both complete and the board fill in with sentences', async () => {
      for (const title of titles) {
        const proposal = await proposalItem(title);
        const id = await proposal.getAttribute('data-proposal-id');
        await proposal.locator('[data-testid="proposal-accept"]').click();
        await facilitator
          .locator(`[data-testid="proposal"][data-state="accepted"][data-proposal-id="${id}"]`)
          .waitFor({ state: 'attached', timeout: LIVE });
      }
      const snapshot = await api<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`);
      expect(snapshot.body.variants.map((v) => v.title).sort()).toEqual([...titles].sort());
      variantIds.push(
        ...titles.map((title) => snapshot.body.variants.find((v) => v.title === title)?.id ?? ''),
      );
      // every variant repeats the baseline's seed, replications and horizon (common random numbers)
      const baseline = await api<RunView>('GET', `/api/runs/${workshop.baseline.runId}`);
      for (const variant of snapshot.body.variants) {
        const view = await api<RunView>('GET', `/api/runs/${variant.runId}`);
        expect(view.body.seed).toBe(baseline.body.seed);
        expect(view.body.replications.planned).toBe(baseline.body.replications.planned);
      }
      // the board is where the facilitator takes everyone
      await facilitator.locator('[data-testid="chart-tab-board"]').click();
      await Promise.all(
        everyone().map(async (page) => {
          for (const id of variantIds)
            await page
              .locator(`[data-testid="variant"][data-variant-id="${id}"][data-state="completed"]`)
              .waitFor({ state: 'attached', timeout: RUNS });
          await page.waitForFunction(
            () => {
              const rows = [...document.querySelectorAll('[data-testid="board-row"]')];
              return (
                rows.length === 2 &&
                rows.every((row) =>
                  (row.querySelector('[data-testid="board-sentence"]')?.textContent ?? '').trim(),
                )
              );
            },
            undefined,
            { timeout: LIVE },
          );
        }),
      );
      for (const page of participants) await roomIs(page, '[data-chart="board"][data-following="true"]');
      const board = await api<Board>('GET', `/api/workshops/${workshop.id}/board`);
      expect(board.body.rows.map((r) => r.state)).toEqual(['completed', 'completed']);
      expect(board.body.rows.every((r) => r.sentence?.ja && r.sentence.en)).toBe(true);
      expect(board.body.rows.every((r) => r.comparison?.paired)).toBe(true);
      // the page shows the sentence the api made (the page's language is Japanese)
      const shown = await participants[0].locator('[data-testid="board-sentence"]').allTextContents();
      for (const row of board.body.rows) expect(shown.map((s) => s.trim())).toContain(row.sentence?.ja);
      await shot(participants[0], 'board');
    });

    it('follows the run the facilitator picks; a participant who explores stops following, even across a reload, until one click brings them back', async () => {
      const snapshot = await api<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`);
      const runId = snapshot.body.variants.find((v) => v.id === variantIds[0])?.runId ?? '';
      await facilitator.locator('[data-testid="view-run"]').selectOption(runId);
      await Promise.all(
        participants.map((page) => roomIs(page, `[data-run="${runId}"][data-following="true"]`)),
      );

      const [explorer, ...others] = participants;
      await explorer.locator('[data-testid="chart-tab-kpis"]').click();
      await roomIs(explorer, '[data-chart="kpis"][data-following="false"]');
      const back = explorer.locator('[data-testid="follow-back"]');
      await back.waitFor({ state: 'visible', timeout: LIVE });
      await facilitator.locator('[data-testid="chart-tab-vote"]').click();
      await Promise.all(others.map((page) => roomIs(page, '[data-chart="vote"][data-following="true"]')));
      // the explorer stays where they went, and knows the facilitator moved on
      expect(await explorer.locator(ROOM).getAttribute('data-chart')).toBe('kpis');
      // a reload keeps them there, still exploring
      await explorer.reload();
      await roomIs(explorer, `[data-chart="kpis"][data-run="${runId}"][data-following="false"]`);
      await back.waitFor({ state: 'visible', timeout: LIVE });
      await back.click();
      await roomIs(explorer, '[data-chart="vote"][data-following="true"]');
      expect(await explorer.locator('[data-testid="follow-back"]').isVisible()).toBe(false);
    });

    it('counts the participants’ ranked votes on the board', async () => {
      const vote = async (page: Page, ranking: string[]): Promise<void> => {
        for (const [i, id] of ranking.entries())
          await page.locator(`[data-testid="vote-rank-${i + 1}"]`).selectOption(id);
        await page.locator('[data-testid="vote-submit"]').click();
      };
      await vote(participants[0], [variantIds[1], variantIds[0]]);
      await vote(participants[1], [variantIds[1]]);
      // 3 + 3 for the second variant, 2 for the first
      await facilitator
        .locator(`[data-testid="vote-row"][data-variant-id="${variantIds[1]}"][data-points="6"]`)
        .waitFor({ state: 'attached', timeout: LIVE });
      await facilitator
        .locator(`[data-testid="vote-row"][data-variant-id="${variantIds[0]}"][data-points="2"]`)
        .waitFor({ state: 'attached', timeout: LIVE });
    });

    it('lands a participant who reloads in the same state: the room, following the facilitator, their own vote', async () => {
      const page = participants[1];
      const chart = await facilitator.locator(ROOM).getAttribute('data-chart');
      const seq = Number(await facilitator.locator(ROOM).getAttribute('data-seq'));
      await page.reload();
      await roomIs(page, `[data-role="participant"][data-following="true"][data-chart="${chart}"]`);
      expect(Number(await page.locator(ROOM).getAttribute('data-seq'))).toBeGreaterThanOrEqual(seq);
      expect(chart).toBe('vote');
      expect(await page.locator('[data-testid="vote-rank-1"]').inputValue()).toBe(variantIds[1]);
      // and it still follows: the facilitator's next move reaches it
      await facilitator.locator('[data-testid="chart-tab-board"]').click();
      await roomIs(page, '[data-chart="board"][data-following="true"]');
    });

    it('lands a participant whose connection dropped on the facilitator’s current view once it is back', async () => {
      const [page, witness] = [participants[2], participants[0]];
      await page.context().setOffline(true);
      await page.locator('[data-connected="false"]').waitFor({ state: 'attached', timeout: LIVE });
      // the facilitator moves on while the participant is away
      await facilitator.locator('[data-testid="chart-tab-map"]').click();
      await roomIs(witness, '[data-chart="map"][data-following="true"]');
      expect(await page.locator(ROOM).getAttribute('data-chart')).toBe('board');
      await page.context().setOffline(false);
      await page.locator('[data-connected="true"]').waitFor({ state: 'attached', timeout: LIVE });
      // the snapshot on its new subscription carries the view it missed
      await roomIs(page, '[data-chart="map"][data-following="true"]');
      await facilitator.locator('[data-testid="chart-tab-board"]').click();
      await roomIs(page, '[data-chart="board"][data-following="true"]');
    });

    it('shows a participant the handout in their own tab, names and caveats read through the workshop’s routes', async () => {
      const page = participants[2];
      await page.goto(`${product.url}/#/workshops/${workshop.id}/handout?lang=en`);
      const handout = page.locator('[data-testid="handout"][data-ready="true"]');
      await handout.waitFor({ state: 'attached', timeout: LIVE });
      expect(await handout.getAttribute('lang')).toBe('en');
      // the baseline's region came through GET /api/workshops/:id/runs/:runId/result (a participant reads nothing else)
      expect(await handout.locator('[data-section="levers"] li').first().textContent()).toMatch(/^Sendai: /);
      expect(await handout.locator('[data-section="caveats"]').textContent()).toMatch(
        /Synthetic: hospitals \d+\/\d+/,
      );
      expect(await handout.locator('[data-testid="handout-sentence"]').count()).toBe(2);
      await shot(page, 'handout');
    });

    it('lets a participant watch a running variant fill in live on the occupancy panel, then its result', async () => {
      // a workshop of its own with year-long runs (seconds of work), so the variant is seen running
      const long = await api<Workshop>('POST', '/api/workshops', {
        title: 'E2E live',
        question: 'Does the variant fill in live?',
        baseline: { scenarioId: 'miyagi-2025-baseline', replications: 4, horizonDays: 365, seed: 2 },
        levers: LEVERS,
      });
      expect(long.status, JSON.stringify(long.body)).toBe(201);
      const page = participants[0];
      await page.goto(`${product.url}/#/join/${long.body.joinCode}`);
      await page.locator('[data-testid="join-name"]').fill('見学者');
      await page.locator('[data-testid="join-submit"]').click();
      await roomIs(page, '[data-role="participant"][data-following="true"]');
      const proposed = await api<Proposal>(
        'POST',
        `/api/workshops/${long.body.id}/proposals`,
        proposalOf(100),
      );
      expect(proposed.status).toBe(201);
      const variant = await api<Variant>(
        'POST',
        `/api/workshops/${long.body.id}/proposals/${proposed.body.id}/accept`,
      );
      expect(variant.status).toBe(202);
      const view = { runId: variant.body.runId, chart: 'occupancy', area: null };
      expect((await api('PUT', `/api/workshops/${long.body.id}/view`, view)).status).toBe(200);
      await roomIs(page, `[data-run="${variant.body.runId}"][data-chart="occupancy"]`);
      // while it runs: the band of the replications so far (run.subscribe, allowed for its workshop's runs)
      await page
        .locator('[data-chart="workshop-live-occupancy"] path.mean')
        .first()
        .waitFor({ state: 'attached', timeout: LIVE });
      await shot(page, 'live-variant');
      // once it completes: the result's chart replaces the live one
      await page
        .locator('[data-chart="workshop-occupancy"] svg')
        .waitFor({ state: 'attached', timeout: 240_000 });
      expect(await page.locator('[data-chart="workshop-live-occupancy"]').count()).toBe(0);
    }, 300_000);

    it('keeps a participant token to its own workshop: another workshop 403, POST /api/runs 403, a proposal past the bound 422 naming it', async () => {
      const joined = await api<JoinAnswer>('POST', '/api/workshops/join', {
        code: workshop.joinCode,
        name: 'API participant',
      });
      expect(joined.status).toBe(201);
      const token = joined.body.token;
      expect(token.startsWith('ctp_')).toBe(true);
      expect((await api('GET', `/api/workshops/${workshop.id}`, undefined, token)).status).toBe(200);

      // another workshop, on the same (finished) baseline run
      const other = await api<Workshop>('POST', '/api/workshops', {
        title: 'Another workshop',
        question: 'Is this one closed to the first one’s participants?',
        baseline: { runId: workshop.baseline.runId },
        levers: LEVERS,
      });
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      expect((await api('GET', `/api/workshops/${other.body.id}`, undefined, token)).status).toBe(403);
      expect((await api('GET', `/api/workshops/${other.body.id}/board`, undefined, token)).status).toBe(403);
      const elsewhere = await api('POST', `/api/workshops/${other.body.id}/proposals`, proposalOf(50), token);
      expect(elsewhere.status).toBe(403);

      const started = await api(
        'POST',
        '/api/runs',
        { scenarioId: 'miyagi-2025-baseline', replications: 1, horizonDays: 1 },
        token,
      );
      expect(started.status).toBe(403);
      expect((await api('GET', `/api/runs/${workshop.baseline.runId}`, undefined, token)).status).toBe(403);

      const past = await api<{ issues: Array<{ path: string; message: string }> }>(
        'POST',
        `/api/workshops/${workshop.id}/proposals`,
        proposalOf(350),
        token,
      );
      expect(past.status).toBe(422);
      const issue = past.body.issues.find((i) => /policies\W+0\W+count/.test(i.path));
      expect(issue, JSON.stringify(past.body)).toBeDefined();
      expect(issue?.message).toMatch(/300/);
      // an ambulance change past ±10 is named too
      const ambulances = await api<{ issues: Array<{ path: string; message: string }> }>(
        'POST',
        `/api/workshops/${workshop.id}/proposals`,
        {
          title: 'Many ambulances',
          rationale: 'more vehicles',
          policies: [{ kind: 'setAmbulances', area: 'sendai', vehicles: 500 }],
        },
        token,
      );
      expect(ambulances.status).toBe(422);
      expect(ambulances.body.issues.some((i) => /policies\W+0/.test(i.path) && /10/.test(i.message))).toBe(
        true,
      );
    });

    // both languages print at once (two Chromium processes): each takes 10–15 s here, mostly waiting
    let printing: Map<'ja' | 'en', Promise<string>> | null = null;
    const printed = (lang: 'ja' | 'en'): Promise<string> => {
      printing ??= new Map(
        (['ja', 'en'] as const).map((l) => {
          // kept beside the screenshots (git-ignored) for a person to look at
          const file = join(ARTIFACTS, `workshop-handout-${l}.pdf`);
          const url = `${product.url}/#/workshops/${workshop.id}/handout?lang=${l}`;
          const done = printToPdf(url, file).then(() => file);
          done.catch(() => undefined); // awaited by its own test, which reports the failure
          return [l, done];
        }),
      );
      return printing.get(lang) as Promise<string>;
    };
    for (const lang of ['ja', 'en'] as const) {
      it.skipIf(!HAS_POPPLER)(
        `prints the handout to an A4 PDF in ${lang === 'ja' ? 'Japanese' : 'English'} with the variants and their sentences`,
        async () => {
          const file = await printed(lang);
          const info = await pdfInfo(file);
          expect(info.pages).toBeGreaterThanOrEqual(1);
          expect(info.size).toMatch(/A4/);
          const text = await pdfText(file);
          for (const title of titles) expect(text).toContain(squeeze(title));
          const board = await api<Board>('GET', `/api/workshops/${workshop.id}/board`);
          for (const row of board.body.rows) expect(text).toContain(squeeze(row.sentence?.[lang] ?? '—'));
          expect(text).toContain(squeeze(workshop.question));
          // the caveats are printed in the language asked
          expect(text).toContain(lang === 'ja' ? squeeze('合成の患者') : squeeze('synthetic patients'));
          // the dashboard's navigation is not printed (the page is the dashboard's, in Japanese)
          expect(text).not.toContain('シナリオ編集');
          expect(text).not.toContain('実行一覧');
        },
        120_000,
      );
    }
  });
}

function proposalOf(beds: number): Record<string, unknown> {
  return {
    title: `Convert ${beds}`,
    rationale: 'over the API',
    policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: beds }],
  };
}
