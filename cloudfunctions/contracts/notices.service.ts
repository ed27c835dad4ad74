import { CONTRACT_ERRORS, type Contract, type NoticeState, noticeState, verifiedFixAt } from '../../shared/contracts';
import { AppError } from '../../shared/errors';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { publishFile } from '../_lib/files';
import { allUnits, namesOf, zonesByIds } from '../_lib/refdata';
import { type TicketDoc, ticketsByIds } from '../_lib/tickets.repo';
import { canSee } from './access';
import { getContract } from './contracts.service';
import { noticeDocx } from './notice.docx';

/** A stored rectification notice (整改通知单), written once by `issueNotice`. */
export interface NoticeDoc {
  _id: string;
  no: string;
  ticketId: string;
  ticketNo: string;
  contractId: string;
  issuedAt: Date;
  dueAt: Date;
  issuedBy: string;
  note: string;
}

/** Notices listed per contract, newest deadline first. */
export const NOTICE_PAGE = 50;

type NoticeTicket = Pick<TicketDoc, '_id' | 'state' | 'history' | 'zoneId' | 'description' | 'clauseCode' | 'assigneeId'>;

const ticketsOf = (ids: string[]): Promise<Map<string, NoticeTicket>> =>
  ticketsByIds<NoticeTicket>(ids, {
    _id: true,
    state: true,
    history: true,
    zoneId: true,
    description: true,
    clauseCode: true,
    assigneeId: true,
  });

function stateOf(n: NoticeDoc, t: NoticeTicket | undefined, now: Date): { state: NoticeState; fixedAt: string | null } {
  const fixed = t ? verifiedFixAt(t.history) : null;
  return { state: noticeState(n.dueAt, fixed, now), fixedAt: fixed ? fixed.toISOString() : null };
}

async function visibleContract(contractId: string, caller: CallerContext): Promise<Contract> {
  const c = await getContract(contractId);
  if (!(await canSee(caller, c))) throw new AppError(CONTRACT_ERRORS.NOT_FOUND, 'no such contract');
  return c;
}

/** A contract's notices with where each stands: the supervising unit, the office and the contractor's managers read them. */
export async function listNotices(contractId: string, caller: CallerContext, now: Date) {
  const c = await visibleContract(contractId, caller);
  const res = await db().collection(COLLECTIONS.contractNotices).where({ contractId }).orderBy('dueAt', 'desc').limit(NOTICE_PAGE).get();
  const notices = rowsOf<NoticeDoc>(res);
  const tickets = await ticketsOf(notices.map((n) => n.ticketId));
  return {
    contractNo: c.no,
    contractName: c.name,
    items: notices.map((n) => ({
      _id: n._id,
      no: n.no,
      ticketId: n.ticketId,
      ticketNo: n.ticketNo,
      note: n.note,
      issuedAt: n.issuedAt.toISOString(),
      dueAt: n.dueAt.toISOString(),
      ...stateOf(n, tickets.get(n.ticketId), now),
    })),
  };
}

async function loadNotice(where: { _id: string } | { ticketId: string }, caller: CallerContext, now: Date) {
  const n = rowsOf<NoticeDoc>(await db().collection(COLLECTIONS.contractNotices).where(where).limit(1).get())[0];
  if (!n) throw new AppError(CONTRACT_ERRORS.NOTICE_NOT_FOUND, 'no such notice');
  const [c, tickets, units, people] = await Promise.all([
    getContract(n.contractId),
    ticketsOf([n.ticketId]),
    allUnits(),
    namesOf(COLLECTIONS.people, [n.issuedBy]),
  ]);
  const t = tickets.get(n.ticketId);
  // The contractor's staff member holding the ticket reads the notice on it, besides those who see the contract.
  // Someone who may not read it is told so (not "no notice"), so the page does not offer to issue another.
  if (!(t?.assigneeId === caller.id || (await canSee(caller, c)))) throw new AppError(LIB_ERRORS.FORBIDDEN, 'not a reader of this notice');
  const zone = t ? (await zonesByIds([t.zoneId])).get(t.zoneId) : undefined;
  const unitName = new Map(units.map((u) => [u._id, u.name]));
  const clause = c.clauses.find((k) => k.code === t?.clauseCode);
  return {
    _id: n._id,
    no: n.no,
    ticketId: n.ticketId,
    ticketNo: n.ticketNo,
    contractId: c._id,
    contractNo: c.no,
    contractName: c.name,
    contractor: unitName.get(c.contractorUnitId) ?? '',
    supervisingUnit: unitName.get(c.supervisingUnitId) ?? '',
    zone: zone?.name ?? '',
    clause: clause ? `${clause.code} ${clause.what}` : (t?.clauseCode ?? ''),
    problem: t?.description ?? '',
    note: n.note,
    issuedAt: n.issuedAt.toISOString(),
    dueAt: n.dueAt.toISOString(),
    issuedBy: people.get(n.issuedBy) ?? '',
    lateFix: { points: c.lateFix.points, yuan: c.lateFix.yuan },
    ...stateOf(n, t, now),
  };
}

/** One notice in full (by its id, or by its ticket's), for its page and its printed form. */
export const noticeDetail = (ref: { noticeId?: string; ticketId?: string }, caller: CallerContext, now: Date) =>
  loadNotice(ref.noticeId ? { _id: ref.noticeId } : { ticketId: ref.ticketId as string }, caller, now);

export type NoticeDetail = Awaited<ReturnType<typeof loadNotice>>;

/** The notice as a Word document the supervising unit prints, signs and hands over. */
export async function noticeWord(noticeId: string, caller: CallerContext, now: Date) {
  const n = await loadNotice({ _id: noticeId }, caller, now);
  const file = await publishFile(`notices/${n.no}-${now.getTime()}.docx`, await noticeDocx(n));
  return { fileID: file.fileID, url: file.url, fileName: `整改通知单${n.no}.docx` };
}
