import { z } from 'zod';
import { FileId, Id, Text } from '../common/ids.schema';
import { ASSET_TAG_RE } from '../contract/constants';

export { ASSET_EVENT_LABELS, ASSET_STATUS_LABELS } from './asset.labels';

/**
 * A GB/T 14885-2022 (固定资产等资产基础分类与代码) code. The 2022 edition replaced the 2010 edition's 7-digit
 * numeric codes: its seven 门类 are letters (A 房屋和构筑物, B 设备, C 文物和陈列品, D 图书和档案, E 家具和用具,
 * F 特种动植物, G 物资) followed by two digits per level (大类, 中类, 小类, 细类), e.g. `A010000` in its table of
 * contents. We accept a letter A–G and 6 or 8 digits, and always store the code together with its name.
 */
export const GbCategoryCode = z.string().regex(/^[A-G](\d{2}){3,4}$/, 'expected a GB/T 14885-2022 code such as B020000');
export type GbCategoryCode = z.infer<typeof GbCategoryCode>;

/** A configured asset category: code, name, straight-line life in years, verification interval in months. */
export const AssetCategory = z.strictObject({
  code: GbCategoryCode,
  name: Text(40),
  /** Straight-line depreciation life; 0 means not depreciated (land, cultural relics). */
  lifeYears: z.number().int().min(0).max(100),
  /** How often an asset of this category must be verified in place; monthly by default. */
  verifyEveryMonths: z.number().int().min(1).max(60).default(1),
});
export type AssetCategory = z.infer<typeof AssetCategory>;

/**
 * Categories a new installation starts with: the 门类/大类 a university logistics group holds most. Codes follow
 * the 2022 format; an admin replaces or extends them with the official table (collection `assetCategories`).
 */
export const DEFAULT_ASSET_CATEGORIES: readonly AssetCategory[] = [
  { code: 'A010000', name: '房屋', lifeYears: 50, verifyEveryMonths: 12 },
  { code: 'A020000', name: '构筑物', lifeYears: 30, verifyEveryMonths: 12 },
  { code: 'B010000', name: '信息化设备', lifeYears: 6, verifyEveryMonths: 1 },
  { code: 'B020000', name: '办公设备', lifeYears: 6, verifyEveryMonths: 1 },
  { code: 'B030000', name: '车辆', lifeYears: 8, verifyEveryMonths: 1 },
  { code: 'B090000', name: '电气设备', lifeYears: 10, verifyEveryMonths: 3 },
  { code: 'B130000', name: '炊事设备', lifeYears: 10, verifyEveryMonths: 1 },
  { code: 'E010000', name: '家具', lifeYears: 15, verifyEveryMonths: 3 },
  { code: 'E020000', name: '用具、装具', lifeYears: 5, verifyEveryMonths: 3 },
];

/** An asset tag as printed on its QR label: letters, digits and hyphens (it is also the label's scene, ≤ 32). */
export const AssetTag = z.string().trim().regex(ASSET_TAG_RE, 'a tag is 2–30 letters, digits or hyphens');
export type AssetTag = z.infer<typeof AssetTag>;

/** The stored id of the asset carrying `tag` (ids derive from tags, so a re-import updates by tag). */
export const assetIdOf = (tag: string): string => `as-${tag.toUpperCase()}`;

export const AssetStatus = z.enum(['in_use', 'idle', 'under_repair', 'lent', 'transferring', 'awaiting_disposal', 'disposed', 'lost']);
export type AssetStatus = z.infer<typeof AssetStatus>;

/** Statuses of an asset the unit still holds on its books (a campaign expects to find these). */
export const HELD_STATUSES: readonly AssetStatus[] = ['in_use', 'idle', 'under_repair', 'lent', 'transferring', 'awaiting_disposal'];

/** Yuan with at most two decimals, below a billion. */
export const Money = z.number().min(0).max(1e9).multipleOf(0.01);

