import { z } from 'zod';
import { AssetEventRequest, AssetTag, RegisterAssetRequest } from '../../shared/assets';
import { FileId, Id, Text } from '../../shared/common';
import { Month } from '../../shared/periods';
import { now } from '../_lib/clock';
import { cloud } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { logger } from '../_lib/logger';
import { Cursor } from '../_lib/page';
import { check, close, dailyTimer, exceptions, monthResults, progress, scan, start } from './campaign.service';
import { exportChecklist, exportLedger, exportSurplusLoss, labels } from './export.service';
import { confirm, importPathOf, preview } from './import.service';
import { card, myUnits, recordEvent, registerAsset, unitAssets } from './ledger.service';
import { actOnTransfer, listTransfers, requestTransfer } from './transfer.service';

/** Everyone who works with assets (students and anonymous callers do not). */
const MEMBERS = ['staff', 'manager', 'inspector', 'leader', 'admin'] as const;
const MANAGERS = ['manager', 'admin'] as const;

/** Every action of the assets function: schema, role gate, handler. Finer checks (which unit) are in the services. */
export const ACTIONS = {
  myUnits: action({ input: z.strictObject({}), roles: MEMBERS, handler: ({ caller }) => myUnits(caller) }),
  register: action({
    input: RegisterAssetRequest,
    roles: MANAGERS,
    handler: ({ input, caller, now }) => registerAsset(input, caller, now),
  }),
  /** A lifecycle event; `accept` is the custodian's confirmation, open to any registered person the asset names. */
  event: action({ input: AssetEventRequest, roles: MEMBERS, handler: ({ input, caller, now }) => recordEvent(input, caller, now) }),
  card: action({
    input: z.union([z.strictObject({ assetId: Id }), z.strictObject({ tag: AssetTag })]),
    roles: MEMBERS,
    handler: ({ input, caller, now }) => card(caller, input, now),
  }),
  unitAssets: action({
    input: z.strictObject({ unitId: Id, cursor: Cursor.optional(), due: z.enum(['due', 'overdue']).optional() }),
    roles: MEMBERS,
    handler: ({ input, caller, now }) => unitAssets(caller, input, now),
  }),
  requestTransfer: action({
    input: z.strictObject({ assetId: Id, toUnitId: Id, note: Text(200).optional() }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => requestTransfer(input, caller, now),
  }),
  transfer: action({
    input: z.strictObject({
      transferId: Id,
      event: z.enum(['approve', 'reject', 'receive', 'cancel']),
      zoneId: Id.optional(),
      note: Text(200).optional(),
    }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => actOnTransfer(input, caller, now),
  }),
  transfers: action({
    input: z.strictObject({ state: z.enum(['requested', 'approved', 'received', 'rejected', 'cancelled']).optional() }),
    roles: MANAGERS,
    handler: ({ input, caller }) => listTransfers(caller, input),
  }),
  startCampaign: action({
    input: z.strictObject({ unitId: Id }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => start(input, caller, now),
  }),
  progress: action({
    input: z.strictObject({ unitId: Id, month: Month.optional() }),
    roles: MEMBERS,
    handler: ({ input, caller, now }) => progress(caller, input, now),
  }),
  scan: action({
    input: z.strictObject({
      campaignId: z.string().regex(/^cp-[A-Za-z0-9_-]{1,64}-\d{4}-\d{2}$/),
      tag: AssetTag,
      report: z.enum(['found', 'elsewhere', 'damaged']),
      photo: FileId.optional(),
      place: Text(60).optional(),
    }),
    roles: ['staff', 'manager', 'admin'],
    handler: ({ input, caller, now }) => scan(input, caller, now),
  }),
  closeCampaign: action({
    input: z.strictObject({ campaignId: z.string().regex(/^cp-[A-Za-z0-9_-]{1,64}-\d{4}-\d{2}$/) }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => close(input, caller, now),
  }),
  exceptions: action({
    input: z.strictObject({ campaignId: z.string().regex(/^cp-[A-Za-z0-9_-]{1,64}-\d{4}-\d{2}$/) }),
    roles: MEMBERS,
    handler: ({ input, caller }) => exceptions(caller, input),
  }),
  monthResults: action({
    input: z.strictObject({ month: Month }),
    roles: ['leader', 'admin', 'inspector'],
    handler: ({ input }) => monthResults(input),
  }),
  checkCampaign: action({
    input: z.strictObject({ campaignId: z.string().regex(/^cp-[A-Za-z0-9_-]{1,64}-\d{4}-\d{2}$/), repair: z.boolean().default(true) }),
    roles: ['admin'],
    handler: ({ input }) => check(input),
  }),
  /** Where to upload a sheet: a path naming the caller, so the preview can check the file is theirs. */
  importPath: action({
    input: z.strictObject({}),
    roles: ['admin'],
    handler: async ({ caller, now }) => ({ cloudPath: `${importPathOf(caller.openid)}${now.getTime()}.xlsx` }),
  }),
  importPreview: action({
    input: z.strictObject({ fileID: FileId }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => preview(input, caller, now),
  }),
  importConfirm: action({
    input: z.strictObject({ importId: Id }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => confirm(input, caller, now),
  }),
  exportLedger: action({
    input: z.strictObject({ unitId: Id }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => exportLedger(caller, input, now),
  }),
  exportChecklist: action({
    input: z.strictObject({ campaignId: z.string().regex(/^cp-[A-Za-z0-9_-]{1,64}-\d{4}-\d{2}$/) }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => exportChecklist(caller, input, now),
  }),
  exportSurplusLoss: action({
    input: z.strictObject({ campaignId: z.string().regex(/^cp-[A-Za-z0-9_-]{1,64}-\d{4}-\d{2}$/) }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => exportSurplusLoss(caller, input, now),
  }),
  labels: action({
    input: z.strictObject({ unitId: Id, tags: z.array(AssetTag).max(120).optional() }),
    roles: MANAGERS,
    handler: ({ input, caller, now }) => labels(caller, input, now),
  }),
} satisfies Record<string, AnyAction>;

export type AssetsAction = keyof typeof ACTIONS;

const handle = createHandler('assets', ACTIONS);

/** Stop starting new work this long before the 60 s function timeout. */
const BUDGET_MS = 50_000;

/**
 * Client actions through the action table; the hourly timer (config.json) finishes campaign closes that ran out
 * of time or died midway and, from 08:00 Shanghai, reminds managers of assets due for verification (at most once
 * per unit and day).
 */
export async function main(event: unknown, context?: unknown) {
  if (cloud.getWXContext().SOURCE !== 'wx_trigger') return handle(event, context);
  const started = Date.now();
  try {
    const stats = await dailyTimer(now(), started + BUDGET_MS);
    logger.info('asset reminders', { ...stats, ms: Date.now() - started });
    return { code: 0, data: stats };
  } catch (e) {
    logger.error('asset timer failed', { error: e });
    return { code: LIB_ERRORS.INTERNAL, message: 'internal error' };
  }
}
