import { z } from 'zod';
import { Id, Text } from '../../shared/common';
import {
  activeInMonth,
  CONTRACT_ERRORS,
  type Contract,
  ContractFields,
  checkSheet,
  covers,
  Month,
  parsePaymentRule,
} from '../../shared/contracts';
import { AppError } from '../../shared/errors';
import { shanghaiDate } from '../../shared/time/shanghai';
import type { CallerContext } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { allContracts } from '../_lib/contracts.repo';
import { allUnits, zonesByIds } from '../_lib/refdata';
import { nextSeq } from '../_lib/sequence';
import { findTicket, isDuplicateKey } from '../_lib/tickets.repo';
import { canSee, isOffice, managesSupervisor } from './access';

const contracts = () => db().collection(COLLECTIONS.contracts);

export const SaveRequest = z.strictObject({
  contractId: Id.optional(),
  /** The version the editor loaded (required when updating). */
  version: z.number().int().nonnegative().optional(),
  fields: ContractFields,
  /** Checked by `parsePaymentRule`, so a missing parameter gets CONTRACT.PAYMENT_RULE_INVALID. */
  paymentRule: z.record(z.string(), z.unknown()),
});

export async function getContract(id: string): Promise<Contract> {
  const res = await contracts().where({ _id: id }).limit(1).get();
  const c = rowsOf<Contract>(res)[0];
  if (!c) throw new AppError(CONTRACT_ERRORS.NOT_FOUND, 'no such contract');
  return c;
}

/** The contracts the caller may see, with the names the list shows. */
export async function listContracts(caller: CallerContext, now: Date) {
  const [all, units] = await Promise.all([allContracts(), allUnits()]);
  const names = new Map(units.map((u) => [u._id, u.name]));
  const visible = [];
  for (const c of all) if (await canSee(caller, c)) visible.push(c);
  const today = shanghaiDate(now);
  return {
    items: visible.map((c) => ({
      _id: c._id,
      no: c.no,
      name: c.name,
      serviceKind: c.serviceKind,
      contractor: names.get(c.contractorUnitId) ?? c.contractorUnitId,
      supervisingUnit: names.get(c.supervisingUnitId) ?? c.supervisingUnitId,
      startDate: c.startDate,
      endDate: c.endDate,
      monthlyFee: c.monthlyFee,
      clauses: c.clauses.length,
      inForce: c.startDate <= today && today <= c.endDate,
    })),
  };
}

export async function contractDetail(id: string, caller: CallerContext) {
  const c = await getContract(id);
  if (!(await canSee(caller, c))) throw new AppError(CONTRACT_ERRORS.NOT_FOUND, 'no such contract');
  return c;
}

/** Creates or updates a contract: payment rule, sheet and references checked before anything is written. */
export async function saveContract(input: z.output<typeof SaveRequest>, caller: CallerContext, now: Date) {
  const paymentRule = parsePaymentRule(input.paymentRule);
  const f = input.fields;
  checkSheet(f);
  const units = new Map((await allUnits()).map((u) => [u._id, u]));
  const zones = await zonesByIds(f.zoneIds);
  const bad = [
    ...(units.get(f.contractorUnitId)?.kind === 'contractor' ? [] : ['contractorUnitId']),
    ...(units.has(f.supervisingUnitId) ? [] : ['supervisingUnitId']),
    ...f.zoneIds.filter((z0) => !zones.has(z0)).map((z0) => `zoneIds.${z0}`),
  ];
  if (bad.length > 0) throw new AppError(CONTRACT_ERRORS.BAD_REFERENCE, 'unknown unit or zone', { fields: bad });
  const stamp = { updatedAt: now, updatedBy: caller.id };
  try {
    if (!input.contractId) {
      const doc: Contract = { _id: newId(now), ...f, paymentRule, version: 0, createdAt: now, ...stamp };
      await contracts().add({ data: doc });
      return { contractId: doc._id, version: 0 };
    }
    if (input.version === undefined) throw new AppError(CONTRACT_ERRORS.STALE, 'updating needs the version that was loaded');
    const res = await contracts()
      .where({ _id: input.contractId, version: input.version })
      // A mix left out now is removed (update merges, so a blank field would otherwise keep the old one).
      .update({
        data: { ...f, ...(f.recipientMix ? {} : { recipientMix: cmd().remove() }), paymentRule, version: input.version + 1, ...stamp },
      });
    if (updatedOf(res) === 0) {
      await getContract(input.contractId);
      throw new AppError(CONTRACT_ERRORS.STALE, 'the contract was changed by someone else');
    }
    return { contractId: input.contractId, version: input.version + 1 };
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError(CONTRACT_ERRORS.NO_TAKEN, `contract number ${f.no} is taken`);
    throw e;
  }
}

