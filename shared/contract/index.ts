/**
 * The contract between the mini-program and the cloud functions: what each action takes and answers (plain
 * TypeScript, dates as ISO strings), every error code with its zh-CN sentence, the subscribe-message
 * templates, constants, labels and Shanghai time. See docs/contract.md.
 *
 * The server holds every ACTIONS row to its entry here at compile time (`cloudfunctions/_lib/contract.check.ts`);
 * the mini-program imports these types with `import type`, and the values through its generated bundle
 * `miniprogram/shared/contract.js` (`npm run contract`).
 */
import type { AdminContract } from './admin.contract';
import type { AssetsContract } from './assets.contract';
import type { BriefingsContract } from './briefings.contract';
import type { ContractsContract } from './contracts.contract';
import type { EscalationContract } from './escalation.contract';
import type { OrgContract } from './org.contract';
import type { OverviewContract } from './overview.contract';
import type { PatrolsContract } from './patrols.contract';
import type { PostersContract } from './posters.contract';
import type { ScoringContract } from './scoring.contract';
import type { StatsContract } from './stats.contract';
import type { SupervisionContract } from './supervision.contract';
import type { SurveysContract } from './surveys.contract';
import type { TicketsContract } from './tickets.contract';

export type * from './admin.contract';
export type * from './assets.contract';
export type * from './briefings.contract';
export type * from './common.contract';
export type * from './contracts.contract';
export type * from './escalation.contract';
export type * from './org.contract';
export type * from './overview.contract';
export type * from './patrols.contract';
export type * from './posters.contract';
export * from './runtime';
export type * from './scoring.contract';
export type * from './stats.contract';
export type * from './supervision.contract';
export type * from './surveys.contract';
export type * from './tickets.contract';

/** Every cloud function a client may call, by name. */
export interface Contracts {
  admin: AdminContract;
  assets: AssetsContract;
  briefings: BriefingsContract;
  contracts: ContractsContract;
  escalation: EscalationContract;
  org: OrgContract;
  overview: OverviewContract;
  patrols: PatrolsContract;
  posters: PostersContract;
  scoring: ScoringContract;
  stats: StatsContract;
  supervision: SupervisionContract;
  surveys: SurveysContract;
  tickets: TicketsContract;
}

export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;
export type InputOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A] extends { input: infer I } ? I : never;
export type ReplyOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A] extends { reply: infer R } ? R : never;

/** What every cloud function returns. */
export type Reply<T> = { code: 0; data: T } | { code: string; message: string; details?: Record<string, unknown> };
