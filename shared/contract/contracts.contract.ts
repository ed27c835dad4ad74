/**
 * What crosses the wire for the `contracts` function, zod-free (dates as ISO strings).
 */
import type { AssessmentLine } from '../contracts/assessment';
import type { ContractFields, Grade, ServiceKind } from '../contracts/contract.schema';
import type { NoticeState } from '../contracts/notice';
import type { PaymentRule, PaymentStep } from '../contracts/payment.rules';
import type { SignoffEvent, SignoffRole, SignoffState } from '../contracts/signoff.machine';

type Clause = ContractFields['clauses'][number];
type Defaulted = 'gradeBands' | 'passScore' | 'zeroAfter' | 'lateFix';

/**
 * A contract's fields as the editor sends them: what the schema defaults (grade bands, pass score, the
 * three-times rule's count, the late-fix cost, a clause's deductions) may be left out.
 */
export type ContractFieldsInput = Omit<ContractFields, Defaulted | 'clauses'> &
  Partial<Pick<ContractFields, Defaulted>> & {
    clauses: Array<Omit<Clause, 'deductPoints' | 'deductYuan'> & Partial<Pick<Clause, 'deductPoints' | 'deductYuan'>>>;
  };

/** A contract as the editor receives it. */
export type ContractView = ContractFields & {
  _id: string;
  paymentRule: PaymentRule;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
};

export interface ContractListItem {
  _id: string;
  no: string;
  name: string;
  serviceKind: ServiceKind;
  contractor: string;
  supervisingUnit: string;
  startDate: string;
  endDate: string;
  monthlyFee: number;
  clauses: number;
  inForce: boolean;
}

export interface ContractRunView {
  runId: string;
  at: string;
  by: string;
  reason: string;
}

export interface AssessmentListReply {
  month: string;
  runId: string;
  runs: ContractRunView[];
  items: Array<{
    contractId: string;
    contractNo: string;
    contractName: string;
    contractor: string;
    score: number;
    grade: Grade;
    belowPass: boolean;
    belowPassTwice: boolean;
    payableFen: number;
    feeFen: number;
    signoff: SignoffState;
  }>;
}

export interface AssessmentView {
  _id: string;
  runId: string;
  month: string;
  contractId: string;
  contractNo: string;
  contractName: string;
  contractorUnitId: string;
  supervisingUnitId: string;
  supervisorScore: number;
  recipientScore: number | null;
  weights: { supervisor: number; recipient: number };
  score: number;
  grade: Grade;
  belowPass: boolean;
  belowPassTwice: boolean;
  payment: { feeFen: number; percent: number; yuanDeductionsFen: number; payableFen: number; steps: PaymentStep[] };
  lines: AssessmentLine[];
}

export interface AssessmentDetailReply {
  assessment: AssessmentView;
  runs: ContractRunView[];
  current: boolean;
  signoff: {
    state: SignoffState;
    history: Array<{ at: string; by: string; byName: string; role: SignoffRole; event: SignoffEvent; note?: string }>;
  };
  can: SignoffEvent[];
}

/** Where a notice stands: `fixedAt` is the verified rectification, if any. */
interface NoticeStanding {
  state: NoticeState;
  fixedAt: string | null;
}

export interface NoticeListItem extends NoticeStanding {
  _id: string;
  no: string;
  ticketId: string;
  ticketNo: string;
  note: string;
  issuedAt: string;
  dueAt: string;
}

/** One rectification notice (整改通知单) in full, as its page and its Word form show it. */
export interface NoticeView extends NoticeStanding {
  _id: string;
  no: string;
  ticketId: string;
  ticketNo: string;
  contractId: string;
  contractNo: string;
  contractName: string;
  contractor: string;
  supervisingUnit: string;
  zone: string;
  clause: string;
  problem: string;
  note: string;
  issuedAt: string;
  dueAt: string;
  issuedBy: string;
  lateFix: { points: number; yuan: number };
}

export interface ContractsContract {
  list: { input: Record<string, never>; reply: { items: ContractListItem[] } };
  get: { input: { contractId: string }; reply: ContractView };
  clauses: { input: { zoneId: string }; reply: { items: Array<{ contractId: string; contractNo: string; code: string; what: string }> } };
  save: {
    input: {
      contractId?: string;
      version?: number;
      fields: ContractFieldsInput;
      /**
       * A `PaymentRule` (`formula` and its parameters). The schema takes any object so that `parsePaymentRule`
       * can answer CONTRACT.PAYMENT_RULE_INVALID for a missing parameter; the contract says the same.
       */
      paymentRule: Record<string, unknown>;
    };
    reply: { contractId: string; version: number };
  };
  issueNotice: { input: { ticketId: string; dueAt?: string; note: string }; reply: { noticeId: string; no: string; dueAt: string } };
  notices: { input: { contractId: string }; reply: { contractNo: string; contractName: string; items: NoticeListItem[] } };
  notice: { input: { noticeId?: string; ticketId?: string }; reply: NoticeView };
  noticeDocx: { input: { noticeId: string }; reply: { fileID: string; url: string | null; fileName: string } };
  recordEvent: {
    input: { contractId: string; month: string; what: string; points: number; yuan: number; ticketIds?: string[] };
    reply: { eventId: string };
  };
  assess: { input: { month: string }; reply: { month: string; frozen: boolean; runId: string } };
  recompute: { input: { month: string; reason: string }; reply: { month: string; runId: string; previousRunId: string } };
  results: { input: { month: string }; reply: AssessmentListReply };
  assessment: { input: { month: string; contractId: string; runId?: string }; reply: AssessmentDetailReply };
  signoff: { input: { month: string; contractId: string; event: SignoffEvent; note?: string }; reply: { state: SignoffState } };
  sheet: { input: { month: string; contractId: string }; reply: { html: string } };
  sheetDocx: { input: { month: string; contractId: string }; reply: { fileID: string; url: string | null; fileName: string } };
  exportMonth: { input: { month: string }; reply: { month: string; runId: string; fileID: string; url: string | null } };
}
