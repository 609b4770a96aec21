// Starts the worker (a Nest application context, no HTTP) and stops it gracefully: no new
// jobs, running replications get 40 % of the deadline to finish, are then handed back to the
// queue, connections close. The caller enforces the hard deadline (see main.ts).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger, redactRedisUrl, type AppConfig, type Logger } from '@caretwin/config';
import { ReplicationsProcessor } from './replications/replications.processor';
import { WorkerLifecycle } from './replications/worker-lifecycle';
import { WorkerModule } from './worker.module';

export interface WorkerHandle {
  workerId: string;
  close(): Promise<void>;
}

export async function startWorker(config: AppConfig, logger: Logger): Promise<WorkerHandle> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const lifecycle = app.get(WorkerLifecycle);
  const worker = app.get(ReplicationsProcessor).worker;
  logger.info(
    {
      workerId: lifecycle.workerId,
      threads: config.worker.threads,
      redis: redactRedisUrl(config.redis.url),
      prefix: config.redis.prefix,
    },
    'worker ready',
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info({ deadlineMs: config.shutdown.deadlineMs }, 'worker stopping');
      const handBack = setTimeout(
        () => lifecycle.handBackActiveJobs(),
        Math.floor(config.shutdown.deadlineMs * 0.4),
      );
      try {
        await worker.close();
      } catch (error) {
        logger.warn({ err: error }, 'worker close failed');
      } finally {
        clearTimeout(handBack);
      }
      await app.close();
      logger.info('worker stopped');
    })();
    return closing;
  };
  return { workerId: lifecycle.workerId, close };
}
