import {
  type AssessedFinding,
  type AssessedNotice,
  type AssessmentResult,
  activeInMonth,
  assessContract,
  assessmentSheetHtml,
  CONTRACT_ERRORS,
  type Contract,
  covers,
  nextSignoff,
  type Satisfaction,
  type SheetHeader,
  type SignoffEvent,
  type SignoffRole,
  type SignoffState,
  verifiedFixAt,
} from '../../shared/contracts';
import { AppError } from '../../shared/errors';
import { previousPeriod, rangeOf } from '../../shared/periods';
import type { CallerContext } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { type AssessmentDoc, allContracts, type ContractPeriodDoc, type ContractRun, contractPeriod } from '../_lib/contracts.repo';
import { publishFile } from '../_lib/files';
import { logger } from '../_lib/logger';
import { allUnits, zonesByIds } from '../_lib/refdata';
import { scanAll } from '../_lib/scan';
import { contractTicketsCreatedIn, isDuplicateKey, type TicketDoc, ticketsByIds } from '../_lib/tickets.repo';
import { canSee, isOffice, managesSupervisor } from './access';
import { assessmentSheetDocx } from './sheet.docx';

export interface SignoffDoc {
  _id: string;
  runId: string;
  month: string;
  contractId: string;
  supervisingUnitId: string;
  state: SignoffState;
  history: Array<{ at: Date; by: string; byName: string; role: SignoffRole; event: SignoffEvent; note?: string }>;
}

const FINDING_FIELDS = {
  _id: true,
  no: true,
  zoneId: true,
  clauseCode: true,
  createdAt: true,
  kind: true,
  source: true,
  state: true,
  held: true,
};

/**
 * The recipients' satisfaction with a contract in a month, from the counted ratings themselves (`feedback`: one
 * per person, zone and day, whichever source set it last, so a QR rating and a survey answer by the same
 * person at the same zone that day count once): ratings on the zones the contract covers, plus the answers to
 * unit-wide surveys of the contractor. One aggregate over the `unitId + at` index of the units owning the
 * contract's zones and the contractor, grouped by unit, zone and source (a few dozen groups, whatever the
 * number of ratings).
 */
async function satisfactionOf(c: Contract, month: string): Promise<Satisfaction> {
  const { from, to } = rangeOf(month);
  const listed = await zonesByIds(c.zoneIds);
  const units = [...new Set([c.contractorUnitId, ...[...listed.values()].map((z) => z.unitId)])];
  const _ = cmd();
  const $ = db().command.aggregate;
  const res = (await db()
    .collection(COLLECTIONS.feedback)
    .aggregate()
    .match({ unitId: _.in(units), at: _.gte(from).and(_.lt(to)) })
    .group({ _id: { u: '$unitId', z: '$zoneId', s: '$source' }, n: $.sum(1), sum: $.sum('$rating') })
    .end()) as { list: Array<{ _id: { u: string; z?: string | null; s?: string | null }; n: number; sum: number }> };
  const zones = await zonesByIds(res.list.map((g) => g._id.z).filter((z): z is string => !!z));
  const out: Satisfaction = { n: 0, sum: 0, survey: { n: 0, sum: 0 } };
  for (const g of res.list) {
    const survey = g._id.s === 'survey';
    const zone = g._id.z ? zones.get(g._id.z) : undefined;
    const counted = zone ? covers(c, zone) : !g._id.z && survey && g._id.u === c.contractorUnitId;
    if (!counted) continue;
    out.n += g.n;
    out.sum += g.sum;
    if (survey && out.survey) {
      out.survey.n += g.n;
      out.survey.sum += g.sum;
    }
  }
  return out;
}

