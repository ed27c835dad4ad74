/**
 * Creates the collections, indexes and security rules of database.json in a CloudBase environment
 * with @cloudbase/manager-node — the same configuration the local cloud runs on.
 *
 *   npm run deploy:database [-- --dry-run]   (TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY from .env
 *   or the environment; the environment wins)
 *
 * Idempotent: existing collections and indexes are left as they are; missing ones are created; every
 * collection's client rules are set (by default none: only cloud functions reach the data).
 */
import { type DatabaseConfig, loadDatabaseConfig, rulesOf } from './database-config';
import { loadDotEnv } from './env';

export type Existing = Map<string, Set<string>>;
export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: string; keys: Array<{ Name: string; Direction: string }>; unique: boolean }
  | { kind: 'setRules'; collection: string; rule: string }
  | { kind: 'setStorageRules'; collection: '(storage)'; rule: string };

/** What to do to bring an environment with `existing` collections (and their index names) to `cfg`. */
export function planDatabase(cfg: DatabaseConfig, existing: Existing): Step[] {
  const steps: Step[] = [];
  for (const c of cfg.collections) {
    const have = existing.get(c.name);
    if (!have) steps.push({ kind: 'createCollection', collection: c.name });
    for (const i of c.indexes) {
      if (have?.has(i.name)) continue;
      steps.push({
        kind: 'createIndex',
        collection: c.name,
        index: i.name,
        keys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
        unique: i.unique ?? false,
      });
    }
    steps.push({ kind: 'setRules', collection: c.name, rule: JSON.stringify(rulesOf(cfg, c.name)) });
  }
  if (cfg.storageRules) steps.push({ kind: 'setStorageRules', collection: '(storage)', rule: JSON.stringify(cfg.storageRules) });
  return steps;
}

async function main(): Promise<void> {
  loadDotEnv();
  const cfg = loadDatabaseConfig();
  const dryRun = process.argv.includes('--dry-run');
  const envId = process.env.TCB_ENV_ID;
  if (!dryRun && !envId) throw new Error('set TCB_ENV_ID (and TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY)');
  if (dryRun) {
    for (const s of planDatabase(cfg, new Map())) console.log(JSON.stringify(s));
    return;
  }
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const app = new CloudBase({ envId, secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY });
  const existing: Existing = new Map();
  for (const c of cfg.collections) {
    if (!(await app.database.checkCollectionExists(c.name)).Exists) continue;
    const info = await app.database.describeCollection(c.name);
    existing.set(c.name, new Set((info.Indexes ?? []).map((i) => i.Name)));
  }
  for (const step of planDatabase(cfg, existing)) {
    console.log(`${step.kind} ${step.collection}${'index' in step ? ` ${step.index}` : ''}`);
    if (step.kind === 'createCollection') await app.database.createCollectionIfNotExists(step.collection);
    else if (step.kind === 'createIndex') {
      await app.database.updateCollection(step.collection, {
        CreateIndexes: [{ IndexName: step.index, MgoKeySchema: { MgoIndexKeys: step.keys, MgoIsUnique: step.unique } }],
      });
    } else if (step.kind === 'setStorageRules') {
      // The bucket is the environment's storage bucket (console: 云存储 → 设置), e.g. 6e76-<env>-1300000000.
      const bucket = process.env.TCB_STORAGE_BUCKET;
      if (!bucket) throw new Error('set TCB_STORAGE_BUCKET to apply storageRules (the environment storage bucket)');
      await app.permission.modifyResourcePermission({
        resourceType: 'storage',
        resource: bucket,
        permission: 'CUSTOM',
        securityRule: step.rule,
      });
    } else {
      await app.permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: step.collection,
        permission: 'CUSTOM',
        securityRule: step.rule,
      });
    }
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
