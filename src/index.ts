/** citecheck's public library API: re-exports only. */
export * from './errors.js';
export * from './model/index.js';
export { DEFAULT_USER_AGENT, TOOL_VERSION } from './version.js';