/** The inputs of one contract's month, read from tickets, notices, events, rollups and last month's result. */
async function computeOne(c: Contract, month: string, prevBelow: Map<string, boolean>): Promise<AssessmentResult> {
  const { from, to } = rangeOf(month);
  const _ = cmd();
  const [tickets, notices, events, satisfaction] = await Promise.all([
    contractTicketsCreatedIn<TicketDoc>(c._id, from, to, FINDING_FIELDS),
    scanAll<{ _id: string; no: string; ticketId: string; ticketNo: string; dueAt: Date }>(
      COLLECTIONS.contractNotices,
      { contractId: c._id, dueAt: _.gte(from).and(_.lt(to)) },
      'dueAt',
    ),
    rowsOf<{ _id: string; what: string; points: number; yuan: number; ticketIds: string[] }>(
      await db().collection(COLLECTIONS.contractEvents).where({ contractId: c._id, month }).limit(1000).get(),
    ),
    satisfactionOf(c, month),
  ]);
  // Confirmed findings only: cancelled (invalid, duplicate) and held ones are not the contractor's.
  const findings: AssessedFinding[] = tickets
    .filter((t) => t.source === 'finding' && t.kind === 'problem' && t.state !== 'cancelled' && !t.held && t.clauseCode)
    .map((t) => ({ _id: t._id, no: t.no, zoneId: t.zoneId, clauseCode: t.clauseCode as string, createdAt: t.createdAt }));
  const noticed = [
    ...(
      await ticketsByIds<TicketDoc>(
        notices.map((n) => n.ticketId),
        { _id: true, state: true, rectification: true, history: true },
      )
    ).values(),
  ];
  const fixedAt = new Map(noticed.map((t) => [t._id, verifiedFixAt(t.history)] as const));
  const assessedNotices: AssessedNotice[] = notices.map((n) => ({ ...n, rectifiedAt: fixedAt.get(n.ticketId) ?? null }));
  return assessContract({
    contract: c,
    month,
    findings,
    notices: assessedNotices,
    events,
    satisfaction,
    previousBelowPass: prevBelow.has(c._id) ? (prevBelow.get(c._id) as boolean) : null,
  });
}

/** Last month's below-pass flags by contract (from its current run), for the "two months running" flag. */
async function previousFlags(month: string): Promise<Map<string, boolean>> {
  const head = await contractPeriod(previousPeriod(month));
  if (!head) return new Map();
  const res = await db()
    .collection(COLLECTIONS.contractAssessments)
    .where({ runId: head.currentRunId })
    .field({ contractId: true, belowPass: true })
    .limit(1000)
    .get();
  return new Map(rowsOf<{ contractId: string; belowPass: boolean }>(res).map((a) => [a.contractId, a.belowPass]));
}

/** Writes a run: one immutable assessment and one pending sign-off per contract active in the month. */
async function writeRun(month: string, by: string, reason: string, now: Date): Promise<ContractRun> {
  const [contracts, prev] = await Promise.all([allContracts(), previousFlags(month)]);
  const runId = newId(now);
  const docs: AssessmentDoc[] = [];
  for (const c of contracts.filter((x) => activeInMonth(x, month))) {
    const r = await computeOne(c, month, prev);
    docs.push({
      ...r,
      _id: `${runId}-${c._id}`,
      runId,
      contractNo: c.no,
      contractName: c.name,
      contractorUnitId: c.contractorUnitId,
      supervisingUnitId: c.supervisingUnitId,
    });
  }
  const signoffs: SignoffDoc[] = docs.map((d) => ({
    _id: d._id,
    runId,
    month,
    contractId: d.contractId,
    supervisingUnitId: d.supervisingUnitId,
    state: 'pending',
    history: [],
  }));
  for (let i = 0; i < docs.length; i += 100) {
    await db()
      .collection(COLLECTIONS.contractAssessments)
      .add({ data: docs.slice(i, i + 100) as never });
    await db()
      .collection(COLLECTIONS.contractSignoffs)
      .add({ data: signoffs.slice(i, i + 100) as never });
  }
  return { runId, at: now, by, reason };
}

const assertEnded = (month: string, now: Date) => {
  if (now < rangeOf(month).to) throw new AppError(CONTRACT_ERRORS.MONTH_NOT_ENDED, `${month} has not ended yet`, { month });
};

/**
 * Freezes a month's assessments. The run becomes the month's result by creating the month's header (unique
 * `_id`): of two concurrent freezes one wins and the other's documents stay unreferenced. `strict` (an
 * admin's request) refuses a month already assessed; the timer just reports it.
 */
