import { z } from 'zod';

/**
 * What the office sets per briefing besides its items: the issuer's full name under the red masthead, the running
 * number across years (总第N期), an editor's note (编者按), the work requirements (工作要求), the distribution lines
 * (报 / 送) and the print run (共印N份). A briefing without one prints `defaultMasthead(issuer)`.
 */
export interface BriefingMasthead {
  /** The issuing office's full name, e.g. `某某大学后勤管理处总务部`. */
  issuer: string;
  /** 总第N期, or null when the office does not count across years. */
  totalNo: number | null;
  /** 编者按: printed before the summary; empty for none. */
  editorNote: string;
  /** 工作要求: one paragraph per entry, numbered when printed; empty for none. */
  requirements: string[];
  /** 报: to whom the briefing is reported. */
  reportTo: string;
  /** 送: to whom it is sent. */
  sendTo: string;
  /** 共印N份, or null to leave the line out. */
  copies: number | null;
}

/** The lines every briefing carried before the office could set them. */
export const defaultMasthead = (issuer: string): BriefingMasthead => ({
  issuer,
  totalNo: null,
  editorNote: '',
  requirements: [],
  reportTo: '分管校领导',
  sendTo: '各服务中心、各服务单位',
  copies: null,
});

/** A stored briefing's masthead (older briefings have none): the defaults with what was set over them. */
export const mastheadOf = (stored: Partial<BriefingMasthead> | undefined, issuer: string): BriefingMasthead => ({
  ...defaultMasthead(issuer),
  ...(stored ?? {}),
});

const line = (max: number) => z.string().trim().max(max);

/** What the office may set on a draft (every field optional; a field left out keeps its value). */
export const BriefingMastheadInput = z.strictObject({
  issuer: line(60).min(1).optional(),
  totalNo: z.number().int().min(1).max(99999).nullable().optional(),
  editorNote: line(1000).optional(),
  requirements: z.array(line(500).min(1)).max(10).optional(),
  reportTo: line(200).optional(),
  sendTo: line(200).optional(),
  copies: z.number().int().min(1).max(9999).nullable().optional(),
});
export type BriefingMastheadInput = z.infer<typeof BriefingMastheadInput>;

/** `第12期`, or `第12期（总第148期）` when a running number is set. */
export const issueLabel = (no: number, totalNo: number | null): string => `第${no}期${totalNo ? `（总第${totalNo}期）` : ''}`;

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Section numbers as an office writes them: 1 → 一, 6 → 六, 11 → 十一 (up to 19 is enough for a briefing). */
export const cnOrdinal = (n: number): string => (n <= 10 ? CN_DIGITS[n] : `十${CN_DIGITS[n - 10]}`);
