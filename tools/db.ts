/**
 * CLI for the local Neo4j (src/local-neo4j.ts):
 *
 *   npx tsx tools/db.ts start|stop|status [--name dev] [--port 7687] [--data .neo4j/data]
 *
 * NEO4J_PASSWORD (non-empty) turns auth on for user NEO4J_USERNAME (default neo4j).
 */
import { localNeo4jStatus, type LocalNeo4jOptions, startLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j.js';

function parseArgs(argv: string[]): { command: string | undefined; opts: LocalNeo4jOptions } {
  const opts: LocalNeo4jOptions = {};
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--name') opts.name = value();
    else if (a === '--port') opts.port = Number.parseInt(value(), 10);
    else if (a === '--data') opts.dataDir = value();
    else if (command === undefined) command = a;
    else throw new Error(`Unexpected argument: ${a}`);
  }
  if (process.env.NEO4J_PASSWORD) {
    opts.password = process.env.NEO4J_PASSWORD;
    opts.username = process.env.NEO4J_USERNAME || 'neo4j';
  }
  return { command, opts };
}

async function main(): Promise<number> {
  const { command, opts } = parseArgs(process.argv.slice(2));
  switch (command) {
    case 'start': {
      const { uri } = await startLocalNeo4j(opts);
      console.log(uri);
      return 0;
    }
    case 'stop':
      await stopLocalNeo4j(opts);
      return 0;
    case 'status': {
      const s = await localNeo4jStatus(opts);
      console.log(
        s.running ? `running pid=${s.pid} uri=${s.uri} name=${s.name}` : `not running name=${s.name} uri=${s.uri}`,
      );
      return s.running ? 0 : 3; // 3 = "not running", as LSB status scripts do
    }
    default:
      console.error('Usage: tsx tools/db.ts start|stop|status [--name dev] [--port 7687] [--data .neo4j/data]');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