export async function freezeMonth(month: string, now: Date, by = 'system', strict = false) {
  assertEnded(month, now);
  const existing = await contractPeriod(month);
  if (existing) {
    if (strict) throw new AppError(CONTRACT_ERRORS.ALREADY_ASSESSED, `${month} is already assessed`);
    return { month, frozen: false, runId: existing.currentRunId };
  }
  const run = await writeRun(month, by, by === 'system' ? 'monthly freeze' : 'assessed by admin', now);
  try {
    const head: ContractPeriodDoc = { _id: month, month, currentRunId: run.runId, runs: [run] };
    await db().collection(COLLECTIONS.contractPeriods).add({ data: head });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const winner = (await contractPeriod(month)) as ContractPeriodDoc;
    logger.info('contract month frozen concurrently; this run is unused', { month, runId: run.runId });
    if (strict) throw new AppError(CONTRACT_ERRORS.ALREADY_ASSESSED, `${month} is already assessed`);
    return { month, frozen: false, runId: winner.currentRunId };
  }
  return { month, frozen: true, runId: run.runId };
}

/** An admin's recompute with who and why; current only if nobody recomputed meanwhile. */
export async function recompute(month: string, reason: string, caller: CallerContext, now: Date) {
  const head = await contractPeriod(month);
  if (!head) throw new AppError(CONTRACT_ERRORS.NOT_ASSESSED, `${month} has not been assessed`);
  const run = await writeRun(month, caller.id, reason, now);
  const _ = cmd();
  const res = await db()
    .collection(COLLECTIONS.contractPeriods)
    .where({ _id: month, currentRunId: head.currentRunId })
    .update({ data: { currentRunId: run.runId, runs: _.push([run]) } });
  if (updatedOf(res) === 0) throw new AppError(CONTRACT_ERRORS.ASSESSMENT_STALE, 'another recompute finished first');
  return { month, runId: run.runId, previousRunId: head.currentRunId };
}

export async function currentRunOf(month: string, runId?: string) {
  const head = await contractPeriod(month);
  if (!head) throw new AppError(CONTRACT_ERRORS.NOT_ASSESSED, `${month} has not been assessed`);
  const id = runId ?? head.currentRunId;
  if (!head.runs.some((r) => r.runId === id)) throw new AppError(CONTRACT_ERRORS.NOT_ASSESSED, 'no such run');
  return { head, runId: id };
}

/** A month's assessments the caller may see, without lines (the list), with their sign-off state. */
export async function monthResults(month: string, caller: CallerContext) {
  const { head, runId } = await currentRunOf(month);
  const [docs, signs, units] = await Promise.all([
    db().collection(COLLECTIONS.contractAssessments).where({ runId }).field({ lines: false }).limit(1000).get(),
    db().collection(COLLECTIONS.contractSignoffs).where({ runId }).field({ _id: true, state: true }).limit(1000).get(),
    allUnits(),
  ]);
  const names = new Map(units.map((u) => [u._id, u.name]));
  const state = new Map(rowsOf<{ _id: string; state: SignoffState }>(signs).map((s) => [s._id, s.state]));
  const items = [];
  for (const a of rowsOf<AssessmentDoc>(docs)) {
    if (!(await canSee(caller, a))) continue;
    items.push({
      contractId: a.contractId,
      contractNo: a.contractNo,
      contractName: a.contractName,
      contractor: names.get(a.contractorUnitId) ?? a.contractorUnitId,
      score: a.score,
      grade: a.grade,
      belowPass: a.belowPass,
      belowPassTwice: a.belowPassTwice,
      payableFen: a.payment.payableFen,
      feeFen: a.payment.feeFen,
      signoff: state.get(a._id) ?? 'pending',
    });
  }
  items.sort((a, b) => (a.contractNo < b.contractNo ? -1 : 1));
  return { month, runId, runs: head.runs, items };
}

