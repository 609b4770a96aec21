export {
  ConfigError,
  REPOSITORY_ROOT,
  derivePrefix,
  loadConfig,
  resolveDataDir,
  type AppConfig,
  type LoadConfigOptions,
} from './load';
export { assertAccessBinding, isLoopbackHost } from './access';
export { AUTH_MODES, ENV_VARIABLES, LOG_LEVELS, configSchema, type ConfigInput } from './schema';
export { redactRedisUrl, redisConnectionOptions, type RedisConnectionOptions } from './redis';
export { PinoNestLogger, createLogger, type Logger } from './logger';
export { exitOnSignals } from './shutdown';
