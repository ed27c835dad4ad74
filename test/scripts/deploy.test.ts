import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DIST_FUNCTIONS, planDeploy } from '../../scripts/deploy';
import { loadDotEnv } from '../../scripts/env';
import { loadFunctionConfigs } from '../../scripts/functions-config';
import { tempDir } from '../helpers/local-cloud';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const options = { appid: 'wx0123456789abcdef', env: 'env-1', version: '1.2.0', desc: 'd', functions: true, miniprogram: true };

describe('the deploy plan (miniprogram-ci)', () => {
  it('builds, uploads every function from its bundle with its open APIs, creates each timer, then uploads the mini-program', () => {
    // Prepare
    const fns = loadFunctionConfigs();

    // Act
    const steps = planDeploy(options, fns);

    // Assess
    expect(steps[0]).toEqual({ kind: 'build' });
    const uploads = steps.filter((s) => s.kind === 'uploadFunction');
    expect(uploads.map((s) => s.name)).toEqual(fns.map((f) => f.name));
    for (const s of uploads) expect(s.path).toBe(path.join(DIST_FUNCTIONS, s.name));
    expect(uploads.find((s) => s.name === 'escalation')).toMatchObject({ env: 'env-1', openapi: ['subscribeMessage.send'] });
    expect(steps.filter((s) => s.kind === 'createTimeTrigger').map((s) => s.functionName)).toEqual(
      fns.filter((f) => f.config.triggers?.length).map((f) => f.name),
    );
    expect(steps.at(-1)).toEqual({ kind: 'uploadMiniprogram', appid: 'wx0123456789abcdef', version: '1.2.0', desc: 'd' });
    expect(planDeploy({ ...options, functions: false }, fns)).toEqual([steps.at(-1)]);
  });

  it('points DevTools at the built functions, which are what CloudBase can run', () => {
    const cfg = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
    expect(path.resolve(ROOT, cfg.cloudfunctionRoot)).toBe(DIST_FUNCTIONS);
  });

  it('prints the plan on --dry-run without any key, and says what a real deploy needs', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts', '--dry-run', '--miniprogram'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', WX_APPID: 'wxdry' },
    });
    expect(stdout.split('\n')[0]).toBe(
      JSON.stringify({ kind: 'uploadMiniprogram', appid: 'wxdry', version: '0.1.0', desc: 'xuncha 0.1.0' }),
    );
    expect(stdout).toMatch(/needs WX_PRIVATE_KEY_PATH, TCB_ENV_ID in \.env/);
  }, 30_000);
});

describe('.env', () => {
  it('fills variables the environment does not set, and leaves those it does', () => {
    // Prepare
    const file = path.join(tempDir(), '.env');
    fs.writeFileSync(file, 'XUNCHA_TEST_A=from-file\nXUNCHA_TEST_B=from-file\n');
    process.env.XUNCHA_TEST_B = 'from-env';

    // Act
    const loaded = loadDotEnv(file);

    // Assess
    expect(loaded).toBe(true);
    expect(process.env.XUNCHA_TEST_A).toBe('from-file');
    expect(process.env.XUNCHA_TEST_B).toBe('from-env');
    expect(loadDotEnv(path.join(tempDir(), '.env'))).toBe(false);
  });
});
