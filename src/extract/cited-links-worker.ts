/** Worker entry of `extractCitedLinks` (cited-links.ts): answers one request at a time until terminated. */
import { parentPort } from 'node:worker_threads';
import { answerLinks, type LinksRequest } from './cited-links.js';

const port = parentPort;
if (port === null) throw new Error('cited-links-worker.js runs only as a worker thread');
port.on('message', async (request: LinksRequest) => port.postMessage(await answerLinks(request)));
