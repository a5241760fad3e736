import type { ArchiveConfig } from '../model/config.js';
import type { SaveOutcome } from '../model/snapshot.js';
import { isArchiveBudgetError, isArchiveLookupError } from './archive-errors.js';
import type { ArchiveRequester } from './archive-requester.js';
import { type ArchiveDeps, openArchiveSession, readSaveCredentials, type SaveCredentials } from './archive-session.js';

export interface SaveDeps extends ArchiveDeps {
  /** Where the Save Page Now keys are read from; the CLI passes `process.env`. Default: none (anonymous). */
  env?: Record<string, string | undefined>;
}

const SAVE_MAX_BODY_BYTES = 64 * 1024;

/**
 * Submits live sources that have no capture yet to Save Page Now 2 (`POST /save`), opt-in
 * (`saveLive`). Its own rate (`savePerMinute`, at most 4 anonymous) and count budget
 * (`saveBudget`) apply on top of the shared limiter's 429 pauses and time budget. The job
 * is not polled: the report names the job id, and the capture appears in CDX later.
 */
export async function saveLiveSources(
  urls: string[],
  config: ArchiveConfig,
  deps: SaveDeps,
): Promise<Map<string, SaveOutcome>> {
  const outcomes = new Map<string, SaveOutcome>();
  const unique = [...new Set(urls)];
  if (!config.saveLive) {
    for (const url of unique) outcomes.set(url, { kind: 'save-skipped', reason: 'save-live is off' });
    return outcomes;
  }
  const credentials = readSaveCredentials(deps.env ?? {});
  const { send } = openArchiveSession(config, deps, credentials);
  let submitted = 0;
  let stopReason: string | null = null;
  // One at a time: the save rate is a few per minute, concurrency would only queue.
  for (const url of unique) {
    if (stopReason === null && submitted >= config.saveBudget) {
      stopReason = `save budget of ${config.saveBudget} submissions spent`;
    }
    if (stopReason !== null) {
      outcomes.set(url, { kind: 'save-skipped', reason: stopReason });
      continue;
    }
    try {
      submitted += 1;
      outcomes.set(url, await submitSave(send, config.waybackBaseUrl, url, credentials));
    } catch (error) {
      if (isArchiveBudgetError(error)) {
        stopReason = error.message;
        outcomes.set(url, { kind: 'save-skipped', reason: stopReason });
      } else if (isArchiveLookupError(error)) {
        deps.logger?.warn({ url, code: error.code }, 'save page now failed');
        outcomes.set(url, { kind: 'save-failed', code: error.code, message: error.message });
      } else {
        throw error;
      }
    }
  }
  return outcomes;
}

async function submitSave(
  send: ArchiveRequester,
  base: string,
  url: string,
  credentials: SaveCredentials | null,
): Promise<SaveOutcome> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (credentials) headers.authorization = `LOW ${credentials.accessKey}:${credentials.secretKey}`;
  const response = await send('save', {
    url: `${base.replace(/\/+$/, '')}/save`,
    method: 'POST',
    headers,
    body: new URLSearchParams({ url }).toString(),
    maxBodyBytes: SAVE_MAX_BODY_BYTES,
  });
  if (response.status !== 200) {
    return {
      kind: 'save-failed',
      code: `ARCHIVE_HTTP_${response.status}`,
      message: `Save Page Now answered ${response.status}`,
    };
  }
  let answer: { job_id?: unknown; message?: unknown; status?: unknown; status_ext?: unknown };
  try {
    answer = JSON.parse(response.body.toString('utf8')) as typeof answer;
  } catch {
    return { kind: 'save-failed', code: 'ARCHIVE_BAD_RESPONSE', message: 'Save Page Now answer is not JSON' };
  }
  const message = typeof answer.message === 'string' ? answer.message : null;
  if (typeof answer.job_id === 'string' && answer.job_id !== '') {
    return { kind: 'submitted', jobId: answer.job_id, message };
  }
  // SPN2 errors come as 200 with `status: "error"` and a `status_ext` such as `error:too-many-daily-captures`.
  const code = typeof answer.status_ext === 'string' ? answer.status_ext : 'ARCHIVE_BAD_RESPONSE';
  return { kind: 'save-failed', code, message: message ?? 'Save Page Now returned no job id' };
}
