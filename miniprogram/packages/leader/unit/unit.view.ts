/** A unit's score breakdown (`scoring.unitScore`) as the unit page shows it: pure functions of the reply. */
import { SEVERITY_LABELS } from '../../../services/format';
import { monthLabel, points, shortDate } from '../ranking/ranking.view';

export type { NamedRun as Run, ScoreGroup as GroupReply, ScoringRules as Rules, UnitScoreReply } from '../../../shared/contract';

import {
  type ScoreGroup as GroupReply,
  LINE_LABELS,
  type ScoringRules as Rules,
  type NamedRun as Run,
  type UnitScoreReply,
} from '../../../shared/contract';

export type TicketLine = {
  /** The ticket to open; '' for a missed patrol or an asset (nothing to open). */
  id: string;
  /** The list key: the ticket, or the evidence (occurrence, scan, event) of a sourced line. */
  key: string;
  no: string;
  /** Where and when: "3月5日 · 第一食堂 · 3号窗口". */
  where: string;
  /** The report's first words, as frozen with the run. */
  text: string;
  facts: string;
  note: string;
  points: string;
  tone: 'minus' | 'plus' | 'none';
};

/** `2030-03-05` → `3月5日`. */
const dayText = (day: unknown): string =>
  typeof day === 'string' && /^\d{4}-\d\d-\d\d/.test(day) ? `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日` : '';
export type GroupView = {
  kind: string;
  title: string;
  rule: string;
  count: string;
  points: string;
  tone: 'minus' | 'plus';
  items: TicketLine[];
  /** Tickets not shown yet (the view shows the first few and more on demand). */
  more: number;
};

/** Group titles: the rule lines' zh-CN names, one table shared with the assessment workbook. */
const TITLES: Record<GroupReply['kind'], string> = LINE_LABELS;

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The rule a group applies, in the words of the rule set the run scored with. */
export function ruleText(kind: GroupReply['kind'], r: Rules | null): string {
  if (!r) return '';
  switch (kind) {
    case 'problem':
      return `每件按严重程度扣分：一般 ${r.deduction.minor}、较重 ${r.deduction.major}、严重 ${r.deduction.critical} 分`;
    case 'repeat':
      return `同一场所同类问题重复发生，按 ${r.repeatMultiplier} 倍计，另扣 ${r.repeatMultiplier - 1} 倍`;
    case 'overdue':
      return `超过整改期限每满 1 小时扣 ${r.overdue.perHour} 分，每件最多扣 ${r.overdue.maxPerTicket} 分`;
    case 'notRectified':
      return `整改被退回（查而不改）每件扣 ${r.notRectified} 分`;
    case 'positive':
      return `巡查发现的正面典型每件加 ${r.positive.each} 分，每月最多加 ${r.positive.max} 分`;
    case 'onTime':
      return `按时整改率达到 ${pct(r.onTime.threshold)}（至少 ${r.onTime.minTickets} 件）加 ${r.onTime.bonus} 分`;
    case 'satisfaction':
      return `至少 ${r.satisfaction.minRatings} 条评价且均分不低于 ${r.satisfaction.threshold} 加 ${r.satisfaction.bonus} 分`;
    case 'missedSelfCheck':
      return r.patrols
        ? `责任区每日自查未完成每次扣 ${r.patrols.missedSelfCheck} 分（与漏查合计每月最多扣 ${r.patrols.max} 分，已说明原因的不扣）`
        : '';
    case 'missedPatrol':
      return r.patrols
        ? `本单位负责的计划巡查漏查每次扣 ${r.patrols.missedPatrol} 分（与自查合计每月最多扣 ${r.patrols.max} 分，已说明原因的不扣）`
        : '';
    case 'assetNotVerified':
      return r.assets?.notVerified
        ? `月度核对中未找到或未核对的资产每件扣 ${r.assets.notVerified.perItem} 分，每月最多扣 ${r.assets.notVerified.maxPerPeriod} 分`
        : '';
    case 'assetNoCampaign':
      return r.assets?.notVerified
        ? `在册资产不少于 ${r.assets.inPlace.minAssets} 件而本月未开展在位核对，扣 ${r.assets.notVerified.noCampaign} 分`
        : '';
    case 'assetDamage':
      return r.assets
        ? `资产损坏且责任人明确的每件扣 ${r.assets.damage.perItem} 分（计入责任人），每月最多扣 ${r.assets.damage.maxPerPeriod} 分`
        : '';
    case 'assetInPlace':
      return r.assets
        ? `月度核对在位率达到 ${pct(r.assets.inPlace.threshold)}（至少 ${r.assets.inPlace.minAssets} 件）加 ${r.assets.inPlace.bonus} 分`
        : '';
  }
}

