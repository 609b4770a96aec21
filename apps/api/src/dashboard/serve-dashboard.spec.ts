import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from './serve-dashboard';

describe('serving the dashboard', () => {
  let dir: string;
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caretwin-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="ja"><title>CareTwin</title></html>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = express();
    app.get('/api/runs', (_req, res) => void res.json({ items: [] }));
    expect(serveDashboard(app, dir)).toBe(true);
    app.use((_req, res) => void res.status(404).json({ code: 'NOT_FOUND' }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / with index.html, never cached', async () => {
    const response = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('lang="ja"');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets for a year', async () => {
    const response = await fetch(`${base}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a deep link that asks for a page with index.html', async () => {
    const response = await fetch(`${base}/runs`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>CareTwin</title>');
  });

  it('leaves the api, missing assets and non-page requests to the api', async () => {
    expect((await fetch(`${base}/api/runs`)).status).toBe(200);
    expect((await fetch(`${base}/api/nope`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${base}/assets/missing.js`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${base}/runs`, { method: 'POST', headers: { accept: 'text/html' } })).status).toBe(
      404,
    );
    expect((await fetch(`${base}/socket.io/?EIO=4`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('installs nothing when the dashboard is not built', () => {
    expect(serveDashboard(express(), join(dir, 'nope'))).toBe(false);
  });
});
