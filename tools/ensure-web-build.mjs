// Builds the web app (web/ → web/dist) when it is missing or older than its sources, so that
// `npm start` and the browser tests serve the current app. Plain JS: it runs before anything is compiled.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = path.join(root, 'web', 'dist', 'index.html');

/** Newest modification time under the web sources (not the build) and the spec its client comes from. */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'dist') visit(path.join(p, entry));
    } else latest = Math.max(latest, s.mtimeMs);
  };
  for (const p of paths) visit(p);
  return latest;
}

const sources = [path.join(root, 'web'), path.join(root, 'openapi', 'openapi.json')];
if (!existsSync(stamp) || statSync(stamp).mtimeMs < newest(sources)) {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    // Without the dev dependencies (a production install) the app cannot be built here: serve the API alone.
    console.warn(
      '[build] the web app is not built and Vite is not installed (npm run build:web needs the dev dependencies)',
    );
    process.exit(0);
  }
  console.log('[build] building the web app (web/ → web/dist)…');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('[build] the web app build failed');
    process.exit(result.status ?? 1);
  }
}
