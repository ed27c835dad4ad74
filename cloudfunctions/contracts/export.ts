import { GRADE_LABELS, SIGNOFF_LABELS, type SignoffState } from '../../shared/contracts';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import type { AssessmentDoc } from '../_lib/contracts.repo';
import { newWorkbook } from '../_lib/excel';
import { publishFile } from '../_lib/files';
import { allUnits } from '../_lib/refdata';
import { currentRunOf } from './assessment.service';

/**
 * The month's contract assessments as an Excel workbook: a summary sheet (score, grade, payable, flags,
 * sign-off) and a sheet of every line with its tickets. Uploaded to storage; returns the file id and a URL.
 */
export async function exportMonth(month: string, now: Date) {
  const { runId } = await currentRunOf(month);
  const [docs, signs, units] = await Promise.all([
    db().collection(COLLECTIONS.contractAssessments).where({ runId }).limit(1000).get(),
    db().collection(COLLECTIONS.contractSignoffs).where({ runId }).field({ _id: true, state: true }).limit(1000).get(),
    allUnits(),
  ]);
  const names = new Map(units.map((u) => [u._id, u.name]));
  const state = new Map(rowsOf<{ _id: string; state: SignoffState }>(signs).map((s) => [s._id, s.state]));
  const list = rowsOf<AssessmentDoc>(docs).sort((a, b) => (a.contractNo < b.contractNo ? -1 : 1));
  const wb = newWorkbook();
  wb.creator = 'xuncha';
  wb.created = now;
  const sum = wb.addWorksheet('合同考核汇总');
  sum.columns = [
    { header: '合同编号', key: 'no', width: 16 },
    { header: '合同名称', key: 'name', width: 24 },
    { header: '服务单位', key: 'contractor', width: 18 },
    { header: '管理方得分', key: 'sup', width: 10 },
    { header: '服务对象得分', key: 'rec', width: 12 },
    { header: '加权得分', key: 'score', width: 10 },
    { header: '等级', key: 'grade', width: 8 },
    { header: '合同金额(元)', key: 'fee', width: 14 },
    { header: '应付金额(元)', key: 'payable', width: 14 },
    { header: '低于合格分', key: 'below', width: 10 },
    { header: '连续两月不合格', key: 'twice', width: 14 },
    { header: '签字状态', key: 'signoff', width: 14 },
  ];
  for (const a of list) {
    sum.addRow({
      no: a.contractNo,
      name: a.contractName,
      contractor: names.get(a.contractorUnitId) ?? a.contractorUnitId,
      sup: a.supervisorScore,
      rec: a.recipientScore ?? '无评价',
      score: a.score,
      grade: GRADE_LABELS[a.grade],
      fee: a.payment.feeFen / 100,
      payable: a.payment.payableFen / 100,
      below: a.belowPass ? '是' : '',
      twice: a.belowPassTwice ? '是' : '',
      signoff: SIGNOFF_LABELS[state.get(a._id) ?? 'pending'],
    });
  }
  sum.getRow(1).font = { bold: true };
  sum.addRow([]);
  sum.addRow([`${month} · 计算批次 ${runId}`]);
  const lines = wb.addWorksheet('考核明细');
  lines.columns = [
    { header: '合同编号', key: 'no', width: 16 },
    { header: '项目', key: 'label', width: 30 },
    { header: '次数', key: 'count', width: 6 },
    { header: '扣/加分', key: 'points', width: 8 },
    { header: '扣款(元)', key: 'yuan', width: 10 },
    { header: '说明', key: 'note', width: 40 },
    { header: '工单', key: 'tickets', width: 40 },
  ];
  for (const a of list) {
    for (const l of a.lines) {
      lines.addRow({
        no: a.contractNo,
        label: l.label,
        count: l.count,
        points: l.points,
        yuan: -l.fen / 100,
        note: l.note,
        tickets: l.ticketNos.join('、'),
      });
    }
  }
  lines.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { month, runId, ...(await publishFile(`exports/contracts-${month}-${runId}.xlsx`, buffer)) };
}
