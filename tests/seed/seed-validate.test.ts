import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSeedDir } from '../../src/seed/load.js';
import { formatProblem, readSeed, SeedValidationError, type SeedProblem } from '../../src/seed/validate.js';

/** Copies the committed seed to a temp folder, lets `edit` change one file, returns the folder. */
const tempDirs: string[] = [];
async function seedCopyWith(file: string, edit: (records: Record<string, unknown>[]) => void): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seed-'));
  tempDirs.push(dir);
  await cp(defaultSeedDir, dir, { recursive: true });
  const records = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Record<string, unknown>[];
  edit(records);
  await writeFile(path.join(dir, file), JSON.stringify(records, null, 2));
  return dir;
}

async function problemsOf(dir: string): Promise<SeedProblem[]> {
  const error = await readSeed(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SeedValidationError);
  return (error as SeedValidationError).problems;
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('seed validation', () => {
  it('accepts the committed seed', async () => {
    const seed = await readSeed(defaultSeedDir);
    expect(seed.actionLines).toHaveLength(19);
    expect(seed.sdgTargets).toHaveLength(169);
    expect(seed.sdgIndicators).toHaveLength(252);
    expect(seed.gdcCommitments).toHaveLength(46);
  });

  it('refuses a link to an unknown id, naming file, record and field', async () => {
    const dir = await seedCopyWith('facilitators.json', (records) => {
      records[2]!.entity = 'NOBODY';
    });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: `${path.basename(dir)}/facilitators.json`,
      record: { number: 3, id: 'C2→NOBODY' },
      field: 'entity',
    });
    expect(formatProblem(problems[0]!)).toContain(
      'facilitators.json record 3 (C2→NOBODY): field "entity": unknown id "NOBODY"',
    );
  });

  it('refuses a duplicate id and a duplicate link', async () => {
    const dupTarget = await seedCopyWith('sdg-targets.json', (records) => {
      records.push({ ...records[0]! });
    });
    const [targetProblem, ...rest] = await problemsOf(dupTarget);
    expect(rest).toEqual([]);
    expect(targetProblem).toMatchObject({ record: { number: 170, id: '1.1' }, field: 'id' });
    expect(formatProblem(targetProblem!)).toMatch(
      /sdg-targets\.json record 170 \(1\.1\): field "id": duplicate id 1\.1 \(also record 1\)/,
    );

    const dupLink = await seedCopyWith('action-line-sdg-targets.json', (records) => {
      records.push({ ...records[0]! });
    });
    const [linkProblem] = await problemsOf(dupLink);
    expect(formatProblem(linkProblem!)).toMatch(
      /action-line-sdg-targets\.json record 164 \(C1→3\.8\): field "actionLine\+target": duplicate link/,
    );
  });

  it('refuses a record without a source', async () => {
    const dir = await seedCopyWith('action-lines.json', (records) => {
      delete records[1]!.source;
    });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ record: { number: 2, id: 'C2' }, field: 'source' });
    expect(formatProblem(problems[0]!)).toMatch(/action-lines\.json record 2 \(C2\): field "source": /);
  });

  it('refuses a source without a locator', async () => {
    const dir = await seedCopyWith('action-line-sdgs.json', (records) => {
      (records[0]!.source as Record<string, unknown>).locator = '';
    });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatchObject({ record: { number: 1, id: 'C1→1' }, field: 'source.locator' });
  });

  it('refuses a value outside an enum with the allowed values', async () => {
    const dir = await seedCopyWith('facilitators.json', (records) => {
      records[2]!.role = 'chair';
    });
    const problems = await problemsOf(dir);
    expect(problems.map(formatProblem)).toEqual([
      `${path.basename(dir)}/facilitators.json record 3 (C2→ITU): field "role": Invalid option: expected one of "lead"|"co"|"partner"`,
    ]);
  });

  it('refuses a second lead facilitator for one action line', async () => {
    const dir = await seedCopyWith('facilitators.json', (records) => {
      const apc = records.find((r) => r.actionLine === 'C2' && r.entity === 'APC')!;
      apc.role = 'lead';
    });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatchObject({ field: 'role', record: { id: 'C2→APC' } });
    expect(problem!.message).toContain('at most one lead');
  });

  it('collects every problem across files before failing', async () => {
    const dir = await seedCopyWith('facilitators.json', (records) => {
      records[0]!.role = 'chair';
      records[1]!.actionLine = 'C99';
    });
    await writeFile(path.join(dir, 'sdgs.json'), '{ not json');
    const problems = await problemsOf(dir);
    const text = problems.map(formatProblem).join('\n');
    expect(text).toContain('sdgs.json: not valid JSON');
    expect(text).toContain('facilitators.json record 1 (C1→UNDESA): field "role"');
    expect(text).toContain('facilitators.json record 2 (C99→ITU): field "actionLine"');
  });
});