function countText(g: GroupReply): string {
  if (g.kind === 'onTime') return `按时 ${g.detail?.onTime ?? g.count}/${g.detail?.eligible ?? '?'} 件`;
  if (g.kind === 'satisfaction') return `${g.count} 条评价，均分 ${g.detail?.mean ?? '—'}`;
  if (g.kind === 'assetInPlace') return `在位率 ${pct(Number(g.detail?.ratio ?? 0))}（应在位 ${g.detail?.expected ?? '?'} 件）`;
  if (g.kind === 'assetNoCampaign') return `在册 ${g.detail?.held ?? '?'} 件`;
  if (g.kind === 'missedSelfCheck' || g.kind === 'missedPatrol') return `${g.count} 次`;
  return `${g.count} 件`;
}

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A missed patrol or an asset under a group: what it was (first line), then where, who answers for it and why. */
export function sourcedLine(kind: GroupReply['kind'], i: GroupReply['items'][number]): TicketLine {
  const d = i.detail;
  const tone = i.points === null ? 'none' : i.points < 0 ? 'minus' : 'plus';
  const pts = i.points === null ? '' : points(i.points, true);
  const who = i.personName ? `责任人 ${i.personName}` : '';
  if (kind === 'missedSelfCheck' || kind === 'missedPatrol') {
    const when = [dayText(d.date), str(d.time)].filter(Boolean).join(' ');
    const what = kind === 'missedSelfCheck' ? '每日自查' : str(d.plan) || '计划巡查';
    return {
      id: '',
      key: `${kind}:${i.ticketId}`,
      where: `${when} ${what}`.trim(),
      text: '',
      no: '',
      facts: [str(d.zone), who].filter(Boolean).join(' · '),
      note: kind === 'missedSelfCheck' ? '未完成自查' : '漏查',
      points: pts,
      tone,
    };
  }
  const asset = [str(d.tag), str(d.name)].filter(Boolean).join(' ');
  const where = str(d.zone) ? `存放地点 ${str(d.zone)}` : '';
  if (kind === 'assetDamage') {
    return {
      id: '',
      key: `${kind}:${i.ticketId}`,
      where: asset,
      text: '',
      no: '',
      facts: [where, who].filter(Boolean).join(' · '),
      note: `${dayText(d.date)}损坏`,
      points: pts,
      tone,
    };
  }
  return {
    id: '',
    key: `${kind}:${i.ticketId}`,
    where: asset,
    text: '',
    no: '',
    facts: where,
    note: d.reason === 'missing' ? '核对时未找到（盘亏）' : '本月未核对',
    points: pts,
    tone,
  };
}

/** One ticket under a group: when and where, what was reported, its number, category and severity, what made it count, and its points. */
export function ticketLine(kind: GroupReply['kind'], i: GroupReply['items'][number]): TicketLine {
  if (i.source) return sourcedLine(kind, i);
  const facts = [i.categoryName, i.severity ? (SEVERITY_LABELS[i.severity] ?? i.severity) : null].filter(Boolean).join(' · ');
  let note = '';
  if (kind === 'overdue') note = `超时 ${i.detail.hours} 小时`;
  else if (kind === 'repeat') note = `第 ${i.detail.repeatCount} 次重复`;
  else if (kind === 'onTime') note = '按时整改';
  const tone = i.points === null ? 'none' : i.points < 0 ? 'minus' : 'plus';
  const where = [dayText(i.day), i.place].filter(Boolean).join(' · ');
  return {
    id: i.ticketId,
    key: i.ticketId,
    no: i.no ?? i.ticketId,
    where,
    text: i.text ?? '',
    facts,
    note,
    points: i.points === null ? '' : points(i.points, true),
    tone,
  };
}

/** How many tickets a group shows before "more". */
export const FIRST_ITEMS = 5;

