import tcb from '@cloudbase/node-sdk';
import cloud from 'wx-server-sdk';

/** wx-server-sdk, initialised for the environment the function runs in. */
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };

/** The database and its command helper (`_.inc`, `_.in`, …). */
export const db = () => cloud.database();
export const cmd = () => cloud.database().command;

let nodeApp: ReturnType<typeof tcb.init> | undefined;

/**
 * @cloudbase/node-sdk over the same environment, used only where wx-server-sdk lacks an API:
 * `where().updateAndReturn()` (one atomic `database.modifyAndReturnDoc` request), which wx-server-sdk does
 * not expose. Both SDKs send identical database requests (see docs/local-cloud.md).
 */
export const nodeDb = () => {
  nodeApp ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV as unknown as string });
  return nodeApp.database();
};

/** CloudBase collections this project uses (each is declared in database.json). */
export const COLLECTIONS = {
  tickets: 'tickets',
  people: 'people',
  zones: 'zones',
  units: 'units',
  categories: 'categories',
  settings: 'settings',
  counters: 'counters',
  feedback: 'feedback',
  /** Satisfaction rollups, one document per unit per month (shared/satisfaction/rollup.ts). */
  satRollups: 'satRollups',
  /** Drift reports of the nightly rollup check. */
  rollupChecks: 'rollupChecks',
  /** Published scoring rule versions (shared/scoring/rules.schema.ts). */
  scoringRules: 'scoringRules',
  /** One document per scored month: the current frozen run and every run's who/why. */
  scorePeriods: 'scorePeriods',
  /** Frozen unit scores, one immutable document per unit per scoring run. */
  scores: 'scores',
  /** Inspection briefings (巡查简报), numbered. */
  briefings: 'briefings',
  /** Invite codes that make a WeChat user staff, a manager or an inspector (admin function; redeemed in org). */
  invites: 'invites',
  /** Reminders a person has left per template (`${openid}|${template}`): accepted prompts minus sends. */
  subscriptions: 'subscriptions',
} as const;

/** wx-server-sdk's typings declare `get()` as `string | void | IQueryResult`; these read the documented shapes. */
export const rowsOf = <T = Record<string, unknown>>(res: unknown): T[] => (res as { data: T[] }).data;
export const updatedOf = (res: unknown): number => (res as { stats: { updated: number } }).stats.updated;
