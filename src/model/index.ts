export * from './citation.js';
export * from './claim.js';
export * from './config.js';
export * from './document.js';
export * from './evidence.js';
export * from './link-result.js';
export * from './position.js';
export * from './snapshot.js';
