/**
 * Backups of the roadmap database (see src/backup/format.ts for the file format):
 *   npm run backup -- --out FILE            dump the database, while the API runs
 *   npm run restore -- FILE [--force]       verify, then restore into an empty database
 *   tsx src/backup/cli.ts verify FILE       check a file's format, checksum and content hash
 *   tsx src/backup/cli.ts hash              content hash and counts of the live database
 * Exit codes: 0 done, 1 failed (nothing restored), 2 usage or configuration, 3 database not empty.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { createDriver } from '../db/driver.js';
import { writeBackup } from './backup.js';
import { graphContentHash } from './graph-scan.js';
import { DatabaseNotEmpty, InvalidBackup, restoreBackup, verifyBackup } from './restore.js';

const usage = [
  'usage: npm run backup -- --out FILE',
  '       npm run restore -- FILE [--force]',
  '       tsx src/backup/cli.ts verify FILE | hash',
].join('\n');

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let parsed: ReturnType<
  typeof parseArgs<{ options: { out: { type: 'string' }; force: { type: 'boolean' } }; allowPositionals: true }>
>;
try {
  parsed = parseArgs({
    options: { out: { type: 'string' }, force: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
const [command, file] = parsed.positionals;

if (command === 'verify') {
  if (!file) fail(usage, 2);
  try {
    const { header, end } = await verifyBackup(file);
    console.log(
      `valid backup: revision ${header.revision}, ${end.nodes} nodes, ${end.relationships} relationships, content ${end.contentHash}`,
    );
    process.exit(0);
  } catch (error) {
    fail(`invalid backup: ${(error as Error).message}`, 1);
  }
}

const config = loadConfigOrExit();
const driver = createDriver(config, { losslessIntegers: true });
let code = 0;
try {
  if (command === 'backup') {
    if (!parsed.values.out) fail(`--out FILE is required\n${usage}`, 2);
    const s = await writeBackup(driver, parsed.values.out);
    console.log(
      `backup written to ${s.file}: revision ${s.revision}, ${s.nodes} nodes, ${s.relationships} relationships, ` +
        `content ${s.contentHash}, writers held back ${s.lockedMs} ms`,
    );
  } else if (command === 'restore') {
    if (!file) fail(`the backup FILE is required\n${usage}`, 2);
    const s = await restoreBackup(driver, file, { force: parsed.values.force ?? false });
    console.log(
      `restored revision ${s.header.revision}: ${s.end.nodes} nodes, ${s.end.relationships} relationships, ` +
        `content ${s.end.contentHash} (verified in the restore transaction), in ${s.tookMs} ms`,
    );
  } else if (command === 'hash') {
    const session = driver.session({ defaultAccessMode: 'READ' });
    const tx = session.beginTransaction();
    try {
      const h = await graphContentHash(tx);
      console.log(`${h.nodes} nodes, ${h.relationships} relationships, content ${h.contentHash}`);
    } finally {
      await tx.rollback();
      await session.close();
    }
  } else {
    fail(usage, 2);
  }
} catch (error) {
  if (error instanceof DatabaseNotEmpty) code = 3;
  else code = 1;
  const kind = error instanceof InvalidBackup ? 'invalid backup: ' : '';
  console.error(`${command} failed: ${kind}${(error as Error).message}`);
} finally {
  await driver.close();
}
process.exit(code);
