/**
 * The dependency rule, checked by `npm test`:
 * - `shared/` is the pure domain: it imports only other `shared/` files and a few pure libraries,
 *   never an SDK, `cloudfunctions/`, `miniprogram/` or `scripts/`; and it never reads the clock or
 *   makes random values (callers pass `now` and ids).
 * - `cloudfunctions/` never imports `miniprogram/`, `scripts/` or `test/` (they are not deployed).
 * - `miniprogram/` never imports `cloudfunctions/`, `scripts/` or a server SDK, and imports `shared/` only as
 *   types (`import type` / `export type`, erased when the page is compiled): its values reach the mini-program
 *   through the generated bundle `miniprogram/shared/contract.js` (`npm run contract`), so a compiled page never
 *   requires a file outside miniprogramRoot.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SHARED_PACKAGES = [/^zod(\/|$)/, /^dayjs(\/|$)/];

/** `statement` is the whole import or export statement (to tell a type-only one). */
type Rule = {
  dir: string;
  check: (spec: string, file: string, root: string, statement: string) => string | null;
  source?: (text: string) => string | null;
};

/** `import type …` / `export type …`: erased by the compiler, so nothing is required at run time. */
const isTypeOnly = (statement: string) => /^(?:import|export)\s+type\s/.test(statement);

const within = (file: string, spec: string, root: string, dir: string) =>
  spec.startsWith('.') && `${path.resolve(path.dirname(file), spec)}${path.sep}`.startsWith(path.join(root, dir) + path.sep);

const rules: Rule[] = [
  {
    dir: 'shared',
    check: (spec, file, root) => {
      if (spec.startsWith('.')) return within(file, spec, root, 'shared') ? null : 'shared/ may import only from shared/';
      return SHARED_PACKAGES.some((re) => re.test(spec)) ? null : `shared/ may not import the package "${spec}"`;
    },
    source: (text) => {
      if (/\bDate\.now\s*\(/.test(text)) return 'shared/ may not read the clock (Date.now): take `now` as a parameter';
      if (/new Date\(\s*\)/.test(text)) return 'shared/ may not read the clock (new Date()): take `now` as a parameter';
      if (/\bMath\.random\s*\(/.test(text)) return 'shared/ may not make random values: take ids as parameters';
      if (/\bwx\.|\bgetApp\s*\(/.test(text)) return 'shared/ may not use the mini-program runtime';
      return null;
    },
  },
  {
    dir: 'cloudfunctions',
    check: (spec, file, root) =>
      ['miniprogram', 'scripts', 'test', 'bench'].some((d) => within(file, spec, root, d))
        ? `cloud functions may not import ${spec}`
        : null,
  },
  {
    dir: 'miniprogram',
    check: (spec, file, root, statement) => {
      if (['cloudfunctions', 'scripts', 'test', 'bench'].some((d) => within(file, spec, root, d)))
        return `the mini-program may not import ${spec}`;
      if (within(file, spec, root, 'shared') && !isTypeOnly(statement))
        return `the mini-program may import shared/ only as types (\`import type\`); values come from miniprogram/shared/contract (${spec})`;
      if (/^(wx-server-sdk|@cloudbase\/)/.test(spec)) return `the mini-program may not import the server SDK ${spec}`;
      return null;
    },
  },
];

const IMPORT_RE =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'miniprogram_npm') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** Every violation of the dependency rule under `root`, as "file: message" lines. */
export function violations(root = ROOT): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    for (const file of files(path.join(root, rule.dir))) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(root, file);
      const bad = rule.source?.(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''));
      if (bad) out.push(`${rel}: ${bad}`);
      // Imports are read from the code without its comments (a doc comment's "import … from" is prose).
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of code.matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
        const msg = rule.check(spec, file, root, m[0]);
        if (msg) out.push(`${rel}: ${msg}`);
      }
    }
  }
  return out;
}

if (require.main === module) {
  const found = violations();
  if (found.length > 0) {
    console.error(`Dependency rule broken (${found.length}):\n${found.map((f) => `  ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('dependency rule: ok');
}
