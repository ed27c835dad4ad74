/**
 * The contract editor's form as strings (what inputs hold) and its conversion to the `contracts.save` request;
 * number fields that do not parse are named so the page can mark them. The server checks everything again.
 */
import type { ContractsContract, ContractView } from '../../../../shared/contract/contracts.contract';
import type { ServiceKind } from '../../../../shared/contracts/contract.schema';
import type { PaymentFormula } from '../../../../shared/contracts/payment.rules';
import { PAYMENT_FIELDS } from '../labels';

export type ClauseForm = { code: string; what: string; how: string; points: string; deductPoints: string; deductYuan: string };
export interface ContractForm {
  no: string;
  name: string;
  contractorUnitId: string;
  serviceKind: ServiceKind;
  supervisingUnitId: string;
  zoneIds: string[];
  startDate: string;
  endDate: string;
  monthlyFee: string;
  supervisorWeight: string;
  /** The surveys' share of the recipient score in percent; empty: QR ratings and survey answers weigh the same. */
  surveyShare: string;
  passScore: string;
  clauses: ClauseForm[];
  formula: PaymentFormula;
  params: Record<string, string>;
}

export const emptyClause = (): ClauseForm => ({ code: '', what: '', how: '', points: '', deductPoints: '', deductYuan: '' });

export const emptyForm = (): ContractForm => ({
  no: '',
  name: '',
  contractorUnitId: '',
  serviceKind: 'property',
  supervisingUnitId: '',
  zoneIds: [],
  startDate: '',
  endDate: '',
  monthlyFee: '',
  supervisorWeight: '80',
  surveyShare: '',
  passScore: '70',
  clauses: [emptyClause()],
  formula: 'fullAboveThreshold',
  params: { threshold: '85', basePercent: '15' },
});

const s = (n: number | undefined) => (n === undefined ? '' : String(n));

export function formOf(c: ContractView): ContractForm {
  const { formula, ...rest } = c.paymentRule as unknown as { formula: PaymentFormula; [k: string]: number | string };
  return {
    no: c.no,
    name: c.name,
    contractorUnitId: c.contractorUnitId,
    serviceKind: c.serviceKind,
    supervisingUnitId: c.supervisingUnitId,
    zoneIds: [...c.zoneIds],
    startDate: c.startDate,
    endDate: c.endDate,
    monthlyFee: s(c.monthlyFee),
    supervisorWeight: s(c.weights.supervisor),
    surveyShare: s(c.recipientMix?.surveys),
    passScore: s(c.passScore),
    clauses: c.clauses.map((k) => ({
      code: k.code,
      what: k.what,
      how: k.how,
      points: s(k.points),
      deductPoints: s(k.deductPoints),
      deductYuan: s(k.deductYuan),
    })),
    formula,
    params: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])),
  };
}

const num = (v: string): number | null => (v.trim() === '' || Number.isNaN(Number(v)) ? null : Number(v));

/** The save request, or the form fields that are missing or not numbers (`clauses.0.points`, `params.threshold`). */
export function requestOf(f: ContractForm): { request: ContractsContract['save']['input'] | null; bad: string[] } {
  const bad: string[] = [];
  const need = (key: string, v: string) => {
    const n = num(v);
    if (n === null) bad.push(key);
    return n ?? 0;
  };
  for (const [k, v] of [
    ['no', f.no],
    ['name', f.name],
    ['contractorUnitId', f.contractorUnitId],
    ['supervisingUnitId', f.supervisingUnitId],
    ['startDate', f.startDate],
    ['endDate', f.endDate],
  ] as const) {
    if (!v.trim()) bad.push(k);
  }
  if (f.zoneIds.length === 0) bad.push('zoneIds');
  const fee = need('monthlyFee', f.monthlyFee);
  const sup = need('supervisorWeight', f.supervisorWeight);
  const pass = need('passScore', f.passScore);
  const share = f.surveyShare.trim() === '' ? null : need('surveyShare', f.surveyShare);
  const clauses = f.clauses.map((c, i) => {
    for (const k of ['code', 'what', 'how'] as const) if (!c[k].trim()) bad.push(`clauses.${i}.${k}`);
    return {
      code: c.code.trim(),
      what: c.what.trim(),
      how: c.how.trim(),
      points: need(`clauses.${i}.points`, c.points),
      deductPoints: num(c.deductPoints) ?? 0,
      deductYuan: num(c.deductYuan) ?? 0,
    };
  });
  // Missing payment parameters are left out, so the server names them (CONTRACT.PAYMENT_RULE_INVALID).
  const params: Record<string, number> = {};
  for (const p of PAYMENT_FIELDS[f.formula]) {
    const n = num(f.params[p.key] ?? '');
    if (n !== null) params[p.key] = n;
  }
  if (bad.length > 0) return { request: null, bad };
  return {
    bad,
    request: {
      fields: {
        no: f.no.trim(),
        name: f.name.trim(),
        contractorUnitId: f.contractorUnitId,
        serviceKind: f.serviceKind,
        supervisingUnitId: f.supervisingUnitId,
        zoneIds: f.zoneIds,
        startDate: f.startDate,
        endDate: f.endDate,
        monthlyFee: fee,
        clauses,
        weights: { supervisor: sup, recipient: 100 - sup },
        ...(share === null ? {} : { recipientMix: { ratings: 100 - share, surveys: share } }),
        passScore: pass,
      },
      paymentRule: { formula: f.formula, ...params },
    },
  };
}
