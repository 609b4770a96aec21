// Registers the dashboard's static files after the api's routes (onModuleInit runs once Nest
// has registered its routers and before its not-found handler), so `/api/...`, `/health`,
// `/metrics` and the docs keep answering and every other page request gets the dashboard.
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import type { Logger } from '@caretwin/config';
import { APP_LOGGER } from '../config/config.tokens';
import { DASHBOARD_DIST, serveDashboard } from './serve-dashboard';

@Module({})
export class DashboardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    if (serveDashboard(app)) this.logger.info({ dir: DASHBOARD_DIST }, 'dashboard served at /');
    else
      this.logger.warn(
        { dir: DASHBOARD_DIST },
        'dashboard not built (run `npm run build`): / serves nothing',
      );
  }
}
