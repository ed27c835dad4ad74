/**
 * `npm run build`: bundles each cloud function with esbuild into dist/cloudfunctions/<name>/ — an
 * index.js with `shared/` and `_lib/` inlined, the function's config.json, and a package.json that
 * names only what the cloud must install (the SDKs, which CloudBase provides natively). Prints each
 * bundle's size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'cloudfunctions');
export const OUT = path.join(ROOT, 'dist', 'cloudfunctions');
/** Installed by the cloud, not bundled: the SDKs, exceljs and docx (each loaded only when a workbook or document is made). */
const EXTERNAL = ['wx-server-sdk', '@cloudbase/node-sdk', 'exceljs', 'docx'];

export type Built = { name: string; dir: string; bytes: number };

/**
 * zod 4's classic entry re-exports every locale (`z.locales`, ~260 KB minified), which the functions
 * never use: they return coded errors, and zod's default English messages come from `locales/en.js`,
 * imported directly by its schemas. This keeps `z.locales` with English and Simplified Chinese only.
 */
const zodLocalesPlugin: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: args.importer, namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from '../locales/en.js';\nexport { default as zhCN } from '../locales/zh-CN.js';\n`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

export async function buildFunctions(): Promise<Built[]> {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const names = fs.readdirSync(SRC).filter((n) => !n.startsWith('_') && fs.existsSync(path.join(SRC, n, 'index.ts')));
  fs.rmSync(OUT, { recursive: true, force: true });
  const out: Built[] = [];
  for (const name of names) {
    const dir = path.join(OUT, name);
    const result = await build({
      entryPoints: [path.join(SRC, name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      external: EXTERNAL,
      metafile: true,
      legalComments: 'none',
      plugins: [zodLocalesPlugin],
      logLevel: 'warning',
    });
    const used = new Set(
      Object.values(result.metafile.outputs).flatMap((o) =>
        o.imports
          .filter((i) => i.external)
          .map((i) =>
            i.path
              .split('/')
              .slice(0, i.path.startsWith('@') ? 2 : 1)
              .join('/'),
          ),
      ),
    );
    const dependencies = Object.fromEntries(EXTERNAL.filter((d) => used.has(d)).map((d) => [d, rootPkg.dependencies[d]]));
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies }, null, 2)}\n`,
    );
    const config = path.join(SRC, name, 'config.json');
    if (fs.existsSync(config)) fs.copyFileSync(config, path.join(dir, 'config.json'));
    out.push({ name, dir, bytes: fs.statSync(path.join(dir, 'index.js')).size });
  }
  return out;
}

if (require.main === module) {
  buildFunctions()
    .then((built) => {
      for (const b of built)
        console.log(`${b.name.padEnd(16)} ${(b.bytes / 1024).toFixed(1).padStart(7)} KB  ${path.relative(ROOT, b.dir)}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
