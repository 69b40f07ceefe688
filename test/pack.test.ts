import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

/** npm, without the settings an enclosing `npm test` passes down to its children. */
function npm(args: string[], cwd: string): string {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('npm_')) env[k] = v;
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the published package', () => {
  it('packs only what ships, installs from the tarball and runs', () => {
    // The build is npm test's first step; packing without scripts keeps it from rebuilding dist/
    // under the feet of the other tests running at the same time.
    const out = tempDir('aif-quiz-pack-');
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out], ROOT)) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/aif-quiz.js', 'dist/main.js', 'schema/bank.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']));
    expect(files.some((f) => f.startsWith('questions/') && f.endsWith('.yaml'))).toBe(true);
    expect(files.filter((f) => /^(src|test|scripts|docs)\//.test(f) || f.startsWith('.'))).toEqual([]);

    const prefix = path.join(out, 'global');
    npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', path.join(out, packed[0]!.filename)], out);
    const bin = path.join(prefix, 'bin', 'aif-quiz');
    expect(fs.existsSync(bin)).toBe(true);
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(version);
    const domains = JSON.parse(execFileSync(bin, ['domains', '--json'], { encoding: 'utf8', env: { ...process.env, AIF_QUIZ_HOME: out } })) as { total: number };
    expect(domains.total).toBeGreaterThan(400);

    // npx straight from the tarball, as someone trying it before installing would.
    const viaNpx = npm(['exec', '--yes', '--prefer-offline', '--package', path.join(out, packed[0]!.filename), '--', 'aif-quiz', '--version'], out);
    expect(viaNpx.trim()).toBe(version);
  }, 240_000);
});
