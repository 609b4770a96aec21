import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from '../router';

describe('routes of the compare and assumptions views', () => {
  it('reads a pair of runs, one run to compare, or none', () => {
    expect(parseRoute('#/compare')).toEqual({ name: 'compare' });
    expect(parseRoute('#/compare/run-b')).toEqual({ name: 'compare', b: 'run-b' });
    expect(parseRoute('#/compare/run-a/run-b')).toEqual({ name: 'compare', a: 'run-a', b: 'run-b' });
    expect(parseRoute('#/compare/a/b/c')).toEqual({ name: 'notFound', path: 'compare/a/b/c' });
    expect(parseRoute('#/assumptions')).toEqual({ name: 'assumptions' });
  });

  it('writes links that read back as the same route', () => {
    const routes: Route[] = [
      { name: 'compare' },
      { name: 'compare', b: 'x y' },
      { name: 'compare', a: 'a', b: 'b' },
      { name: 'assumptions' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });
});
