import type { AlignmentType as AlignmentTypeT, BorderStyle as BorderStyleT } from 'docx';
import type { NoticeView } from '../../shared/contract/contracts.contract';
import { shanghaiDate } from '../../shared/time/shanghai';

/** What the printed notice says: the fields of a notice as `notice` returns it. */
export type NoticeForPrint = Pick<
  NoticeView,
  | 'no'
  | 'contractNo'
  | 'contractName'
  | 'contractor'
  | 'supervisingUnit'
  | 'zone'
  | 'clause'
  | 'problem'
  | 'note'
  | 'ticketNo'
  | 'issuedAt'
  | 'dueAt'
  | 'issuedBy'
  | 'lateFix'
>;

/** `2030-03-15T02:00:00Z` → `2030年3月15日 10:00` (Shanghai). */
export function shanghaiText(iso: string): string {
  const at = new Date(iso);
  const [y, m, d] = shanghaiDate(at).split('-').map(Number);
  const hm = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${y}年${m}月${d}日 ${hm}`;
}

/**
 * A rectification notice (整改通知单) as a Word document on one A4 page, in the shape of the briefing and poster
 * documents (`docx`, loaded only when called): number, addressee, the contract and clause, what was found, what
 * must be fixed and by when, what a late fix costs under the contract, and lines for both sides to sign.
 */
export async function noticeDocx(n: NoticeForPrint): Promise<Buffer> {
  const d = await import('docx');
  const { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = d;
  const align = d.AlignmentType as typeof AlignmentTypeT;
  const border = d.BorderStyle as typeof BorderStyleT;
  const font = { eastAsia: '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
  const p = (text: string, o: { size?: number; bold?: boolean; center?: boolean; right?: boolean; before?: number } = {}) =>
    new Paragraph({
      alignment: o.center ? align.CENTER : o.right ? align.RIGHT : align.LEFT,
      spacing: { before: o.before ?? 80, after: 80, line: 400 },
      children: [new TextRun({ text, size: o.size ?? 28, bold: o.bold, font })],
    });
  const line = { style: border.SINGLE, size: 6, color: '000000' };
  const row = (label: string, value: string) =>
    new TableRow({
      children: [
        new TableCell({ width: { size: 22, type: WidthType.PERCENTAGE }, children: [p(label, { bold: true })] }),
        new TableCell({ width: { size: 78, type: WidthType.PERCENTAGE }, children: value.split('\n').map((v) => p(v)) }),
      ],
    });
  const cost = [n.lateFix.points > 0 ? `扣${n.lateFix.points}分` : '', n.lateFix.yuan > 0 ? `扣款${n.lateFix.yuan}元` : '']
    .filter(Boolean)
    .join('、');
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } },
        children: [
          p('整改通知单', { size: 44, bold: true, center: true, before: 0 }),
          p(`编号：${n.no}`, { size: 24, right: true }),
          p(`${n.contractor}：`, { before: 200 }),
          p(
            `经巡查，你单位在履行《${n.contractName}》（合同编号${n.contractNo}）过程中存在下列问题，现通知你单位在规定期限内整改到位，并将整改情况报${n.supervisingUnit}。`,
          ),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
            rows: [
              row('问题地点', n.zone),
              row('考核条款', n.clause || '—'),
              row('发现的问题', `${n.problem}（工单${n.ticketNo}）`),
              row('整改要求', n.note),
              row('整改期限', `${shanghaiText(n.dueAt)}前`),
            ],
          }),
          p(
            cost
              ? `逾期未整改或逾期后才整改的，按合同约定在当月考核中另行${cost}。`
              : '逾期未整改或逾期后才整改的，按合同约定在当月考核中另行处理。',
            { before: 200 },
          ),
          p(`签发单位：${n.supervisingUnit}`, { right: true, before: 400 }),
          p(`签发人：${n.issuedBy || '________'}`, { right: true }),
          p(`签发时间：${shanghaiText(n.issuedAt)}`, { right: true }),
          p('签收单位（盖章）：________________    签收人：__________    签收时间：__________', { size: 24, before: 400 }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
