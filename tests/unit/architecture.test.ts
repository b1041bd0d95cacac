import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering, read from the import statements: routes reach data only through repository
 * plugins (src/repositories), and src/db, the data access under them, knows nothing of HTTP.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Every module specifier a file imports or re-exports, resolved against the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  specifiers.push(...[...text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!));
  specifiers.push(...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!));
  return specifiers.map((s) =>
    s.startsWith('.') ? path.relative(root, path.resolve(path.dirname(path.join(root, file)), s)) : s,
  );
}

const reachesDb = (file: string) => importsOf(file).filter((s) => s.startsWith('src/db/'));
const usesDbHandle = (file: string) =>
  /\b(?:app|server|instance)\.(?:db|neo4j)\b/.test(readFileSync(path.join(root, file), 'utf8'));

describe('architecture', () => {
  it('routes import nothing from src/db (the Cypher loader, the driver, run): repositories do', () => {
    const offenders = sourceFiles('src/routes')
      .map((file) => ({ file, imports: reachesDb(file) }))
      .filter((o) => o.imports.length > 0);
    expect(offenders).toEqual([]);
  });

  it('routes do not use the database handle directly (app.db, app.neo4j, request.server.db)', () => {
    const offenders = sourceFiles('src/routes').filter(usesDbHandle);
    expect(offenders).toEqual([]);
  });

  it('src/db imports no Fastify and nothing from HTTP layers (routes, plugins, repositories)', () => {
    const offenders = sourceFiles('src/db')
      .map((file) => ({
        file,
        imports: importsOf(file).filter(
          (s) =>
            /^(?:fastify|@fastify\/)/.test(s) ||
            s.startsWith('src/routes/') ||
            s.startsWith('src/plugins/') ||
            s.startsWith('src/repositories/'),
        ),
      }))
      .filter((o) => o.imports.length > 0);
    expect(offenders).toEqual([]);
  });

  it('nothing under routes is imported by the layers below them (lib, db, domain, repositories, plugins)', () => {
    const offenders = ['src/lib', 'src/db', 'src/domain', 'src/repositories', 'src/plugins']
      .flatMap(sourceFiles)
      .map((file) => ({ file, imports: importsOf(file).filter((s) => s.startsWith('src/routes/')) }))
      .filter((o) => o.imports.length > 0);
    expect(offenders).toEqual([]);
  });

  it('every repository is a named plugin that depends on neo4j', () => {
    const files = sourceFiles('src/repositories').filter((f) => !/\/(?:index|reads)\.ts$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      expect(text, file).toMatch(/name: '[a-z-]+-repository'/);
      expect(text, file).toMatch(/dependencies: \['neo4j'\]/);
    }
  });
});
