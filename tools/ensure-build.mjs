// Builds the compiled service (dist/) when it is missing or older than its sources, so that `npm start`
// always runs current compiled JavaScript. Plain JS: it runs before anything is compiled.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Newest modification time under the given files and folders. */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const entry of readdirSync(p)) visit(path.join(p, entry));
    else latest = Math.max(latest, s.mtimeMs);
  };
  for (const p of paths) visit(p);
  return latest;
}

const stamp = 'dist/server.js';
const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
if (!existsSync(stamp) || statSync(stamp).mtimeMs < newest(sources)) {
  console.log('[build] compiling the service (tsc -p tsconfig.build.json)…');
  const result = spawnSync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[build] tsc failed');
    process.exit(result.status ?? 1);
  }
}
