/**
 * The mini-program's build steps.
 *
 *   npx tsx scripts/miniprogram-build.ts                   # writes miniprogram/templates.ts from shared/notify
 *   npx tsx scripts/miniprogram-build.ts --release <dir>   # the release package: a copy with the release config
 *
 * The mini-program cannot import `shared/` at run time (DevTools compiles only `miniprogramRoot`), so the
 * subscription template ids and their labels are a generated copy, checked by test/scripts/miniprogram-build.test.ts.
 * The checked-in `config.ts` is the developer's local build (local mode and its demo-identity switch); the
 * release package is made only by `--release`, whose config has no local mode at all: there is no flag to
 * forget before uploading.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATE_LABELS, TEMPLATES } from '../shared/notify/templates';

const ROOT = path.resolve(__dirname, '..');
export const MP_ROOT = path.join(ROOT, 'miniprogram');

const objectLiteral = (o: Record<string, string>): string =>
  `{\n${Object.entries(o)
    .map(([k, v]) => `  ${k}: '${v}',\n`)
    .join('')}}`;

/** The generated `miniprogram/templates.ts` (formatted as biome formats it). */
export function templatesSource(): string {
  return `/** Generated from shared/notify/templates.ts by scripts/miniprogram-build.ts; do not edit. */
export const TEMPLATES = ${objectLiteral(TEMPLATES)} as const;
export type TemplateName = keyof typeof TEMPLATES;

/** What each reminder is called on the 提醒设置 page. */
export const TEMPLATE_LABELS: Record<TemplateName, string> = ${objectLiteral(TEMPLATE_LABELS)};
`;
}

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
  fs.writeFileSync(path.join(MP_ROOT, 'templates.ts'), templatesSource());
  fs.rmSync(outDir, { recursive: true, force: true });
  copyDir(MP_ROOT, outDir);
  const config = path.join(outDir, 'config.ts');
  fs.writeFileSync(config, releaseConfig(fs.readFileSync(config, 'utf8')));
}

if (require.main === module) {
  const i = process.argv.indexOf('--release');
  if (i >= 0) {
    const out = path.resolve(process.argv[i + 1] ?? path.join(ROOT, 'dist/miniprogram'));
    buildRelease(out);
    console.log(`release package written to ${out}`);
  } else {
    fs.writeFileSync(path.join(MP_ROOT, 'templates.ts'), templatesSource());
    console.log('miniprogram/templates.ts written');
  }
}
