/**
 * The mini-program's release build step.
 *
 *   npx tsx scripts/miniprogram-build.ts --release <dir>   # the release package: a copy with the release config
 *
 * The checked-in `config.ts` is the developer's local build (local mode and its demo-identity switch); the
 * release package is made only by `--release`, whose config has no local mode at all: there is no flag to
 * forget before uploading. The contract bundle (`npm run contract`) is rebuilt first, so the package carries
 * the current messages, labels and template ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate as generateContract } from './contract';

const ROOT = path.resolve(__dirname, '..');
export const MP_ROOT = path.join(ROOT, 'miniprogram');

const LOCAL_LINE = '  localBuild: true,';

/** The release `config.ts`: the local build's, with local mode gone. */
export function releaseConfig(localConfig: string): string {
  if (!localConfig.includes(LOCAL_LINE)) throw new Error(`miniprogram/config.ts must contain "${LOCAL_LINE.trim()}"`);
  return localConfig.replace(LOCAL_LINE, '  localBuild: false,');
}

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

/** Writes the release package into `outDir` (a copy of miniprogram/ with the release config). */
export function buildRelease(outDir: string): void {
  for (const [file, text] of Object.entries(generateContract())) fs.writeFileSync(file, text);
  fs.rmSync(outDir, { recursive: true, force: true });
  copyDir(MP_ROOT, outDir);
  const config = path.join(outDir, 'config.ts');
  fs.writeFileSync(config, releaseConfig(fs.readFileSync(config, 'utf8')));
}

if (require.main === module) {
  const i = process.argv.indexOf('--release');
  const out = path.resolve(i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : path.join(ROOT, 'dist/miniprogram'));
  buildRelease(out);
  console.log(`release package written to ${out}`);
}
