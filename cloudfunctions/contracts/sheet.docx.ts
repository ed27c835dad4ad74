import type { AlignmentType as AlignmentTypeT, BorderStyle as BorderStyleT } from 'docx';
import { type AssessmentResult, GRADE_LABELS, type SheetHeader, SIGNOFF_LABELS, yuanText } from '../../shared/contracts';

const EVENT_ZH: Record<string, string> = { sign: '监管单位签字', approve: '总务部审定', return: '退回' };
const fmt = (v: number) => (v > 0 ? `+${v}` : String(v));

/**
 * The monthly assessment sheet as a Word document (the printable HTML's content, `assessmentSheetHtml`), for
 * offices that print and sign from a phone: the lines with their tickets, the scores and grade, the payment
 * computation, the sign-off so far, and the run it was computed in. Loads `docx` only when called.
 */
export async function assessmentSheetDocx(r: AssessmentResult, h: SheetHeader): Promise<Buffer> {
  const d = await import('docx');
  const { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = d;
  const align = d.AlignmentType as typeof AlignmentTypeT;
  const border = d.BorderStyle as typeof BorderStyleT;
  const font = { eastAsia: '宋体', ascii: 'Arial', hAnsi: 'Arial' };
  const p = (text: string, o: { size?: number; bold?: boolean; center?: boolean; right?: boolean } = {}) =>
    new Paragraph({
      alignment: o.center ? align.CENTER : o.right ? align.RIGHT : align.LEFT,
      spacing: { before: 40, after: 40 },
      children: [new TextRun({ text, size: o.size ?? 21, bold: o.bold, font })],
    });
  const line = { style: border.SINGLE, size: 4, color: '999999' };
  const table = (widths: number[], head: string[] | null, rows: string[][], sumLast = false) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      rows: [
        ...(head ? [head] : []).map(
          (cells) =>
            new TableRow({
              tableHeader: true,
              children: cells.map(
                (c, i) => new TableCell({ width: { size: widths[i], type: WidthType.PERCENTAGE }, children: [p(c, { bold: true })] }),
              ),
            }),
        ),
        ...rows.map(
          (cells, k) =>
            new TableRow({
              children: cells.map(
                (c, i) =>
                  new TableCell({
                    width: { size: widths[i], type: WidthType.PERCENTAGE },
                    children: c
                      .split('\n')
                      .map((t) =>
                        p(t, { right: i > 0 && i < cells.length - 1 && widths.length > 2, bold: sumLast && k === rows.length - 1 }),
                      ),
                  }),
              ),
            }),
        ),
      ],
    });
  const lines = r.lines
    .filter((l) => l.kind !== 'weighting')
    .map((l) => [
      l.label,
      String(l.count),
      l.points === 0 ? '' : fmt(l.points),
      l.fen === 0 ? '' : yuanText(l.fen),
      `${l.note}${l.ticketNos.length ? `\n${l.ticketNos.join('、')}` : ''}`,
    ]);
  const flag = r.belowPassTwice ? '连续两个月低于合格分，请按合同约定处理。' : r.belowPass ? '本月低于合格分。' : '';
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 907, bottom: 907, left: 907, right: 907 } } },
        children: [
          p('外包服务合同月度考核表', { size: 36, bold: true, center: true }),
          p(`合同：${h.contractNo} ${h.contractName}　服务单位：${h.contractor}　监管单位：${h.supervisingUnit}　考核月份：${r.month}`),
          table(
            [30, 8, 10, 12, 40],
            ['考核项目', '次数', '扣/加分', '扣款', '说明及涉及工单'],
            lines.length ? lines : [['本月无扣分项', '', '', '', '']],
          ),
          p(''),
          table(
            [70, 30],
            null,
            [
              ['管理方得分', String(r.supervisorScore)],
              ['服务对象满意度得分', r.recipientScore === null ? '无评价' : String(r.recipientScore)],
              [`加权得分（管理方${r.weights.supervisor}%，服务对象${r.weights.recipient}%）`, String(r.score)],
              ['考核等级', GRADE_LABELS[r.grade]],
            ],
            true,
          ),
          ...(flag ? [p(flag, { bold: true })] : []),
          p(''),
          table(
            [70, 30],
            ['付款计算', '金额'],
            [...r.payment.steps.map((s) => [s.label, yuanText(s.fen)]), ['本月应付', yuanText(r.payment.payableFen)]],
            true,
          ),
          p(`签字流程：${SIGNOFF_LABELS[h.signoff.state]}`, { bold: true }),
          ...h.signoff.history.map((s) =>
            p(`${EVENT_ZH[s.event] ?? s.event}：${s.byName}（${s.at.toISOString().slice(0, 10)}）${s.note ? ` ${s.note}` : ''}`),
          ),
          p('监管单位（签字）：____________　　总务部（签字）：____________　　服务单位（签收）：____________'),
          p(`计算批次 ${h.runId}`, { size: 16 }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
