import type ExcelJS from 'exceljs';
import {
  ACTION_LABELS,
  CASE_STATE_LABELS,
  type CaseState,
  ITEM_STATE_LABELS,
  type ItemState,
  RAG_LABELS,
  ragOf,
  STRIKE_KINDS,
  STRIKE_LABELS,
  type StrikeKind,
  SUBJECT_LABELS,
  type SubjectType,
} from '../../shared/accountability';
import { campaignResults } from '../../shared/assets/verification.rules';
import { GRADE_LABELS } from '../../shared/contracts';
import { type CoverageDoc, type CoverageZone, coverage, weeksOf } from '../../shared/patrols';
import { daysOf, rangeOf } from '../../shared/periods';
import type { UnitScore } from '../../shared/scoring';
import { shanghaiDate } from '../../shared/time/shanghai';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { currentAssessments } from '../_lib/contracts.repo';
import { namesOf } from '../_lib/refdata';
import { scanAll } from '../_lib/scan';

type Case = {
  _id: string;
  kind: StrikeKind;
  subjectType: SubjectType;
  subjectId: string;
  subjectName: string;
  state: CaseState;
  reason: string | null;
  action: { kind: keyof typeof ACTION_LABELS; points?: number; note: string } | null;
  ticketNos: string[];
  createdAt: Date;
};
type Item = {
  _id: string;
  no: string;
  title: string;
  leadUnitId: string;
  state: ItemState;
  issuedAt: Date;
  deadline: Date;
  closedAt: Date | null;
  lastReportAt: Date | null;
  cadence: 'weekly' | 'biweekly' | 'monthly';
  overdue: boolean;
};

const bold = (s: ExcelJS.Worksheet) => {
  s.getRow(1).font = { bold: true };
};

/**
 * The use of results in the 目标管理考核 workbook (issue 15): contract grades of the month, accountability
 * cases opened in it, supervision items open during it with their status at its end, and a cadre evaluation
 * row per responsible person (score, the three counters, confirmed cases). Added after the existing sheets.
 */
