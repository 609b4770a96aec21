// The pure parts of access: which HOST may run AUTH_MODE=open, ALLOWED_ORIGINS as read from the
// environment, the bearer header, and which Origin may write.
import { describe, expect, it } from 'vitest';
import { ConfigError, assertAccessBinding, isLoopbackHost, loadConfig } from '@caretwin/config';
import { bearerToken, originAllowed } from './access.service';

const config = (env: Record<string, string>) => loadConfig({ env, cwd: '/tmp', stdoutIsTTY: false });

describe('access settings and checks', () => {
  it('allows AUTH_MODE=open only on loopback, and tokens anywhere', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost', 'LOCALHOST'])
      expect(() => assertAccessBinding(config({ HOST: host }))).not.toThrow();
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'twin.example.jp'])
      expect(() => assertAccessBinding(config({ HOST: host }))).toThrow(ConfigError);
    expect(() => assertAccessBinding(config({ HOST: '0.0.0.0', AUTH_MODE: 'tokens' }))).not.toThrow();
    expect(isLoopbackHost('127.0.0.2')).toBe(false);
  });

  it('names AUTH_MODE, HOST and the way out when it refuses', () => {
    expect(() => assertAccessBinding(config({ HOST: '0.0.0.0' }))).toThrow(
      /AUTH_MODE \(access\.mode\): open .* HOST is 0\.0\.0\.0\. Set AUTH_MODE=tokens/,
    );
  });

  it('defaults to open with no allowed origins, and reads ALLOWED_ORIGINS as a comma-separated list', () => {
    expect(config({}).access).toEqual({ mode: 'open', allowedOrigins: [] });
    expect(
      config({ ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080' }).access.allowedOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => config({ ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => config({ AUTH_MODE: 'none' })).toThrow(/AUTH_MODE \(access\.mode\): must be open or tokens/);
  });

  it('reads the token of a Bearer header, and anything else as a wrong token', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer ct_abc')).toBe('ct_abc');
    expect(bearerToken('bearer   ct_abc ')).toBe('ct_abc');
    expect(bearerToken('Basic dXNlcjpwdw==')).toBe('');
    expect(bearerToken('Bearer')).toBe('');
  });

  it("lets the api's own origin and the listed ones write, nothing else", () => {
    const allowed = ['https://twin.example.jp'];
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', allowed)).toBe(true);
    expect(originAllowed('https://twin.example.jp', '127.0.0.1:3000', allowed)).toBe(true);
    expect(originAllowed('https://twin.example.jp:8443', '127.0.0.1:3000', allowed)).toBe(false);
    expect(originAllowed('http://127.0.0.1:3001', '127.0.0.1:3000', allowed)).toBe(false);
    expect(originAllowed('null', '127.0.0.1:3000', allowed)).toBe(false);
    expect(originAllowed('https://evil.example', undefined, allowed)).toBe(false);
  });
});
