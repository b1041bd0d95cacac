import { z } from 'zod';

/** Environment configuration, validated once at start-up. Every variable is documented in README.md. */
const boolFromEnv = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

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
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  neo4j: { uri: string; username: string; password: string };
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  retryAfterSeconds: number;
  requireKeyForReads: boolean;
  bodyLimitBytes: number;
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
    neo4j: { uri: e.NEO4J_URI, username: e.NEO4J_USERNAME, password: e.NEO4J_PASSWORD },
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    retryAfterSeconds: e.RETRY_AFTER_SECONDS,
    requireKeyForReads: e.REQUIRE_KEY_FOR_READS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
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
