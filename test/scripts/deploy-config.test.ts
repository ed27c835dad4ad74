import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/_lib/cloud';
import { DatabaseConfig, loadDatabaseConfig, rulesOf } from '../../scripts/database-config';
import { planDatabase } from '../../scripts/deploy-database';
import { CLOUDBASERC, cloudbasercText, FunctionConfig, loadFunctionConfigs } from '../../scripts/functions-config';

describe('database.json', () => {
  const cfg = loadDatabaseConfig();

  it('declares every collection the functions use', () => {
    const declared = new Set(cfg.collections.map((c) => c.name));
    expect(Object.values(COLLECTIONS).filter((c) => !declared.has(c))).toEqual([]);
  });

  it('denies every client read and write: only cloud functions reach the data', () => {
    for (const c of cfg.collections) expect(rulesOf(cfg, c.name)).toEqual({ read: false, write: false });
  });

  it('stays within CloudBase limits (100 collections, 100 indexes each)', () => {
    expect(cfg.collections.length).toBeLessThanOrEqual(100);
    for (const c of cfg.collections) expect(c.indexes.length).toBeLessThanOrEqual(100);
  });

  it.each([
    [
      'a duplicate collection',
      {
        collections: [
          { name: 'a', indexes: [] },
          { name: 'a', indexes: [] },
        ],
      },
      /listed twice/,
    ],
    ['an index without keys', { collections: [{ name: 'a', indexes: [{ name: 'x', keys: [] }] }] }, /too_small|at least|>=1/i],
    ['a bad direction', { collections: [{ name: 'a', indexes: [{ name: 'x', keys: [{ field: 'f', direction: 2 }] }] }] }, /./],
    ['an unknown key', { collections: [{ name: 'a', indexes: [], extra: 1 }] }, /./],
  ])('refuses %s', (_label, raw, message) => {
    const parsed = DatabaseConfig.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });
});

describe('deploying the database', () => {
  const cfg = loadDatabaseConfig();

  it('creates every collection and index, and sets deny-all rules, in an empty environment', () => {
    const steps = planDatabase(cfg, new Map());
    expect(steps.filter((s) => s.kind === 'createCollection')).toHaveLength(cfg.collections.length);
    expect(steps.filter((s) => s.kind === 'createIndex')).toHaveLength(cfg.collections.reduce((n, c) => n + c.indexes.length, 0));
    expect(steps.find((s) => s.kind === 'createIndex' && s.index === 'requestId_1')).toMatchObject({ collection: 'tickets', unique: true });
    expect(
      steps.filter((s) => s.kind === 'setRules').every((s) => s.kind === 'setRules' && s.rule === '{"read":false,"write":false}'),
    ).toBe(true);
  });

  it('only re-applies rules where everything exists already', () => {
    const existing = new Map(cfg.collections.map((c) => [c.name, new Set(c.indexes.map((i) => i.name))]));
    expect(planDatabase(cfg, existing).every((s) => s.kind === 'setRules' || s.kind === 'setStorageRules')).toBe(true);
  });

  it('sets the storage security rules from their own key: only the uploader reads and writes a file', () => {
    const steps = planDatabase(cfg, new Map()).filter((s) => s.kind === 'setStorageRules');
    expect(steps).toEqual([
      {
        kind: 'setStorageRules',
        collection: '(storage)',
        rule: JSON.stringify({ read: 'resource.openid == auth.openid', write: 'resource.openid == auth.openid' }),
      },
    ]);
  });
});

describe('function configuration', () => {
  it('validates every function config.json (explicit timeout, valid cron, known open APIs)', () => {
    const fns = loadFunctionConfigs();
    expect(fns.map((f) => f.name)).toEqual(expect.arrayContaining(['tickets', 'escalation']));
    for (const f of fns) expect(f.config.timeout).toBeGreaterThan(0);
    expect(fns.find((f) => f.name === 'escalation')?.config.triggers?.[0].config).toBe('0 * * * * * *');
  });

  it.each([
    ['no timeout', {}],
    ['a six-field cron', { timeout: 5, triggers: [{ name: 't', type: 'timer', config: '0 * * * * *' }] }],
    ['two triggers', { timeout: 5, triggers: [1, 2].map((i) => ({ name: `t${i}`, type: 'timer', config: '0 * * * * * *' })) }],
    ['an unknown open API', { timeout: 5, permissions: { openapi: ['pay.transfer'] } }],
  ])('refuses a config.json with %s', (_label, raw) => {
    expect(FunctionConfig.safeParse(raw).success).toBe(false);
  });

  it('keeps cloudbaserc.json in step with the functions (regenerate: npx tsx scripts/functions-config.ts --write)', () => {
    expect(fs.readFileSync(CLOUDBASERC, 'utf8')).toBe(cloudbasercText());
    const rc = JSON.parse(fs.readFileSync(CLOUDBASERC, 'utf8')) as { functionRoot: string };
    expect(path.normalize(rc.functionRoot)).toBe(path.normalize('./dist/cloudfunctions'));
  });
});