export async function addResultSheets(wb: ExcelJS.Workbook, month: string, scores: UnitScore[], units: Map<string, string>, now: Date) {
  const { from, to } = rangeOf(month);
  const at = now < to ? now : to;
  const _ = cmd();
  const [contracts, cases, items, strikes] = await Promise.all([
    currentAssessments(month),
    scanAll<Case>(COLLECTIONS.accountabilityCases, { createdAt: _.gte(from).and(_.lt(to)) }, 'createdAt'),
    rowsOf<Item>(
      await db()
        .collection(COLLECTIONS.supervisionItems)
        .where({ issuedAt: _.lt(to) })
        .orderBy('issuedAt', 'desc')
        .field({ history: false })
        .limit(1000)
        .get(),
    ).filter((i) => !i.closedAt || i.closedAt >= from),
    scanAll<{ _id: string; kind: StrikeKind; personId: string | null }>(COLLECTIONS.strikes, { at: _.gte(from).and(_.lt(to)) }, 'at', {
      kind: true,
      personId: true,
    }),
  ]);

  const c = wb.addWorksheet('合同考核');
  c.columns = [
    { header: '合同编号', key: 'no', width: 16 },
    { header: '合同名称', key: 'name', width: 24 },
    { header: '服务单位', key: 'unit', width: 18 },
    { header: '得分', key: 'score', width: 8 },
    { header: '等级', key: 'grade', width: 8 },
    { header: '应付金额(元)', key: 'payable', width: 14 },
    { header: '连续两月不合格', key: 'twice', width: 14 },
  ];
  for (const a of contracts.sort((x, y) => (x.contractNo < y.contractNo ? -1 : 1))) {
    c.addRow({
      no: a.contractNo,
      name: a.contractName,
      unit: units.get(a.contractorUnitId) ?? a.contractorUnitId,
      score: a.score,
      grade: GRADE_LABELS[a.grade],
      payable: a.payment.payableFen / 100,
      twice: a.belowPassTwice ? '是' : '',
    });
  }
  bold(c);

  await addPatrolAssetSheet(wb, month, units, at);

  const k = wb.addWorksheet('问责事项');
  k.columns = [
    { header: '类型', key: 'kind', width: 10 },
    { header: '对象', key: 'subject', width: 20 },
    { header: '状态', key: 'state', width: 12 },
    { header: '处理方式', key: 'action', width: 12 },
    { header: '理由或说明', key: 'note', width: 30 },
    { header: '涉及工单', key: 'tickets', width: 40 },
  ];
  for (const x of cases) {
    k.addRow({
      kind: STRIKE_LABELS[x.kind],
      subject: `${SUBJECT_LABELS[x.subjectType]}：${x.subjectName}`,
      state: CASE_STATE_LABELS[x.state],
      action: x.action ? `${ACTION_LABELS[x.action.kind]}${x.action.points ? ` ${x.action.points}分` : ''}` : '',
      note: x.action?.note ?? x.reason ?? '',
      tickets: x.ticketNos.join('、'),
    });
  }
  bold(k);

  const s = wb.addWorksheet('督办事项');
  s.columns = [
    { header: '立项号', key: 'no', width: 14 },
    { header: '事项', key: 'title', width: 24 },
    { header: '主办单位', key: 'unit', width: 18 },
    { header: '办结时限', key: 'deadline', width: 12 },
    { header: '状态', key: 'state', width: 10 },
    { header: '月末进度', key: 'rag', width: 10 },
  ];
  for (const i of items) {
    const closedBy =
      i.closedAt && i.closedAt < at ? i : { ...i, closedAt: null, state: i.state === 'closed' ? ('awaitingClose' as const) : i.state };
    s.addRow({
      no: i.no,
      title: i.title,
      unit: units.get(i.leadUnitId) ?? i.leadUnitId,
      deadline: new Date(i.deadline.getTime() - 1).toISOString().slice(0, 10),
      state: ITEM_STATE_LABELS[closedBy.state],
      rag: RAG_LABELS[ragOf(closedBy, at)],
    });
  }
  bold(s);

  // 干部工作业绩评价: one row per responsible person named in the unit scores or the month's strikes.
  const byPerson = new Map<string, { unitId: string; total: number | null; counts: Record<StrikeKind, number>; cases: number }>();
  const row = (personId: string, unitId: string) => {
    const r = byPerson.get(personId) ?? { unitId, total: null, counts: { notRectified: 0, repeatFound: 0, repeatAfterFix: 0 }, cases: 0 };
    byPerson.set(personId, r);
    return r;
  };
  for (const u of scores) for (const p of u.byPerson) row(p.personId, u.unitId).total = p.total;
  for (const k0 of strikes) if (k0.personId) row(k0.personId, byPerson.get(k0.personId)?.unitId ?? '').counts[k0.kind]++;
  for (const x of cases) if (x.subjectType === 'person' && (x.state === 'confirmed' || x.state === 'closed')) row(x.subjectId, '').cases++;
  const names = await namesOf(COLLECTIONS.people, byPerson.keys());
  const p = wb.addWorksheet('干部业绩评价');
  p.columns = [
    { header: '单位', key: 'unit', width: 18 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '个人得分', key: 'total', width: 10 },
    ...STRIKE_KINDS.map((kind) => ({ header: STRIKE_LABELS[kind], key: kind, width: 10 })),
    { header: '被问责(已确认)', key: 'cases', width: 14 },
  ];
  for (const [id, r] of [...byPerson].sort((a, b) => (a[1].unitId + a[0] < b[1].unitId + b[0] ? -1 : 1))) {
    p.addRow({ unit: units.get(r.unitId) ?? '', name: names.get(id) ?? id, total: r.total ?? '', ...r.counts, cases: r.cases });
  }
  bold(p);
}

