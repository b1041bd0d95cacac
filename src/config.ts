import { z } from 'zod';

/** Environment configuration, validated once at start-up. Every variable is documented in README.md. */
const boolFromEnv = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** One origin as browsers send it: scheme, host and optional port, nothing else ("https://dash.example.org"). */
const originSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}, 'each entry must be an origin such as https://dashboard.example.org (scheme, host, optional port; no path or trailing slash)');

/** Comma-separated origins; blanks around commas are ignored. */
const originListFromEnv = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(originSchema));

export const envSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI')
    .default('bolt://127.0.0.1:7687'),
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Milliseconds to open one TCP/Bolt connection to Neo4j before giving up on that attempt. */
  NEO4J_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(1000),
  /** Milliseconds to wait for a pooled connection (includes opening one) before giving up on that attempt. */
  NEO4J_ACQUISITION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(1000),
  /** Milliseconds a transaction keeps being retried after transient errors (deadlock, lock timeout). */
  NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().min(0).max(300_000).default(5000),
  /** Milliseconds a request keeps retrying while Neo4j is unreachable before it answers 503. */
  NEO4J_UNAVAILABLE_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(1000),
  /** Seconds a client is told to wait (Retry-After) while Neo4j is unreachable. */
  RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** When true, read routes also need a viewer key. */
  REQUIRE_KEY_FOR_READS: boolFromEnv.default(false),
  /** Largest accepted request body in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /**
   * Whom to believe about the client address (X-Forwarded-For): `false` (default: the socket
   * address), `true` (every proxy), or a comma-separated list of trusted proxy addresses/CIDRs.
   * The failed-authentication throttle counts per client address, so set it behind a proxy.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[\w.:/,\s-]+)$/, 'true, false or a comma-separated list of proxy addresses')
    .default('false'),
  /** Length of every rate-limit window, in seconds. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Failed authentications (missing, unknown, revoked, expired key) per client address per window before 429. */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Writes per API key per window. */
  WRITE_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Expensive reads (matrix, gaps, CSV/XLSX exports) per API key, or per address without a key, per window. */
  EXPENSIVE_READ_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Concurrent change streams one API key may hold open (the next is 429). */
  STREAMS_PER_KEY: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Concurrent change streams of this process (the next is 503 + Retry-After). */
  STREAMS_TOTAL: z.coerce.number().int().min(1).max(100_000).default(500),
  /** How long a rotated key keeps working beside its successor, unless the request names another grace. */
  KEY_ROTATION_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
  /** Browser origins allowed to call the API cross-origin (CORS); default none. */
  CORS_ORIGINS: originListFromEnv.default([]),
  /** How often the process reads the graph revision to vouch for its cached answers. */
  REVISION_POLL_MS: z.coerce.number().int().min(5).max(3_600_000).default(25),
  /** Cached answers are served only for a revision confirmed at most this long ago (bounded staleness). */
  REVISION_MAX_STALE_MS: z.coerce.number().int().min(0).max(3_600_000).default(100),
});

export type Env = z.infer<typeof envSchema>;

/** How the API reaches Neo4j and how long it insists when Neo4j is away. */
export interface Neo4jSettings {
  uri: string;
  username: string;
  password: string;
  connectionTimeoutMs: number;
  acquisitionTimeoutMs: number;
  maxRetryTimeMs: number;
  unavailableTimeoutMs: number;
}

export interface Config {
  neo4j: Neo4jSettings;
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  retryAfterSeconds: number;
  requireKeyForReads: boolean;
  bodyLimitBytes: number;
  trustProxy: boolean | string;
  limits: {
    windowSeconds: number;
    authFailures: number;
    writes: number;
    expensiveReads: number;
    streamsPerKey: number;
    streamsTotal: number;
  };
  keyRotationGraceSeconds: number;
  corsOrigins: string[];
  revisionPollMs: number;
  revisionMaxStaleMs: number;
}

/** TRUST_PROXY as Fastify's trustProxy option takes it. */
function trustProxyOf(value: string): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment object; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as "not set" so that `PORT= npm start` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: `${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})`,
      })),
    );
  }
  const e = parsed.data;
  return {
    neo4j: {
      uri: e.NEO4J_URI,
      username: e.NEO4J_USERNAME,
      password: e.NEO4J_PASSWORD,
      connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
      acquisitionTimeoutMs: e.NEO4J_ACQUISITION_TIMEOUT_MS,
      maxRetryTimeMs: e.NEO4J_MAX_RETRY_TIME_MS,
      unavailableTimeoutMs: e.NEO4J_UNAVAILABLE_TIMEOUT_MS,
    },
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    retryAfterSeconds: e.RETRY_AFTER_SECONDS,
    requireKeyForReads: e.REQUIRE_KEY_FOR_READS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    limits: {
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      authFailures: e.AUTH_FAILURE_LIMIT,
      writes: e.WRITE_RATE_LIMIT,
      expensiveReads: e.EXPENSIVE_READ_RATE_LIMIT,
      streamsPerKey: e.STREAMS_PER_KEY,
      streamsTotal: e.STREAMS_TOTAL,
    },
    keyRotationGraceSeconds: e.KEY_ROTATION_GRACE_SECONDS,
    corsOrigins: e.CORS_ORIGINS,
    revisionPollMs: e.REVISION_POLL_MS,
    revisionMaxStaleMs: e.REVISION_MAX_STALE_MS,
  };
}

/** For command-line entry points: the configuration, or exit code 2 with the message naming each bad variable. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
