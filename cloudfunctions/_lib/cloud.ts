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
  /** Notice outbox: one document per notice, written with the claim that caused it (_lib/outbox.ts). */
  notices: 'notices',
  /** Invite codes that make a WeChat user staff, a manager or an inspector (admin function; redeemed in org). */
  invites: 'invites',
  /** Ticket rollups per unit, zone and campus per month, and each unit's open gauge (shared/overview/ticket-rollup.ts). */
  ticketRollups: 'ticketRollups',
  /** Per ticket, the version and snapshot last added to the ticket rollups (the rollup sync's own bookkeeping). */
  ticketRolled: 'ticketRolled',
  /** Outsourced-service contracts with their clauses and payment rule (shared/contracts). */
  contracts: 'contracts',
  /** Rectification notices (整改通知单), one per finding ticket. */
  contractNotices: 'contractNotices',
  /** Special events of a contract month (points or yuan), recorded by the supervising unit. */
  contractEvents: 'contractEvents',
  /** One document per assessed month: the current run and every run's who/why. */
  contractPeriods: 'contractPeriods',
  /** Frozen contract assessments, one immutable document per contract per run. */
  contractAssessments: 'contractAssessments',
  /** The sign-off of each assessment (supervising unit → office), one per contract per run. */
  contractSignoffs: 'contractSignoffs',
  /** Accountability strikes (查而不改 / 屡查屡犯 / 屡改屡犯), derived from ticket history, one per occurrence. */
  strikes: 'strikes',
  /** Accountability cases proposed at the threshold, decided by a leader. */
  accountabilityCases: 'accountabilityCases',
  /** Supervision items (督办事项). */
  supervisionItems: 'supervisionItems',
  /** The office's decision agenda, fed by long-unresolved coordination requests. */
  agendaItems: 'agendaItems',
  /** Patrol plans (shared/patrols/plan.schema.ts). */
  patrolPlans: 'patrolPlans',
  /** Patrol occurrences, `_id` = the (plan, zone, slot) key, so a re-run of the timer creates nothing. */
  patrolOccurrences: 'patrolOccurrences',
  /** Which zones a sample plan drew for a period (claimed once, so a re-run draws the same). */
  patrolSamples: 'patrolSamples',
  /** Patrol visits, each proven by scanning the zone's code. */
  patrolVisits: 'patrolVisits',
  /** Coverage rollups, one per unit per ISO week (shared/patrols/coverage.ts). */
  patrolCoverage: 'patrolCoverage',
  /** Reminders a person has left per template (`${openid}|${template}`): accepted prompts minus sends. */
  subscriptions: 'subscriptions',
  /** The fixed-asset ledger and its campaigns (owned by cloudfunctions/assets; named here for readers such as scoring). */
  assets: 'assets',
  assetEvents: 'assetEvents',
  assetCampaigns: 'assetCampaigns',
  assetSnapshots: 'assetSnapshots',
  assetScans: 'assetScans',
  /** Admin changes: who, when, what, before and after, written in the change's own transaction (cloudfunctions/admin/audit.ts). */
  adminAudit: 'adminAudit',
  /** Zones and people an admin deleted (never used), kept whole so a reference can still be read. */
  deletedRecords: 'deletedRecords',
} as const;

/** wx-server-sdk's typings declare `get()` as `string | void | IQueryResult`; these read the documented shapes. */
export const rowsOf = <T = Record<string, unknown>>(res: unknown): T[] => (res as { data: T[] }).data;
export const updatedOf = (res: unknown): number => (res as { stats: { updated: number } }).stats.updated;
