/**
 * What crosses the wire for the `assets` cloud function: every action's payload and reply, zod-free, with
 * instants as ISO strings (as they travel).
 */
import type {
  Asset,
  AssetEvent,
  AssetEventRequest,
  AssetStatus,
  CampaignResults,
  CampaignState,
  ReportedRowError,
  ScanOutcome,
  ScanReport,
  TransferEvent,
  TransferState,
} from '../assets';

/** A type as it arrives over callFunction: `Date` becomes an ISO string, recursively. */
export type Wire<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type AssetWire = Wire<Asset>;
export type AssetEventWire = Wire<AssetEvent>;
export type AssetListRow = Wire<
  Pick<Asset, '_id' | 'tag' | 'name' | 'categoryName' | 'status' | 'value' | 'zoneId' | 'custodianId' | 'lastVerifiedAt' | 'nextVerifyAt'>
> & { dueState: 'ok' | 'due' | 'overdue' };
export type CampaignId = string;

export interface TransferRow {
  _id: string;
  assetId: string;
  tag: string;
  name: string;
  fromUnitId: string;
  toUnitId: string;
  state: TransferState;
  /** The asset's status before the transfer, restored if it is cancelled. */
  prevStatus: AssetStatus;
  note: string;
  createdAt: string;
  updatedAt: string;
  mayApprove: boolean;
  mayReceive: boolean;
  mayCancel: boolean;
}

export interface ScanRow {
  _id: string;
  tag: string;
  name: string | null;
  outcome: ScanOutcome;
  value: number;
  place: string | null;
  ownerUnitId: string | null;
  assetId: string | null;
  at: string;
}

type FileReply = { fileID: string; url: string | null; bytes: number; rows: number };

export interface AssetsContract {
  myUnits: { input: Record<string, never>; reply: { items: Array<{ _id: string; name: string; manages: boolean }> } };
  register: {
    input: {
      tag: string;
      categoryCode: string;
      name: string;
      model?: string;
      serial?: string;
      value: number;
      purchasedAt?: string;
      inServiceAt?: string;
      supplier?: string;
      unitId: string;
      zoneId: string;
      managerId?: string;
      custodianId?: string;
    };
    reply: { assetId: string; tag: string; status: AssetStatus };
  };
  event: { input: AssetEventRequest; reply: { assetId: string; status: AssetStatus; eventId: string } };
  card: {
    input: { assetId: string } | { tag: string };
    reply: {
      asset: AssetWire;
      zoneName: string | null;
      managerName: string | null;
      custodianName: string | null;
      depreciation: { months: number; monthly: number; accumulated: number; bookValue: number };
      due: 'ok' | 'due' | 'overdue';
      events: AssetEventWire[];
      tickets: Array<{ _id: string; no: string; state: string; description: string; createdAt: string }>;
      mayManage: boolean;
      isCustodian: boolean;
    };
  };
  unitAssets: {
    input: { unitId: string; cursor?: string; due?: 'due' | 'overdue' };
    reply: { items: AssetListRow[]; nextCursor: string | null };
  };
  requestTransfer: { input: { assetId: string; toUnitId: string; note?: string }; reply: { transferId: string; state: TransferState } };
  transfer: {
    input: { transferId: string; event: TransferEvent; zoneId?: string; note?: string };
    reply: { transferId: string; state: TransferState; assetStatus: AssetStatus };
  };
  transfers: { input: { state?: TransferState }; reply: { items: TransferRow[] } };
  startCampaign: { input: { unitId: string }; reply: CampaignResults & { campaignId: CampaignId; state: CampaignState; month: string } };
  progress: {
    input: { unitId: string; month?: string };
    /** No campaign this month yet: `campaign` is null and there are no results. */
    reply:
      | { campaign: null; mayManage: boolean }
      | {
          campaign: {
            _id: CampaignId;
            unitId: string;
            month: string;
            state: CampaignState;
            startedAt: string;
            closedAt: string | null;
            ticketCount: number;
          };
          results: CampaignResults;
          mayManage: boolean;
        };
  };
  scan: {
    input: { campaignId: CampaignId; tag: string; report: ScanReport; photo?: string; place?: string };
    reply: { outcome: ScanOutcome; repeat: boolean; tag: string; assetId: string | null; name: string | null };
  };
  closeCampaign: {
    input: { campaignId: CampaignId };
    reply: CampaignResults & { campaignId: CampaignId; state: 'closed' | 'closing'; tickets: number };
  };
  exceptions: { input: { campaignId: CampaignId }; reply: { campaignId: CampaignId; items: ScanRow[] } };
  monthResults: {
    input: { month: string };
    reply: { month: string; items: Array<CampaignResults & { campaignId: CampaignId; unitId: string; state: CampaignState }> };
  };
  checkCampaign: {
    input: { campaignId: CampaignId; repair?: boolean };
    reply: { campaignId: CampaignId; drift: ScanOutcome[]; repaired: boolean };
  };
  importPath: { input: Record<string, never>; reply: { cloudPath: string } };
  importPreview: {
    input: { fileID: string };
    reply: {
      importId: string;
      rows: number;
      valid: number;
      newCount: number;
      updateCount: number;
      errorCount: number;
      errors: ReportedRowError[];
      sample: Array<{ row: number; tag: string; name: string; categoryName: string; value: number }>;
    };
  };
  importConfirm: { input: { importId: string }; reply: { importId: string; inserted: number; created: number; updated: number } };
  exportLedger: { input: { unitId: string }; reply: FileReply };
  exportChecklist: { input: { campaignId: CampaignId }; reply: FileReply };
  exportSurplusLoss: { input: { campaignId: CampaignId }; reply: FileReply };
  labels: { input: { unitId: string; tags?: string[] }; reply: { labels: number; fileID: string; url: string | null } };
}
