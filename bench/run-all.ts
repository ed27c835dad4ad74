/**
 * `npm run bench`: every benchmark the issues ask for, one after another, then a table of figures,
 * baselines, ratios and targets written to docs/benchmarks.md (the README quotes it). Each bench is
 * also runnable alone: `npx tsx bench/<name>.bench.ts`. `npm run bench -- tickets` runs a subset.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './lib';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const sections: Array<{ bench: string; results: BenchResult[]; seconds: number }> = [];
  const t0 = performance.now();
  for (const file of files) {
    const started = performance.now();
    console.log(`\n=== ${file} ===`);
    const mod = (await import(path.join(__dirname, file))) as { run: () => Promise<BenchResult[]> };
    const results = await mod.run();
    sections.push({ bench: file.replace('.bench.ts', ''), results, seconds: (performance.now() - started) / 1000 });
  }
  const total = (performance.now() - t0) / 1000;
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} in ${total.toFixed(0)} s.`,
    `Machine: ${machine}.`,
    '',
    '| bench | figure | measured | baseline | ratio | target | result |',
    '|---|---|---|---|---|---|---|',
    ...sections.flatMap((s) =>
      s.results.map(
        (r) =>
          `| ${s.bench} | ${r.name} | ${r.figure} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.target} | ${r.pass ? 'pass' : '**miss**'} |`,
      ),
    ),
    '',
    ...sections.map((s) => `- \`${s.bench}\`: ${s.seconds.toFixed(0)} s`),
    '',
  ];
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), lines.join('\n'));
  console.log(`\n${lines.join('\n')}\nwritten to docs/benchmarks.md`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
