// Starts the HTTP api: our body parsers (one error body for bad input), the Nest app, listening
// on HOST:PORT (127.0.0.1 by default; AUTH_MODE=open is refused anywhere else).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import {
  PinoNestLogger,
  assertAccessBinding,
  redactRedisUrl,
  type AppConfig,
  type Logger,
} from '@caretwin/config';
import { AppModule } from './app.module';
import { installBodyParsers } from './http/body-parsers';
import { bodyDepthGuard, installClientErrorBody } from './http/input-guards';
import { HELMET_OPTIONS } from './http/content-security-policy';
import { installOpenApi } from './http/openapi';
import { installRequestLog } from './http/request-log';
import { installWriteChecks } from './http/write-checks';

export interface ApiHandle {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApi(config: AppConfig, logger: Logger): Promise<ApiHandle> {
  assertAccessBinding(config); // AUTH_MODE=open (everyone is admin) only on loopback
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  installRequestLog(app.getHttpAdapter().getInstance(), logger);
  app.use(helmet(HELMET_OPTIONS));
  installWriteChecks(app.getHttpAdapter().getInstance(), config.access.allowedOrigins);
  installBodyParsers(app.getHttpAdapter().getInstance(), config.http, logger);
  // After the parsers: a body nested too deep is refused before anything recurses over it.
  app.getHttpAdapter().getInstance().use(bodyDepthGuard);
  // What Node's HTTP parser refuses (a URL over the header limit: 431) answers in the error body too.
  installClientErrorBody(app.getHttpServer(), logger);
  installOpenApi(app);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info(
    {
      url,
      port: address.port,
      dataDir: config.dataDir,
      redis: redactRedisUrl(config.redis.url),
      prefix: config.redis.prefix,
      authMode: config.access.mode,
    },
    'api listening',
  );
  if (config.access.mode === 'open')
    logger.warn(
      { host: config.http.host },
      'AUTH_MODE=open: every request acts as admin (allowed on loopback only); set AUTH_MODE=tokens to require tokens',
    );
  else
    logger.info(
      { allowedOrigins: config.access.allowedOrigins },
      'AUTH_MODE=tokens: requests need a bearer token',
    );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info('api stopping');
      await app.close();
      logger.info('api stopped');
    })();
    return closing;
  };
  return { url, port: address.port, close };
}
