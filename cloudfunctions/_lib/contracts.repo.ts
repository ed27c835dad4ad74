import { type AssessmentResult, type Contract, contractForClause, type ZoneRef } from '../../shared/contracts';
import { COLLECTIONS, db, rowsOf } from './cloud';

/** Every contract (few: tens per university); bounded at 1000. */
export async function allContracts(): Promise<Contract[]> {
  const res = await db().collection(COLLECTIONS.contracts).orderBy('no', 'asc').limit(1000).get();
  return rowsOf<Contract>(res);
}

/**
 * The contract whose clause a finding cites, or CONTRACT.CLAUSE_NOT_IN_ZONE: a contract in force at `at`,
 * covering the zone (or an ancestor), having the clause. Used by the tickets function's createFinding.
 */
export async function citedClause(zone: ZoneRef, clauseCode: string, at: Date): Promise<{ contractId: string; clauseCode: string }> {
  const c = contractForClause(clauseCode, zone, await allContracts(), at);
  return { contractId: c._id, clauseCode };
}

export interface ContractRun {
  runId: string;
  at: Date;
  by: string;
  reason: string;
}
export interface ContractPeriodDoc {
  _id: string;
  month: string;
  currentRunId: string;
  runs: ContractRun[];
}
/** One frozen assessment: never updated after it is written. */
export type AssessmentDoc = AssessmentResult & {
  _id: string;
  runId: string;
  contractNo: string;
  contractName: string;
  contractorUnitId: string;
  supervisingUnitId: string;
};
export async function contractPeriod(month: string): Promise<ContractPeriodDoc | null> {
  const res = await db().collection(COLLECTIONS.contractPeriods).where({ _id: month }).limit(1).get();
  return rowsOf<ContractPeriodDoc>(res)[0] ?? null;
}

/** Assessments of a month for other functions (the 目标管理考核 export): the current run, without lines. */
export async function currentAssessments(month: string): Promise<AssessmentDoc[]> {
  const head = await contractPeriod(month);
  if (!head) return [];
  const res = await db()
    .collection(COLLECTIONS.contractAssessments)
    .where({ runId: head.currentRunId })
    .field({ lines: false })
    .limit(1000)
    .get();
  return rowsOf<AssessmentDoc>(res);
}
