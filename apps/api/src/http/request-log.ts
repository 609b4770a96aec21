// One JSON log line per HTTP request. A request about a run carries its `runId` (from the path,
// or from Location when it created one), so `grep runId` finds every line about a run.
import type { Express, Request, Response } from 'express';
import type { Logger } from '@caretwin/config';

const RUN_PATH = /^\/api\/runs\/([0-9a-fA-F-]{36})(?:\/|$)/;
const QUIET = new Set(['/health', '/ready', '/metrics']);

function runIdOf(req: Request, res: Response): string | undefined {
  const fromPath = RUN_PATH.exec(req.path)?.[1];
  if (fromPath) return fromPath;
  const location = res.getHeader('Location');
  return typeof location === 'string' ? RUN_PATH.exec(location)?.[1] : undefined;
}

export function installRequestLog(app: Express, logger: Logger): void {
  app.use((req: Request, res: Response, next: () => void) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const runId = runIdOf(req, res);
      const compared =
        req.path === '/api/compare'
          ? [req.query.a, req.query.b].filter((v): v is string => typeof v === 'string')
          : [];
      const line = {
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(runId ? { runId } : {}),
        ...(compared.length > 0 ? { runIds: compared } : {}),
      };
      // Probes every few seconds would drown the log: debug for them.
      if (QUIET.has(req.path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  });
}
