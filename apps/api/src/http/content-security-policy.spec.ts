import express from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELMET_OPTIONS, sameHost } from './content-security-policy';

function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('content security policy', () => {
  let base: string;
  let port: number;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    app.use(helmet(HELMET_OPTIONS));
    app.get('/', (_req, res) => void res.type('html').send('<!doctype html><title>t</title>'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('is sent with every page and allows only our own scripts', async () => {
    const response = await fetch(`${base}/`);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets exports draw from blob: and data: images and sockets reach the same host', async () => {
    const csp = directives((await fetch(`${base}/`)).headers.get('content-security-policy'));
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('connect-src')).toEqual(["'self'", `ws://127.0.0.1:${port}`, `wss://127.0.0.1:${port}`]);
  });

  it('does not upgrade plain-HTTP requests (LAN deployments)', async () => {
    const header = (await fetch(`${base}/`)).headers.get('content-security-policy') ?? '';
    expect(header).not.toContain('upgrade-insecure-requests');
  });

  it('never echoes a Host header that is not a plain host into the policy', () => {
    expect(sameHost({ headers: { host: 'caretwin.example.jp:8080' } })).toBe('caretwin.example.jp:8080');
    expect(sameHost({ headers: { host: '[::1]:3000' } })).toBe('[::1]:3000');
    expect(sameHost({ headers: { host: "evil; script-src 'unsafe-inline'" } })).toBeNull();
    expect(sameHost({ headers: {} })).toBeNull();
  });
});
