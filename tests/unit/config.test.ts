import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration from the environment', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.neo4j.uri).toBe('bolt://127.0.0.1:7687');
    expect(config.requireKeyForReads).toBe(false);
  });

  it('names every bad variable and what is allowed', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', NEO4J_URI: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['LOG_LEVEL', 'NEO4J_URI', 'PORT']);
    expect((error as ConfigError).message).toMatch(/LOG_LEVEL: .*"fatal".*"silent"/s);
  });

  it('the server exits non-zero with a message naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: '99999', NEO4J_URI: 'bolt://127.0.0.1:1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toMatch(/65535/);
  });
});
