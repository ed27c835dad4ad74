/**
 * Cold start per cloud function: bundle size, and the time a fresh Node process takes to load the
 * built bundle and answer a first call (the SDKs' own load time is reported apart and excluded, as
 * CloudBase keeps them in its runtime image). Target: under 300 KB and 100 ms per function.
 */
import { buildFunctions } from '../scripts/build';
import { invokeBundle } from '../test/helpers/bundles';
import { spawnLocalCloud, tempDir } from '../test/helpers/local-cloud';
import { type BenchResult, fmt, printTable } from './lib';

export async function run(): Promise<BenchResult[]> {
  const built = await buildFunctions();
  const server = await spawnLocalCloud(tempDir(), { NO_SEED: '0' });
  const results: BenchResult[] = [];
  try {
    for (const b of built) {
      // First call: an unknown action, which every function answers through its wrapper without a query.
      const runs = [];
      for (let i = 0; i < 3; i++)
        runs.push(await invokeBundle(b.dir, server.url, { action: 'noSuchAction' }, { openid: 'demo-student-1', source: 'wx_client' }));
      const best = runs.reduce((a, r) => (r.loadMs + r.firstCallMs < a.loadMs + a.firstCallMs ? r : a));
      const kb = b.bytes / 1024;
      const ms = best.loadMs + best.firstCallMs;
      console.log(
        `  ${b.name.padEnd(12)} ${fmt(kb)} KB  load ${fmt(best.loadMs)} ms + first call ${fmt(best.firstCallMs)} ms (SDKs ${fmt(best.sdkMs)} ms, excluded)`,
      );
      results.push({
        name: `cold start: ${b.name} (bundle size; load + first call, best of 3)`,
        figure: `${fmt(kb)} KB; ${fmt(ms)} ms`,
        baseline: `SDK load ${fmt(best.sdkMs)} ms`,
        target: '< 300 KB, < 100 ms',
        pass: kb < 300 && ms < 100,
      });
    }
  } finally {
    await server.stop();
  }
  return results;
}

if (require.main === module) {
  run()
    .then((r) => {
      printTable(r, 'cold start per function');
      process.exit(r.every((x) => x.pass) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
