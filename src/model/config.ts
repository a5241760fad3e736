import { z } from 'zod';

const MIB = 1024 * 1024;

/** Per-host politeness overrides, keyed by host name in the config file. */
export const HostPolicySchema = z
  .object({
    concurrency: z.number().int().min(1).optional(),
    intervalMs: z.number().int().min(0).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type HostPolicy = z.infer<typeof HostPolicySchema>;

export const CheckConfigSchema = z
  .object({
    concurrency: z.number().int().min(1).max(1024).default(64),
    hostConcurrency: z.number().int().min(1).max(64).default(2),
    hostIntervalMs: z.number().int().min(0).default(250),
    connectTimeoutMs: z.number().int().min(1).default(10_000),
    headersTimeoutMs: z.number().int().min(1).default(15_000),
    totalTimeoutMs: z.number().int().min(1).default(30_000),
    /** Attempts for transient failures (timeouts, resets, 5xx, 429), the first included. */
    retries: z.number().int().min(1).max(10).default(3),
    retryBaseDelayMs: z.number().int().min(0).default(500),
    /** Longest Retry-After we honour before calling the link rate-limited. */
    maxRetryAfterMs: z.number().int().min(0).default(60_000),
    maxRedirects: z.number().int().min(0).max(20).default(10),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .default(2 * MIB),
    maxHeaderBytes: z
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
    userAgent: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    allowPrivate: z.boolean().default(false),
    include: z.array(z.string()).default([]),
    exclude: z.array(z.string()).default([]),
    hosts: z.record(z.string(), HostPolicySchema).default({}),
    /** Well-known URLs probed when many links fail at the network level. */
    canaryUrls: z
      .array(z.string())
      .default([
        'https://www.google.com/generate_204',
        'https://www.cloudflare.com/cdn-cgi/trace',
        'https://example.com/',
      ]),
    /** Re-use live (`alive`, `redirected`) results younger than this; rot and inconclusive ones are always checked again. */
    cacheTtlMs: z
      .number()
      .int()
      .min(0)
      .default(24 * 60 * 60 * 1000),
    cache: z.boolean().default(true),
    soft404Probe: z.boolean().default(true),
  })
  .strict();
export type CheckConfig = z.infer<typeof CheckConfigSchema>;

export const ArchiveConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Base of CDX, memento and Save Page Now endpoints. */
    waybackBaseUrl: z.string().url().default('https://web.archive.org'),
    /** Base of the Availability API. */
    availabilityBaseUrl: z.string().url().default('https://archive.org'),
    searchPerMinute: z.number().int().min(1).default(24),
    fetchPerMinute: z.number().int().min(1).default(480),
    /** Total time all archive work may take in one run. */
    timeoutMs: z.number().int().min(1).default(300_000),
    requestTimeoutMs: z.number().int().min(1).default(30_000),
    maxCandidates: z.number().int().min(1).max(20).default(5),
    /** Window half-width, in days, of the first CDX query around the reference date. */
    windowDays: z.number().int().min(1).default(365),
    saveLive: z.boolean().default(false),
    savePerMinute: z.number().int().min(1).default(4),
    saveBudget: z.number().int().min(0).default(20),
  })
  .strict();
export type ArchiveConfig = z.infer<typeof ArchiveConfigSchema>;

export const VerifyConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    maxSourceBytes: z
      .number()
      .int()
      .min(1024)
      .default(10 * 1000 * 1000),
    /** Redirects followed by hand when fetching a source to read. */
    maxRedirects: z.number().int().min(0).max(20).default(10),
  })
  .strict();
export type VerifyConfig = z.infer<typeof VerifyConfigSchema>;

export const REPORT_FORMATS = ['json', 'md', 'html', 'csv', 'sarif', 'junit'] as const;
export const ReportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

export const ReportConfigSchema = z
  .object({
    formats: z.array(ReportFormatSchema).min(1).default(['json', 'md', 'html']),
    outputDir: z.string().default('reports'),
    failOn: z.enum(['rot', 'unsupported', 'never']).default('rot'),
    maxRotRate: z.number().min(0).max(1).nullable().default(null),
    /** Above this share of inconclusive links the run cannot say anything (exit 4). */
    maxInconclusiveRate: z.number().min(0).max(1).default(0.5),
    confirmRuns: z.number().int().min(1).default(1),
    confirmDays: z.number().min(0).default(0),
  })
  .strict();
export type ReportConfig = z.infer<typeof ReportConfigSchema>;

/** `citecheck.config.json`: every key optional, unknown keys are errors naming their path. */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    check: CheckConfigSchema.default(CheckConfigSchema.parse({})),
    archive: ArchiveConfigSchema.default(ArchiveConfigSchema.parse({})),
    verify: VerifyConfigSchema.default(VerifyConfigSchema.parse({})),
    report: ReportConfigSchema.default(ReportConfigSchema.parse({})),
    storePath: z.string().default('.citecheck/results.db'),
    /** Document date used when a citation has no date (ISO); default: the file's mtime. */
    asOf: z.string().nullable().default(null),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema>;
/** What a user may write: every key optional. */
export type ConfigInput = z.input<typeof ConfigSchema>;
