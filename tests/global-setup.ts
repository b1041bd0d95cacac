/**
 * Finds one real Neo4j for the whole test run, in this order:
 *   1. NEO4J_URI (+ NEO4J_USERNAME / NEO4J_PASSWORD) from the environment: a database you run;
 *   2. Testcontainers (neo4j:5.26), only when a Docker engine answers;
 *   3. the local launcher (tools/db.ts) on port 7688 (or NEO4J_TEST_PORT) with its own data dir,
 *      never the dev one.
 * If none works the run fails: database tests must never be silently skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j.js';

export interface Neo4jConnection {
  uri: string;
  username: string;
  password: string;
  source: 'env' | 'testcontainers' | 'launcher';
  /** For source 'launcher': which tools/db.ts instance (`--name`, `--data`). */
  instance?: { name: string; dataDir: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection;
  }
}

// NEO4J_TEST_PORT lets parallel runs on one machine each get their own instance and data dir.
const TEST_PORT = Number(process.env.NEO4J_TEST_PORT || 7688);
const TEST_INSTANCE =
  TEST_PORT === 7688
    ? { port: 7688, dataDir: '.neo4j/test-data', name: 'test' }
    : { port: TEST_PORT, dataDir: `.neo4j/test-data-${TEST_PORT}`, name: `test-${TEST_PORT}` };
// Auth on, so tests go through the same credential path as a real deployment.
const TEST_CREDENTIALS = { username: 'neo4j', password: 'test-password' } as const;
const log = (message: string): void => console.log(`[neo4j] ${message}`);

/** Cheap check first (no socket, no DOCKER_HOST → no Docker), then ask Testcontainers, bounded. */
async function dockerAnswers(): Promise<boolean> {
  const candidates = [
    '/var/run/docker.sock',
    path.join(os.homedir(), '.docker', 'run', 'docker.sock'),
    path.join(os.homedir(), '.docker', 'desktop', 'docker.sock'),
    path.join(os.homedir(), '.testcontainers.properties'),
    ...(process.env.XDG_RUNTIME_DIR ? [path.join(process.env.XDG_RUNTIME_DIR, 'docker.sock')] : []),
  ];
  if (!process.env.DOCKER_HOST && !candidates.some((p) => fs.existsSync(p))) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), 15_000);
    });
    await Promise.race([getContainerRuntimeClient(), timeout]).finally(() => clearTimeout(timer));
    return true;
  } catch {
    return false;
  }
}

async function verify(conn: Neo4jConnection): Promise<void> {
  const auth = conn.password ? neo4j.auth.basic(conn.username, conn.password) : undefined;
  const driver = neo4j.driver(conn.uri, auth);
  try {
    await driver.verifyConnectivity();
  } finally {
    await driver.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const problems: string[] = [];
  let conn: Neo4jConnection | undefined;
  let teardown = async (): Promise<void> => {};

  if (process.env.NEO4J_URI) {
    conn = {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME || 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      source: 'env',
    };
  }

  if (!conn && (await dockerAnswers())) {
    try {
      const { Neo4jContainer } = await import('@testcontainers/neo4j');
      const container = await new Neo4jContainer('neo4j:5.26').withPassword(TEST_CREDENTIALS.password).start();
      conn = {
        uri: container.getBoltUri(),
        username: container.getUsername(),
        password: container.getPassword(),
        source: 'testcontainers',
      };
      teardown = async () => {
        await container.stop();
      };
    } catch (e) {
      problems.push(`Testcontainers: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else if (!conn) {
    problems.push('Testcontainers: no Docker engine answers');
  }

  if (!conn) {
    try {
      const local = await startLocalNeo4j({ ...TEST_INSTANCE, ...TEST_CREDENTIALS, log });
      conn = {
        uri: local.uri,
        ...TEST_CREDENTIALS,
        source: 'launcher',
        instance: { name: TEST_INSTANCE.name, dataDir: TEST_INSTANCE.dataDir },
      };
      // Stop only what this run started; an instance someone left running stays up for reuse.
      if (!local.reused) teardown = async () => void (await stopLocalNeo4j({ ...TEST_INSTANCE, log }));
    } catch (e) {
      problems.push(`local launcher: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  if (!conn) {
    throw new Error(`No Neo4j available for the tests (NEO4J_URI is not set).\n${problems.join('\n')}`);
  }
  try {
    await verify(conn);
  } catch (e) {
    await teardown();
    throw new Error(`Neo4j from ${conn.source} at ${conn.uri} does not accept connections: ${String(e)}`);
  }

  log(`tests use Neo4j from ${conn.source} at ${conn.uri}`);
  project.provide('neo4j', conn);
  // Child processes the tests spawn (CLIs, the server) find the same database.
  process.env.NEO4J_URI = conn.uri;
  process.env.NEO4J_USERNAME = conn.username;
  process.env.NEO4J_PASSWORD = conn.password;
  return teardown;
}
