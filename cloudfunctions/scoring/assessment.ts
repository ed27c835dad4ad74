import { comparePeople, compareScores, LINE_LABELS } from '../../shared/scoring';
import { COLLECTIONS } from '../_lib/cloud';
import { newWorkbook } from '../_lib/excel';
import { publishFile } from '../_lib/files';
import { allUnits, namesOf } from '../_lib/refdata';
import { addResultSheets } from './results.sheets';
import { result } from './score.service';

/**
 * The 目标管理考核 workbook of a month: a sheet of unit results (rank, score, deductions, bonuses, counts,
 * on-time rate, satisfaction), a sheet of responsible people, and a sheet of every scored line with the
 * tickets or ratings behind it. Uploaded to storage; returns the file id and a temporary URL.
 */
export async function assessmentWorkbook(month: string, now: Date) {
  const r = await result(month, undefined, 'all', true);
  const units = new Map((await allUnits()).map((u) => [u._id, u.name]));
  const personIds = [...new Set(r.scores.flatMap((s) => s.byPerson.map((p) => p.personId)))];
  const names = await namesOf(COLLECTIONS.people, personIds);
  const wb = newWorkbook();
  wb.creator = 'xuncha';
  wb.created = now;
  const run = r.runs.find((x) => x.runId === r.runId);

  const unitSheet = wb.addWorksheet('单位考核');
  unitSheet.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '单位', key: 'unit', width: 20 },
    { header: '得分', key: 'total', width: 8 },
    { header: '基础分', key: 'base', width: 8 },
    { header: '扣分', key: 'deductions', width: 8 },
    { header: '加分', key: 'bonuses', width: 8 },
    { header: '问题数', key: 'problems', width: 8 },
    { header: '重复', key: 'repeats', width: 6 },
    { header: '超时', key: 'overdue', width: 6 },
    { header: '查而不改', key: 'notRectified', width: 8 },
    { header: '正面典型', key: 'positives', width: 8 },
    { header: '按时整改率', key: 'onTime', width: 10 },
    { header: '评价数', key: 'ratings', width: 8 },
    { header: '满意度均分', key: 'mean', width: 10 },
  ];
  [...r.scores].sort(compareScores).forEach((s, i) => {
    unitSheet.addRow({
      rank: i + 1,
      unit: units.get(s.unitId) ?? s.unitId,
      total: s.total,
      base: s.base,
      deductions: s.deductions,
      bonuses: s.bonuses,
      problems: s.counts.problems,
      repeats: s.counts.repeats,
      overdue: s.counts.overdue,
      notRectified: s.counts.notRectified,
      positives: s.counts.positives,
      onTime: s.onTime.rate,
      ratings: s.satisfaction.n,
      mean: s.satisfaction.mean,
    });
  });
  unitSheet.getColumn('onTime').numFmt = '0.0%';
  unitSheet.getRow(1).font = { bold: true };
  unitSheet.addRow([]);
  unitSheet.addRow([`${month} · 规则版本 ${run?.ruleVersion ?? ''} · 计算批次 ${r.runId}${run ? ` · ${run.reason}` : ''}`]);

  const staff = wb.addWorksheet('责任人');
  staff.columns = [
    { header: '单位', key: 'unit', width: 20 },
    { header: '名次', key: 'rank', width: 6 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '得分', key: 'total', width: 8 },
    { header: '扣加分', key: 'points', width: 8 },
    { header: '涉及工单', key: 'tickets', width: 10 },
  ];
  for (const s of r.scores) {
    [...s.byPerson].sort(comparePeople).forEach((p, i) => {
      staff.addRow({
        unit: units.get(s.unitId) ?? s.unitId,
        rank: i + 1,
        name: names.get(p.personId) ?? p.personId,
        total: p.total,
        points: p.points,
        tickets: p.ticketIds.length,
      });
    });
  }
  staff.getRow(1).font = { bold: true };

  const lines = wb.addWorksheet('扣加分明细');
  lines.columns = [
    { header: '单位', key: 'unit', width: 20 },
    { header: '项目', key: 'kind', width: 12 },
    { header: '分值', key: 'points', width: 8 },
    { header: '工单', key: 'tickets', width: 40 },
    { header: '依据', key: 'source', width: 40 },
    { header: '评价数', key: 'ratings', width: 8 },
    { header: '说明', key: 'detail', width: 40 },
  ];
  for (const s of r.scores) {
    for (const l of s.lines) {
      lines.addRow({
        unit: units.get(s.unitId) ?? s.unitId,
        kind: LINE_LABELS[l.kind] ?? l.kind,
        points: l.points,
        tickets: l.ticketIds.join(', '),
        source: l.source ? l.source.ids.join(', ') : '',
        ratings: l.ratingIds.length || '',
        detail: JSON.stringify(l.detail),
      });
    }
  }
  lines.getRow(1).font = { bold: true };
  await addResultSheets(wb, month, r.scores, units, now);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { month, runId: r.runId, ...(await publishFile(`exports/assessment-${month}-${r.runId}.xlsx`, buffer)) };
}