export const NoticeRequest = z.strictObject({
  ticketId: Id,
  /** The deadline the notice sets; defaults to the ticket's own deadline. */
  dueAt: z.iso.datetime().optional(),
  note: Text(300),
});

/**
 * A written rectification notice (整改通知单) on a finding that cites a clause: numbered, one per ticket
 * (unique), with the deadline it sets. A fix after that deadline costs the contract's late-fix points/yuan.
 */
export async function issueNotice(input: z.output<typeof NoticeRequest>, caller: CallerContext, now: Date) {
  const t = await findTicket(input.ticketId);
  if (!t?.contractId || t.kind !== 'problem' || t.state === 'cancelled') {
    throw new AppError(CONTRACT_ERRORS.NOTICE_TICKET_INVALID, 'not a finding on a contract');
  }
  const c = await getContract(t.contractId);
  if (!(caller.globalRoles.has('inspector') || managesSupervisor(caller, c) || (await isOffice(caller)))) {
    throw new AppError(CONTRACT_ERRORS.NOT_SIGNER, 'only inspectors, the supervising unit or the office issue notices');
  }
  const dueAt = input.dueAt ? new Date(input.dueAt) : (t.dueAt ?? new Date(now.getTime() + 86_400_000));
  if (input.dueAt && dueAt <= now) throw new AppError(CONTRACT_ERRORS.NOTICE_DUE_INVALID, 'the deadline must be after now');
  const existing = rowsOf(await db().collection(COLLECTIONS.contractNotices).where({ ticketId: t._id }).limit(1).get());
  if (existing.length > 0) throw new AppError(CONTRACT_ERRORS.NOTICE_EXISTS, 'this ticket already has a notice');
  const year = shanghaiDate(now).slice(0, 4);
  const no = `ZG-${year}-${String(await nextSeq(`notice-${year}`)).padStart(4, '0')}`;
  const doc = {
    _id: newId(now),
    no,
    ticketId: t._id,
    ticketNo: t.no,
    contractId: c._id,
    issuedAt: now,
    dueAt,
    issuedBy: caller.id,
    note: input.note,
  };
  try {
    await db().collection(COLLECTIONS.contractNotices).add({ data: doc });
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError(CONTRACT_ERRORS.NOTICE_EXISTS, 'this ticket already has a notice');
    throw e;
  }
  return { noticeId: doc._id, no, dueAt: dueAt.toISOString() };
}

export const EventRequest = z.strictObject({
  contractId: Id,
  month: Month,
  what: Text(100),
  points: z.number().min(-100).max(20),
  yuan: z.number().nonnegative().max(1_000_000),
  ticketIds: z.array(Id).max(20).default([]),
});

/** A special event of a contract month (e.g. a food-safety incident): points and/or yuan, before assessment. */
export async function recordEvent(input: z.output<typeof EventRequest>, caller: CallerContext, now: Date) {
  const c = await getContract(input.contractId);
  if (!(managesSupervisor(caller, c) || (await isOffice(caller)))) {
    throw new AppError(CONTRACT_ERRORS.NOT_SIGNER, 'only the supervising unit or the office records events');
  }
  const assessed = rowsOf(await db().collection(COLLECTIONS.contractPeriods).where({ _id: input.month }).limit(1).get()).length > 0;
  if (!activeInMonth(c, input.month) || assessed) {
    throw new AppError(CONTRACT_ERRORS.EVENT_MONTH_INVALID, 'month outside the term or already assessed');
  }
  const doc = { _id: newId(now), ...input, at: now, by: caller.id };
  await db().collection(COLLECTIONS.contractEvents).add({ data: doc });
  return { eventId: doc._id };
}

/** Findings a zone's inspector may cite: the clauses of contracts in force covering it. */
export async function clausesForZone(zoneId: string, now: Date) {
  const zone = (await zonesByIds([zoneId])).get(zoneId);
  if (!zone) throw new AppError(CONTRACT_ERRORS.BAD_REFERENCE, 'no such zone');
  const today = shanghaiDate(now);
  return {
    items: (await allContracts())
      .filter((c) => c.startDate <= today && today <= c.endDate && covers(c, zone))
      .flatMap((c) => c.clauses.map((k) => ({ contractId: c._id, contractNo: c.no, code: k.code, what: k.what }))),
  };
}
