import { describe, expect, it } from 'vitest';
import { areaOfHash, href, parseRoute, withAreaQuery, type Route } from './router';

describe('hash router', () => {
  it('reads every view from its hash', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/runs')).toEqual({ name: 'runs' });
    expect(parseRoute('#/editor')).toEqual({ name: 'editor' });
    expect(parseRoute('#/editor/miyagi-2025-baseline')).toEqual({
      name: 'editor',
      baseline: 'miyagi-2025-baseline',
    });
    expect(parseRoute('#/live/0196-abc')).toEqual({ name: 'live', runId: '0196-abc' });
    expect(parseRoute('#/results/0196-abc/')).toEqual({ name: 'results', runId: '0196-abc' });
  });

  it('sends unknown or malformed paths to not-found', () => {
    expect(parseRoute('#/nope')).toEqual({ name: 'notFound', path: 'nope' });
    expect(parseRoute('#/live')).toEqual({ name: 'notFound', path: 'live' });
    expect(parseRoute('#/results/a/b')).toEqual({ name: 'notFound', path: 'results/a/b' });
  });

  it('writes links that read back as the same route', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'runs' },
      { name: 'editor', baseline: 'a b' },
      { name: 'live', runId: 'x' },
      { name: 'results', runId: 'y' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });
});

describe('the area filter in the hash', () => {
  it('reads the area after the path and leaves the route as it was', () => {
    expect(parseRoute('#/results/y?area=sennan')).toEqual({ name: 'results', runId: 'y' });
    expect(parseRoute('#/compare/a/b?area=sennan')).toEqual({ name: 'compare', a: 'a', b: 'b' });
    expect(areaOfHash('#/results/y?area=sennan')).toBe('sennan');
    expect(areaOfHash('#/results/y')).toBeNull();
  });

  it('sets and removes the area without touching the path', () => {
    expect(withAreaQuery('#/results/y', 'ishinomaki')).toBe('#/results/y?area=ishinomaki');
    expect(withAreaQuery('#/results/y?area=sennan', null)).toBe('#/results/y');
  });
});
