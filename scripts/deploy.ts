/**
 * Deploys xuncha the way WeChat applies it, with its official `miniprogram-ci` package: every built cloud
 * function (`dist/cloudfunctions/<name>`, with its `config.json`, so `permissions.openapi` is applied as
 * DevTools applies it) is uploaded with cloud-side `npm install`, its timer trigger created, then the
 * mini-program is uploaded as a new version.
 *
 *   npm run deploy -- [--dry-run] [--functions] [--miniprogram] [--version 1.2.0] [--desc "…"]
 *
 * Configuration comes from `.env` (see README, Deploying): WX_APPID, WX_PRIVATE_KEY_PATH (the 代码上传密钥
 * downloaded from mp.weixin.qq.com → 开发管理 → 开发设置), TCB_ENV_ID. `--dry-run` prints the plan and needs no
 * key. Neither part is selected: both are deployed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadDotEnv } from './env';
import { type FunctionConfig, loadFunctionConfigs } from './functions-config';

const ROOT = path.resolve(__dirname, '..');
export const DIST_FUNCTIONS = path.join(ROOT, 'dist', 'cloudfunctions');

export type DeployStep =
  | { kind: 'build' }
  | { kind: 'uploadFunction'; name: string; path: string; env: string; remoteNpmInstall: true; openapi: string[] }
  | { kind: 'createTimeTrigger'; functionName: string; env: string; triggers: NonNullable<FunctionConfig['triggers']> }
  | { kind: 'uploadMiniprogram'; appid: string; version: string; desc: string };

export interface DeployOptions {
  appid: string;
  env: string;
  version: string;
  desc: string;
  functions: boolean;
  miniprogram: boolean;
}

/** The steps of a deploy, in order (pure: the functions' configs are passed in). */
export function planDeploy(o: DeployOptions, fns: ReadonlyArray<{ name: string; config: FunctionConfig }>): DeployStep[] {
  const steps: DeployStep[] = [];
  if (o.functions) {
    steps.push({ kind: 'build' });
    for (const { name, config } of fns) {
      steps.push({
        kind: 'uploadFunction',
        name,
        path: path.join(DIST_FUNCTIONS, name),
        env: o.env,
        remoteNpmInstall: true,
        openapi: config.permissions?.openapi ?? [],
      });
      if (config.triggers?.length) steps.push({ kind: 'createTimeTrigger', functionName: name, env: o.env, triggers: config.triggers });
    }
  }
  if (o.miniprogram) steps.push({ kind: 'uploadMiniprogram', appid: o.appid, version: o.version, desc: o.desc });
  return steps;
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function options(): DeployOptions {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const onlyFunctions = process.argv.includes('--functions');
  const onlyMiniprogram = process.argv.includes('--miniprogram');
  return {
    appid: process.env.WX_APPID ?? '',
    env: process.env.TCB_ENV_ID ?? '',
    version: arg('--version') ?? pkg.version,
    desc: arg('--desc') ?? `xuncha ${pkg.version}`,
    functions: onlyFunctions || !onlyMiniprogram,
    miniprogram: onlyMiniprogram || !onlyFunctions,
  };
}

async function main(): Promise<void> {
  loadDotEnv();
  const o = options();
  const dryRun = process.argv.includes('--dry-run');
  const steps = planDeploy(o, loadFunctionConfigs());
  if (dryRun) {
    for (const s of steps) process.stdout.write(`${JSON.stringify(s)}\n`);
    const missing = ['WX_APPID', 'WX_PRIVATE_KEY_PATH', 'TCB_ENV_ID'].filter((k) => !process.env[k]);
    if (missing.length) process.stdout.write(`dry run: a real deploy also needs ${missing.join(', ')} in .env\n`);
    return;
  }
  const keyPath = process.env.WX_PRIVATE_KEY_PATH;
  if (!o.appid || !keyPath || (o.functions && !o.env)) throw new Error('set WX_APPID, WX_PRIVATE_KEY_PATH and TCB_ENV_ID in .env');
  const ci = await import('miniprogram-ci');
  const project = new ci.Project({
    appid: o.appid,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKeyPath: path.resolve(ROOT, keyPath),
    ignores: ['node_modules/**/*', 'test/**/*', 'bench/**/*', '.data/**/*'],
  });
  for (const step of steps) {
    process.stdout.write(`${step.kind} ${'name' in step ? step.name : 'functionName' in step ? step.functionName : ''}\n`);
    if (step.kind === 'build')
      execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/build.ts')], { stdio: 'inherit' });
    else if (step.kind === 'uploadFunction')
      await ci.cloud.uploadFunction({ project, env: step.env, name: step.name, path: step.path, remoteNpmInstall: true });
    else if (step.kind === 'createTimeTrigger')
      await ci.cloud.createTimeTrigger({ project, envId: step.env, functionName: step.functionName, triggersConfig: step.triggers });
    else await ci.upload({ project, version: step.version, desc: step.desc, setting: { useProjectConfig: true }, robot: 1 });
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
