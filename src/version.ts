import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { version: string; repository?: { url?: string } };

export const TOOL_NAME = 'citecheck';
export const TOOL_VERSION: string = pkg.version;
export const TOOL_REPO_URL = 'https://github.com/citecheck/citecheck';
export const DEFAULT_USER_AGENT = `${TOOL_NAME}/${TOOL_VERSION} (+${TOOL_REPO_URL})`;
