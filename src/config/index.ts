export { ENV_VARS, type EnvVar } from './env-vars.js';
export { CONFIG_FILE_NAME, type LoadConfigOptions, loadConfig } from './load-config.js';
export { createLogger, DEFAULT_LOG_LEVEL, type LogLevel } from './logger.js';
export type { DeepPartial } from './merge-layers.js';