type Campaign = Parameters<typeof campaignResults>[0] & { _id: string; unitId: string; month: string; state: string };
/** The assets function's monthly campaigns (ASSET_COLLECTIONS.campaigns in cloudfunctions/assets/assets.repo.ts). */
const CAMPAIGNS = 'assetCampaigns';
const pct = (r: number | null) => (r === null ? '' : Math.round(r * 1000) / 10);

/**
 * 巡查与资产 (issue 15, use of results): per unit, the month's patrol coverage (share of open zone-hours covered
 * by the office, the centres, either) and on-time compliance of scheduled patrols, read from the patrols' week
 * rollups as the coverage page reads them; and the in-place ratio of the unit's monthly asset check. A unit
 * appears when it has active zones or a campaign; an empty cell means no patrol slot or no campaign that month.
 */
export async function addPatrolAssetSheet(wb: ExcelJS.Workbook, month: string, units: Map<string, string>, at: Date) {
  const _ = cmd();
  const days = daysOf(month);
  const [zones, docs, campaigns] = await Promise.all([
    scanAll<CoverageZone & { active?: boolean }>(COLLECTIONS.zones, {}, '_id', {
      name: true,
      unitId: true,
      serviceHours: true,
      active: true,
    }),
    scanAll<CoverageDoc>(COLLECTIONS.patrolCoverage, { week: _.in(weeksOf(days[0], days[days.length - 1])) }, '_id'),
    // One campaign per unit and month: bounded by the number of units.
    (async () =>
      rowsOf<Campaign>(
        await db()
          .collection(CAMPAIGNS)
          .where({ month })
          .field({ unitId: true, month: true, state: true, expectedCount: true, expectedValue: true, counts: true, values: true })
          .limit(1000)
          .get(),
      ))(),
  ]);
  const today = shanghaiDate(at);
  // The period read: the month, up to today while it runs (ISO dates compare as strings).
  const until = [days[days.length - 1], today].sort()[0];
  const byUnit = new Map<string, Array<CoverageZone & { active?: boolean }>>();
  for (const z of zones) if (z.active !== false && z.unitId) byUnit.set(z.unitId, [...(byUnit.get(z.unitId) ?? []), z]);
  const campaignOf = new Map(campaigns.map((c) => [c.unitId, c]));
  const sheet = wb.addWorksheet('巡查与资产');
  sheet.columns = [
    { header: '单位', key: 'unit', width: 18 },
    { header: '区域数', key: 'zones', width: 8 },
    { header: '总务部巡查覆盖率(%)', key: 'office', width: 16 },
    { header: '中心巡查覆盖率(%)', key: 'centre', width: 16 },
    { header: '巡查覆盖率(%)', key: 'together', width: 14 },
    { header: '按时巡查率(%)', key: 'compliance', width: 14 },
    { header: '资产在位率(%)', key: 'inPlace', width: 14 },
    { header: '应在位资产', key: 'expected', width: 10 },
  ];
  const ids = [...new Set([...byUnit.keys(), ...campaignOf.keys()])].sort((a, b) =>
    (units.get(a) ?? a).localeCompare(units.get(b) ?? b, 'zh-CN'),
  );
  for (const unitId of ids) {
    const own = byUnit.get(unitId) ?? [];
    const report = coverage(
      own,
      docs.filter((d) => d.unitId === unitId),
      { from: days[0], to: until, today, staleDays: 14, blindLimit: 0 },
    );
    const c = campaignOf.get(unitId);
    const r = c ? campaignResults(c) : null;
    sheet.addRow({
      unit: units.get(unitId) ?? unitId,
      zones: own.length,
      office: pct(report.office.rate),
      centre: pct(report.centre.rate),
      together: pct(report.together.rate),
      compliance: pct(report.compliance.all.rate),
      inPlace: r ? pct(r.inPlaceRatio) : '',
      expected: r ? r.expected : '',
    });
  }
  bold(sheet);
}
