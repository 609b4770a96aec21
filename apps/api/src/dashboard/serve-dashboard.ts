// Serves the dashboard's static build (apps/dashboard/dist) at `/`: hashed assets cached for a
// year, index.html never cached, and index.html for any other GET that asks for a page and is
// not the api or the socket (deep links; the views live in the URL's hash, but a reload of
// `/runs` should not be a 404).
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** apps/api/{src,dist}/dashboard → apps/dashboard/dist */
export const DASHBOARD_DIST = join(__dirname, '..', '..', '..', 'dashboard', 'dist');

const NOT_PAGES = /^\/(api|socket\.io)(\/|$)/;

/** Returns false (and installs nothing) when the dashboard has not been built. */
export function serveDashboard(app: Express, dir: string = DASHBOARD_DIST): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }),
  );
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      NOT_PAGES.test(req.path) ||
      req.path.startsWith('/assets/') ||
      !req.accepts('html')
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