/** The asset document. Instants are `Date`; `value` is the original value (原值) in yuan. */
export interface Asset {
  _id: string;
  tag: string;
  categoryCode: string;
  categoryName: string;
  name: string;
  model: string;
  serial: string;
  value: number;
  purchasedAt: Date | null;
  inServiceAt: Date | null;
  supplier: string;
  unitId: string;
  zoneId: string;
  /** The manager responsible (分管人, 谁分管谁负责). */
  managerId: string | null;
  /** The custodian (使用人) and whether they confirmed receipt in WeChat. */
  custodianId: string | null;
  custodianAcceptedAt: Date | null;
  status: AssetStatus;
  lifeYears: number;
  verifyEveryMonths: number;
  lastVerifiedAt: Date | null;
  /** When the next verification is due; a never-verified asset is due from its registration (at once). */
  nextVerifyAt: Date;
  /** An open transfer, if any. */
  transferId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const AssetEventKind = z.enum([
  'acquired',
  'assigned',
  'accepted',
  'moved',
  'transferRequested',
  'transferApproved',
  'transferRejected',
  'transferred',
  'lent',
  'returned',
  'maintained',
  'repaired',
  'damaged',
  'disposalRequested',
  'disposed',
  'verified',
  'lost',
  'updated',
]);
export type AssetEventKind = z.infer<typeof AssetEventKind>;

/** One immutable event in an asset's life (collection `assetEvents`, insert only). */
export interface AssetEvent {
  _id: string;
  assetId: string;
  kind: AssetEventKind;
  at: Date;
  actorId: string;
  from: AssetStatus | null;
  to: AssetStatus;
  /** What the event carries: cost and ticket, liable person, disposal method and proceeds, places, units. */
  data: Record<string, string | number | boolean | null>;
}

// ---- requests -----------------------------------------------------------------------------------------

const Note = Text(200).optional();

/** Register one asset by hand (imports use the row schema in asset.import.ts). */
export const RegisterAssetRequest = z.strictObject({
  tag: AssetTag,
  categoryCode: GbCategoryCode,
  name: Text(60),
  model: z.string().trim().max(60).default(''),
  serial: z.string().trim().max(60).default(''),
  value: Money,
  purchasedAt: z.iso.date().optional(),
  inServiceAt: z.iso.date().optional(),
  supplier: z.string().trim().max(60).default(''),
  unitId: Id,
  zoneId: Id,
  managerId: Id.optional(),
  custodianId: Id.optional(),
});
export type RegisterAssetRequest = z.output<typeof RegisterAssetRequest>;

/** The events a manager records on an asset (transfers and verification have their own requests). */
export const AssetEventRequest = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('assign'), assetId: Id, custodianId: Id, note: Note }),
  z.strictObject({ event: z.literal('accept'), assetId: Id }),
  z.strictObject({ event: z.literal('move'), assetId: Id, zoneId: Id, note: Note }),
  z.strictObject({ event: z.literal('lend'), assetId: Id, borrower: Text(40), dueBack: z.iso.date().optional(), note: Note }),
  z.strictObject({ event: z.literal('return'), assetId: Id, note: Note }),
  z.strictObject({
    event: z.literal('maintain'),
    assetId: Id,
    cost: Money,
    ticketId: Id.optional(),
    vendor: Text(60).optional(),
    note: Note,
  }),
  z.strictObject({ event: z.literal('repair'), assetId: Id, cost: Money.default(0), note: Note }),
  z.strictObject({
    event: z.literal('damage'),
    assetId: Id,
    liablePersonId: Id.optional(),
    liableName: Text(40).optional(),
    photo: FileId.optional(),
    note: Text(200),
  }),
  z.strictObject({ event: z.literal('requestDisposal'), assetId: Id, note: Text(200) }),
  z.strictObject({
    event: z.literal('dispose'),
    assetId: Id,
    method: z.enum(['sale', 'transfer_out', 'donation', 'scrap', 'write_off']),
    approvalNo: Text(60),
    proceeds: Money.default(0),
    note: Note,
  }),
]);
export type AssetEventRequest = z.output<typeof AssetEventRequest>;
export type AssetEventName = AssetEventRequest['event'];

export const DISPOSAL_METHOD_LABELS = {
  sale: '出售',
  transfer_out: '无偿调出',
  donation: '对外捐赠',
  scrap: '报废',
  write_off: '报损核销',
} as const;