async function loadOne(month: string, contractId: string, caller: CallerContext, runId?: string) {
  const run = await currentRunOf(month, runId);
  const id = `${run.runId}-${contractId}`;
  const [a, s] = await Promise.all([
    db().collection(COLLECTIONS.contractAssessments).where({ _id: id }).limit(1).get(),
    db().collection(COLLECTIONS.contractSignoffs).where({ _id: id }).limit(1).get(),
  ]);
  const doc = rowsOf<AssessmentDoc>(a)[0];
  if (!doc || !(await canSee(caller, doc))) throw new AppError(CONTRACT_ERRORS.NOT_FOUND, 'no assessment for this contract');
  return { ...run, doc, signoff: rowsOf<SignoffDoc>(s)[0] };
}

/** The roles the caller holds on a contract's sign-off. */
async function signoffRoles(caller: CallerContext, doc: Pick<AssessmentDoc, 'supervisingUnitId'>): Promise<SignoffRole[]> {
  const roles: SignoffRole[] = [];
  if (managesSupervisor(caller, doc)) roles.push('supervisingUnit');
  if (await isOffice(caller)) roles.push('office');
  return roles;
}

/** One contract's assessment with every line, its sign-off and what the caller may do next. */
export async function assessmentDetail(month: string, contractId: string, caller: CallerContext, runId?: string) {
  const { head, runId: id, doc, signoff } = await loadOne(month, contractId, caller, runId);
  const roles = await signoffRoles(caller, doc);
  const state = signoff?.state ?? 'pending';
  const can = (['sign', 'approve', 'return'] as const).filter((e) => {
    try {
      nextSignoff(state, e, roles);
      return true;
    } catch {
      return false;
    }
  });
  return { assessment: doc, runs: head.runs, current: id === head.currentRunId, signoff: { state, history: signoff?.history ?? [] }, can };
}

/** A sign-off step on the current run: conditional on the state read, so two signers never both succeed. */
export async function signoff(
  month: string,
  contractId: string,
  event: SignoffEvent,
  note: string | undefined,
  caller: CallerContext,
  now: Date,
) {
  const { doc, signoff: s, runId, head } = await loadOne(month, contractId, caller);
  if (runId !== head.currentRunId || !s) throw new AppError(CONTRACT_ERRORS.ASSESSMENT_STALE, 'sign the current run');
  const { to, role } = nextSignoff(s.state, event, await signoffRoles(caller, doc));
  const _ = cmd();
  const entry = { at: now, by: caller.id, byName: caller.name ?? '', role, event, ...(note ? { note } : {}) };
  const res = await db()
    .collection(COLLECTIONS.contractSignoffs)
    .where({ _id: s._id, state: s.state })
    .update({ data: { state: to, history: _.push([entry]) } });
  if (updatedOf(res) === 0) throw new AppError(CONTRACT_ERRORS.INVALID_SIGNOFF, 'the sign-off changed meanwhile');
  return { state: to };
}

async function sheetOf(month: string, contractId: string, caller: CallerContext) {
  const { doc, signoff: s, runId } = await loadOne(month, contractId, caller);
  const names = new Map((await allUnits()).map((u) => [u._id, u.name]));
  const header: SheetHeader = {
    contractNo: doc.contractNo,
    contractName: doc.contractName,
    contractor: names.get(doc.contractorUnitId) ?? '',
    supervisingUnit: names.get(doc.supervisingUnitId) ?? '',
    runId,
    signoff: { state: s?.state ?? 'pending', history: s?.history ?? [] },
  };
  return { doc, header };
}

/** The printable sheet (HTML) of one contract's month. */
export async function sheet(month: string, contractId: string, caller: CallerContext) {
  const { doc, header } = await sheetOf(month, contractId, caller);
  return { html: assessmentSheetHtml(doc, header) };
}

/** The same sheet as a Word document to print and sign (the poster/briefing pattern: published, opened in WeChat). */
export async function sheetWord(month: string, contractId: string, caller: CallerContext, now: Date) {
  const { doc, header } = await sheetOf(month, contractId, caller);
  const file = await publishFile(`contracts/${doc.contractNo}-${month}-${now.getTime()}.docx`, await assessmentSheetDocx(doc, header));
  return { fileID: file.fileID, url: file.url, fileName: `${doc.contractName}${month}月度考核表.docx` };
}
