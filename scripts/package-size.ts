/**
 * Prints the size of the mini-program's main package and of each subpackage, as they would ship: every
 * `.ts` compiled to minified JS (what the DevTools TypeScript plugin and uploader produce, give or take),
 * every other file as it is. Subpackages are the `subPackages` roots of app.json; everything else is main.
 *
 *   npx tsx scripts/package-size.ts          # table
 *   npx tsx scripts/package-size.ts --json   # { main, subpackages: { name: bytes } }
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

export const MP_ROOT = path.resolve(__dirname, '../miniprogram');
/** Files the DevTools do not upload. */
const SKIP = new Set(['tsconfig.json']);

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (!SKIP.has(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** Bytes a file occupies in the uploaded package. */
function shippedBytes(file: string): number {
  const src = fs.readFileSync(file);
  if (!file.endsWith('.ts')) return src.length;
  const out = transformSync(src.toString('utf8'), { loader: 'ts', format: 'cjs', minify: true, target: 'es2018' });
  return Buffer.byteLength(out.code);
}

export type PackageSizes = { main: number; subpackages: Record<string, number> };

export function packageSizes(root = MP_ROOT): PackageSizes {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string; name?: string }> };
  const subs = (app.subPackages ?? []).map((s) => ({ name: s.name ?? s.root, root: `${s.root.replace(/\/$/, '')}/` }));
  const sizes: PackageSizes = { main: 0, subpackages: Object.fromEntries(subs.map((s) => [s.name, 0])) };
  for (const f of files(root)) {
    const rel = path.relative(root, f).split(path.sep).join('/');
    const sub = subs.find((s) => rel.startsWith(s.root));
    const n = shippedBytes(f);
    if (sub) sizes.subpackages[sub.name] += n;
    else sizes.main += n;
  }
  return sizes;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (require.main === module) {
  const s = packageSizes();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(s));
  } else {
    console.log(`main package   ${kb(s.main).padStart(10)}   (budget 500 KB, WeChat limit 2 MB)`);
    for (const [name, n] of Object.entries(s.subpackages)) console.log(`${`subpackage ${name}`.padEnd(22)} ${kb(n).padStart(10)}`);
    const total = s.main + Object.values(s.subpackages).reduce((a, b) => a + b, 0);
    console.log(`${'total'.padEnd(22)} ${kb(total).padStart(10)}   (WeChat limit 20 MB)`);
  }
}
