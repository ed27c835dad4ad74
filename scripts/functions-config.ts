/**
 * Each cloud function's `config.json` (what CloudBase reads: timeout, timer trigger, open-API
 * permissions), validated, and `cloudbaserc.json` generated from them for `tcb fn deploy`, so the two
 * never disagree. `npx tsx scripts/functions-config.ts --write` regenerates cloudbaserc.json; a test
 * fails when it is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseCron } from './local-cloud/cron';

const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
export const CLOUDBASERC = path.join(ROOT, 'cloudbaserc.json');
/** The CloudBase runtime the bundles target (esbuild target node16 is compatible). */
export const RUNTIME = 'Nodejs18.15';

/** Open APIs this project may call, each listed per function in `permissions.openapi`. */
export const OPEN_APIS = ['subscribeMessage.send', 'security.msgSecCheck', 'wxacode.getUnlimited'] as const;

export const FunctionConfig = z.strictObject({
  /** Seconds; set explicitly for every function (CloudBase's default is 3 s). */
  timeout: z.number().int().min(1).max(60),
  triggers: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/),
        type: z.literal('timer'),
        config: z.string().refine((c) => {
          try {
            parseCron(c);
            return true;
          } catch {
            return false;
          }
        }, 'not a valid 7-field CloudBase cron'),
      }),
    )
    .max(1, 'CloudBase allows one trigger per function')
    .optional(),
  permissions: z.strictObject({ openapi: z.array(z.enum(OPEN_APIS)).optional() }).optional(),
});
export type FunctionConfig = z.infer<typeof FunctionConfig>;

/** Every deployable function (a folder with index.ts, not starting with `_`) and its validated config. */
export function loadFunctionConfigs(dir = FUNCTIONS_DIR): Array<{ name: string; config: FunctionConfig }> {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && fs.existsSync(path.join(dir, e.name, 'index.ts')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, 'config.json');
      if (!fs.existsSync(file)) throw new Error(`cloudfunctions/${name} has no config.json (its timeout must be set explicitly)`);
      const parsed = FunctionConfig.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (!parsed.success)
        throw new Error(`cloudfunctions/${name}/config.json: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      return { name, config: parsed.data };
    });
}

/** The cloudbaserc.json for these functions: deployed from the built bundles in dist/cloudfunctions. */
export function cloudbaserc(functions = loadFunctionConfigs()): Record<string, unknown> {
  return {
    version: '2.0',
    envId: '{{env.TCB_ENV_ID}}',
    functionRoot: './dist/cloudfunctions',
    functions: functions.map(({ name, config }) => ({
      name,
      timeout: config.timeout,
      runtime: RUNTIME,
      handler: 'index.main',
      installDependency: true,
      memorySize: 256,
      ...(config.triggers ? { triggers: config.triggers } : {}),
    })),
  };
}

export const cloudbasercText = () => `${JSON.stringify(cloudbaserc(), null, 2)}\n`;

if (require.main === module) {
  if (process.argv.includes('--write')) {
    fs.writeFileSync(CLOUDBASERC, cloudbasercText());
    console.log(`wrote ${path.relative(ROOT, CLOUDBASERC)}`);
  } else {
    process.stdout.write(cloudbasercText());
  }
}