export function groupView(g: GroupReply, rules: Rules | null): GroupView {
  const shown = g.items.slice(0, FIRST_ITEMS);
  return {
    kind: g.kind,
    title: TITLES[g.kind],
    rule: ruleText(g.kind, rules),
    count: countText(g),
    points: points(g.points, true),
    tone: g.points < 0 ? 'minus' : 'plus',
    items: shown.map((i) => ticketLine(g.kind, i)),
    more: g.items.length - shown.length,
  };
}

/** A run as one line: "6月1日 03:00 系统月度评定" or "6月3日 10:30 郑管理重算：原因". */
export const runText = (r: Run): string =>
  r.by === 'system' ? `${shortDate(r.at)} 系统月度评定` : `${shortDate(r.at)} ${r.byName ?? '管理员'}重算：${r.reason}`;

/** What the page renders from a reply (the groups' remaining tickets stay with the page, outside `data`). */
export function unitView(d: UnitScoreReply) {
  const sat = d.satisfaction;
  const rules = d.rules;
  const satRule = rules?.satisfaction;
  const satBonus = d.groups.some((g) => g.kind === 'satisfaction');
  return {
    unitName: d.unitName,
    periodLabel: monthLabel(d.period),
    rankText: d.rank === null ? '' : `第 ${d.rank} 名 / 共 ${d.of} 个单位`,
    total: points(d.total),
    formula: `基础分 ${points(d.base)} − 扣分 ${points(-d.deductions)} + 加分 ${points(d.bonuses)} = ${points(d.total)}`,
    ruleVersion: d.ruleVersion,
    previous: d.previous
      ? {
          period: d.previous.period,
          text: `${monthLabel(d.previous.period)}：${points(d.previous.total)} 分 · 第 ${d.previous.rank}/${d.previous.of} 名`,
          delta: d.total === d.previous.total ? '持平' : `${points(d.total - d.previous.total, true)} 分`,
          tone: d.total > d.previous.total ? 'up' : d.total < d.previous.total ? 'down' : 'same',
        }
      : null,
    previousMissing: d.previous ? '' : `${monthLabel(d.previousPeriod)}未评定或本单位未参评`,
    groups: d.groups.map((g) => groupView(g, rules)),
    satisfaction: {
      n: sat.n,
      mean: sat.mean === null ? '—' : sat.mean.toFixed(2),
      adjusted: sat.adjusted.toFixed(2),
      formula: `调整后 =（${sat.prior.weight}×${sat.prior.mean} + 评分总和）÷（${sat.prior.weight} + ${sat.n}），用于满意度排行`,
      bonus: satRule
        ? satBonus
          ? `已达到满意度加分条件（至少 ${satRule.minRatings} 条且均分 ≥ ${satRule.threshold}）`
          : `未达到满意度加分条件（至少 ${satRule.minRatings} 条且均分 ≥ ${satRule.threshold}）`
        : '',
    },
    onTime:
      d.onTime.rate === null
        ? '本月没有需计入按时率的问题'
        : `按时整改率 ${pct(d.onTime.rate)}（${d.onTime.onTime}/${d.onTime.eligible} 件）`,
    runs: d.runs.map((r) => ({ runId: r.runId, text: runText(r), version: r.ruleVersion, current: r.current, shown: r.runId === d.runId })),
  };
}

/** The banner about recomputes: a recomputed current result names who and why; an earlier result says it was superseded. */
export function runBanner(d: UnitScoreReply): { tone: 'info' | 'warn'; text: string; link: string; runId: string | null } | null {
  const latest = d.runs[d.runs.length - 1];
  if (!d.current) {
    return {
      tone: 'warn',
      text: `这是 ${d.run ? shortDate(d.run.at) : ''} 评定的原结果，已被 ${latest ? runText(latest) : '重算'} 取代。`,
      link: '查看现行结果',
      runId: null,
    };
  }
  if (d.runs.length < 2) return null;
  const earlier = d.runs[d.runs.length - 2];
  return {
    tone: 'info',
    text: `本月结果已重算 ${d.runs.length - 1} 次。最近一次：${runText(latest)}。重算前的结果保留可查。`,
    link: '查看重算前结果',
    runId: earlier.runId,
  };
}
