import type { FileRef, Severity, SeverityCounts } from './common.contract';
import type { TicketKind } from './tickets.contract';

export type BriefingStatus = 'draft' | 'published';

/** What the office sets per briefing: issuer, 总第N期, 编者按, 工作要求, 报 / 送, 共印N份 (shared/briefings/briefing.masthead.ts). */
export interface BriefingMasthead {
  issuer: string;
  totalNo: number | null;
  editorNote: string;
  requirements: string[];
  reportTo: string;
  sendTo: string;
  copies: number | null;
}

/** A ticket as a briefing reports it. */
export interface BriefingItem {
  ticketId: string;
  no: string;
  kind: TicketKind;
  unitId: string;
  zoneId: string;
  categoryCode: string;
  severity: Severity;
  state: string;
  description: string;
  photos: string[];
  afterPhotos: string[];
  createdAt: string;
  dueAt: string | null;
  rectifiedAt: string | null;
  cause: string | null;
  repeat: boolean;
  notRectified?: boolean;
  overdue?: boolean;
}

export interface Tally {
  key: string;
  n: number;
}

export interface BriefingContent {
  period: string;
  totals: { problems: number; positives: number };
  byCategory: Tally[];
  byUnit: Tally[];
  bySeverity: SeverityCounts;
  rectification: { closed: number; open: number; cancelled: number; onTime: number; eligible: number; rate: number | null };
  repeatOffenders: Array<{ unitId: string; zoneId: string; categoryCode: string; count: number; ticketIds: string[] }>;
  positives: BriefingItem[];
  items: BriefingItem[];
}

export interface Briefing {
  _id: string;
  no: number;
  period: string;
  title: string;
  status: BriefingStatus;
  content: BriefingContent;
  selected: string[] | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
  masthead: BriefingMasthead;
}

/** A problem an admin may pick for a draft. */
export interface BriefingCandidate {
  ticketId: string;
  no: string;
  unitId: string;
  unitName: string;
  zoneId: string;
  zoneName: string;
  categoryCode: string;
  severity: Severity;
  state: string;
  description: string;
  repeat: boolean;
  notRectified: boolean;
  photos: number;
  createdAt: string;
}

export interface BriefingRow {
  no: number;
  period: string;
  title: string;
  status: BriefingStatus;
  createdAt: string;
  publishedAt: string | null;
  problems: number;
  positives: number;
  onTimeRate: number | null;
  closed: number;
  open: number;
}

/** A briefing with the names its ids stand for and its photos' URLs. */
export interface BriefingView {
  briefing: Briefing;
  names: { unit: Record<string, string>; zone: Record<string, string>; category: Record<string, string>; issuer?: string };
  photoUrls: Record<string, string>;
}

type ByNo = { no: number };

/** The briefings function (巡查简报). */
export interface BriefingsContract {
  generate: {
    input: { period: string; title?: string };
    reply: { no: number; period: string; status: BriefingStatus; totals: { problems: number; positives: number } };
  };
  candidates: { input: ByNo; reply: { no: number; period: string; selected: string[]; items: BriefingCandidate[] } };
  selectItems: { input: { no: number; ticketIds: string[] }; reply: { no: number; items: number } };
  publish: { input: ByNo; reply: { no: number; status: 'published'; publishedAt: string } };
  setMasthead: { input: { no: number; masthead: Partial<BriefingMasthead> }; reply: { no: number; masthead: BriefingMasthead } };
  list: {
    input: { status?: BriefingStatus; cursor?: string };
    reply: { items: BriefingRow[]; nextCursor: string | null };
  };
  get: { input: ByNo; reply: Briefing };
  view: { input: ByNo; reply: BriefingView };
  html: { input: ByNo; reply: FileRef & { no: number; status: BriefingStatus; html: string } };
  excel: { input: ByNo; reply: FileRef & { no: number } };
  exportFile: {
    input: { no: number; format: 'html' | 'xlsx' | 'docx' };
    reply: FileRef & { no: number; format: 'html' | 'xlsx' | 'docx'; fileName: string };
  };
}
