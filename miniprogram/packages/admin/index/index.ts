/** Admin home: the back office's areas, each one tap away. */

type Entry = { key: string; title: string; desc: string; icon: string; url: string };

export const ADMIN_ENTRIES: readonly Entry[] = [
  {
    key: 'zones',
    title: '场所与二维码',
    desc: '校区、楼宇、窗口，负责人与备岗，场所二维码',
    icon: '📍',
    url: '/packages/admin/zones/index',
  },
  { key: 'people', title: '人员与邀请码', desc: '角色、单位、在岗状态；发放邀请码', icon: '👥', url: '/packages/admin/people/index' },
  {
    key: 'categories',
    title: '类别与期限',
    desc: '问题类别、各等级整改期限、超时升级',
    icon: '🗂️',
    url: '/packages/admin/categories/index',
  },
  { key: 'scoring', title: '考核规则', desc: '月度考核计分规则与重算', icon: '🧮', url: '/packages/admin/scoring/index' },
  { key: 'posters', title: '海报打印', desc: '场所二维码海报，学校名称与监督电话', icon: '🖨️', url: '/packages/admin/posters/index' },
  { key: 'exports', title: '考核导出与重算', desc: '目标管理考核表；更正后重新计算', icon: '📤', url: '/packages/admin/exports/index' },
  { key: 'surveys', title: '意见征集', desc: '满意度调查的发布与结果', icon: '📝', url: '/packages/admin/surveys/index' },
  { key: 'briefings', title: '巡查简报', desc: '编制、发布巡查简报', icon: '📰', url: '/packages/admin/briefings/index' },
  { key: 'assets', title: '固定资产', desc: '各单位资产台账、到期核对与在位盘点', icon: '🏷️', url: '/packages/assets/unit/index' },
  {
    key: 'asset-import',
    title: '资产台账导入',
    desc: '从微信聊天中的 Excel 导入，预览后确认',
    icon: '📥',
    url: '/packages/assets/import/index',
  },
  { key: 'asset-transfers', title: '资产调拨', desc: '调拨申请的审批与接收', icon: '🔁', url: '/packages/assets/transfers/index' },
  {
    key: 'deadlineRules',
    title: '期限规则版本',
    desc: '新增整改期限规则，指定生效日期，已有问题不受影响',
    icon: '⏱️',
    url: '/packages/admin/deadline-rules/index',
  },
  { key: 'audit', title: '操作记录', desc: '谁在何时修改了什么（修改前后对比）', icon: '🧾', url: '/packages/admin/audit/index' },
];

Component({
  data: { entries: ADMIN_ENTRIES },
  methods: {
    onLoad() {},
    onEntry(e: WechatMiniprogram.TouchEvent) {
      const entry = ADMIN_ENTRIES.find((x) => x.key === e.currentTarget.dataset.key);
      if (entry) wx.navigateTo({ url: entry.url });
    },
  },
});
