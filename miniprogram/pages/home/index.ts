/** The role-aware home: everyone can report; staff, inspectors, managers, leaders and admins see their work. */
import { myRoles, tickets } from '../../services/api';
import { isLocalMode, localIdentity, type Role } from '../../services/session';

type Entry = { key: string; title: string; desc: string; icon: string; url: string; tab?: boolean };

const ENTRIES: Array<Entry & { roles: Role[] }> = [
  { key: 'report', title: '扫码反馈', desc: '扫描场所二维码反馈问题', icon: '📷', url: '/pages/report/index', roles: ['reporter'] },
  {
    key: 'mine',
    title: '我的报告',
    desc: '查看处理进度、确认整改',
    icon: '🗂️',
    url: '/pages/my-reports/index',
    tab: true,
    roles: ['reporter'],
  },
  {
    key: 'tasks',
    title: '我的任务',
    desc: '按期限整改、提交结果',
    icon: '⏱️',
    url: '/packages/staff/tasks/index',
    roles: ['staff', 'manager'],
  },
  {
    key: 'patrol',
    title: '巡查',
    desc: '按检查表记录问题和典型',
    icon: '🔍',
    url: '/packages/inspector/patrol/index',
    roles: ['inspector'],
  },
  {
    key: 'board',
    title: '单位看板',
    desc: '改派、作废、跟进本单位工单',
    icon: '📊',
    url: '/packages/manager/board/index',
    roles: ['manager'],
  },
  {
    key: 'overview',
    title: '总览',
    desc: '本周本月问题、整改、满意度一览',
    icon: '📈',
    url: '/packages/leader/overview/index',
    roles: ['leader', 'admin'],
  },
  {
    key: 'ranking',
    title: '排行榜',
    desc: '单位得分与满意度排名',
    icon: '🏆',
    url: '/packages/leader/ranking/index',
    roles: ['manager', 'leader', 'admin'],
  },
  {
    key: 'briefings',
    title: '巡查简报',
    desc: '历期简报、问题与整改情况',
    icon: '📰',
    url: '/packages/leader/briefings/index',
    roles: ['manager', 'leader', 'admin', 'inspector'],
  },
  {
    key: 'contracts',
    title: '合同考核',
    desc: '外包合同月度考核、签字与付款',
    icon: '📑',
    url: '/packages/contracts/assessments/index',
    roles: ['manager', 'leader', 'admin'],
  },
  {
    key: 'supervision',
    title: '督办问责',
    desc: '督办事项、问责事项、决策议题',
    icon: '📌',
    url: '/packages/supervision/items/index',
    roles: ['manager', 'leader', 'admin'],
  },
  {
    key: 'patrol-today',
    title: '我的巡查',
    desc: '今日巡查任务，扫码到场开始',
    icon: '🧭',
    url: '/packages/patrol/today/index',
    roles: ['inspector', 'volunteer'],
  },
  {
    key: 'self-check',
    title: '每日自查',
    desc: '扫码自查责任区，一分钟完成',
    icon: '✅',
    url: '/packages/patrol/self-check/index',
    roles: ['staff', 'manager'],
  },
  {
    key: 'patrol-plans',
    title: '巡查计划',
    desc: '定期、突击、专项巡查安排',
    icon: '🗓️',
    url: '/packages/patrol/plans/index',
    roles: ['admin', 'inspector'],
  },
  {
    key: 'coverage',
    title: '巡查覆盖',
    desc: '覆盖率、死角与漏巡登记',
    icon: '🗺️',
    url: '/packages/patrol/coverage/index',
    roles: ['leader', 'admin', 'inspector', 'manager'],
  },
  {
    key: 'assets',
    title: '固定资产',
    desc: '本单位资产、到期核对、在位盘点与调拨',
    icon: '🏷️',
    url: '/packages/assets/unit/index',
    roles: ['manager', 'staff', 'inspector', 'admin'],
  },
  {
    key: 'admin',
    title: '系统管理',
    desc: '场所、人员、规则',
    icon: '⚙️',
    url: '/packages/admin/index/index',
    roles: ['admin'],
  },
];

/** Entries for a set of roles, work first, reporting last for people who have work. */
export function entriesFor(roles: Role[]): Entry[] {
  const list = ENTRIES.filter((e) => e.roles.some((r) => roles.includes(r))).map(({ roles: _r, ...e }) => e);
  const work = list.filter((e) => e.key !== 'report' && e.key !== 'mine');
  const own = list.filter((e) => e.key === 'report' || e.key === 'mine');
  return [...work, ...own];
}

Component({
  data: { entries: [] as Entry[], local: false, who: '', loading: true },
  methods: {
    onLoad() {
      void this.refresh();
    },
    onShow() {
      if (!this.data.loading) void this.refresh();
    },
    async refresh() {
      const roles = await myRoles();
      void this.showTaskBadge(roles);
      const id = localIdentity();
      this.setData({
        loading: false,
        entries: entriesFor(roles),
        local: isLocalMode(),
        who: id ? `${id.name}（${id.label}）` : '未选择身份',
      });
    },
    /** The 首页 tab carries how many open tasks a staff member or manager holds. */
    async showTaskBadge(roles: Role[]) {
      if (!roles.includes('staff') && !roles.includes('manager')) return;
      const r = await tickets('taskCounts', {});
      if (r.code !== 0 || !r.data?.states) return;
      const open = Object.values(r.data.states).reduce((a, b) => a + b, 0);
      if (open > 0) wx.setTabBarBadge({ index: 0, text: open > 99 ? '99+' : String(open) });
      else wx.removeTabBarBadge({ index: 0 });
    },
    onEntry(e: WechatMiniprogram.TouchEvent) {
      const entry = this.data.entries[Number(e.currentTarget.dataset.index)];
      if (!entry) return;
      if (entry.tab) wx.switchTab({ url: entry.url });
      else wx.navigateTo({ url: entry.url });
    },
    onSwitch() {
      wx.switchTab({ url: '/pages/me/index' });
    },
  },
});
