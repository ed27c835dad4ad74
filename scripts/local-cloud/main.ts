/**
 * `npm start`: the local cloud on loopback, with the demo campus seeded into a fresh data directory.
 * Env: PORT (default 3901; 0 picks a free one), DATA_DIR (default .data/), NO_SEED=1 to skip the seed,
 * NO_TIMERS=1 to leave timer triggers off, DATABASE_CONFIG and FUNCTIONS_DIR to run another CloudBase project's
 * functions (README "Run your own CloudBase functions locally"), LOCAL_CLOUD_PROFILE / LOCAL_CLOUD_LATENCY_MS for
 * a plan's quotas and a network round trip.
 */
import path from 'node:path';
import { DEFAULT_PORT, LocalCloud, ROOT } from './cloud';
import { installLocalRoutes } from './local-routes';
import { seedIfEmpty } from './seed';

async function main(): Promise<void> {
  const t0 = performance.now();
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'));
  const port = process.env.PORT === undefined ? DEFAULT_PORT : Number(process.env.PORT);
  const cloud = await LocalCloud.start({
    dataDir,
    port,
    databaseConfig: process.env.DATABASE_CONFIG,
    functionsDir: process.env.FUNCTIONS_DIR,
    timers: process.env.NO_TIMERS !== '1',
    log: (l) => console.error(l),
  });
  const seeded = process.env.NO_SEED === '1' ? null : await seedIfEmpty(cloud);
  installLocalRoutes(cloud, seeded?.identities ?? []);
  const ms = Math.round(performance.now() - t0);
  console.log(`xuncha local cloud ready at ${cloud.url} (data: ${dataDir}, ${ms} ms)`);
  console.log(`  admin API (node-sdk serviceUrl): ${cloud.url}/admin`);
  console.log(`  mini-program local mode:         ${cloud.url}/local/call`);
  if (seeded?.skipped) console.log(`  not seeded: ${seeded.skipped} in this database configuration`);
  else if (seeded) {
    console.log(seeded.fresh ? '  seeded the demo campus. Demo identities:' : '  demo campus already present. Demo identities:');
    for (const id of seeded.identities) console.log(`    ${id.openid.padEnd(24)} ${id.name}（${id.label}）`);
  }
  console.log(`LOCAL_CLOUD_READY ${cloud.url}`);
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
