/**
 * The tickets behind a number of the overview (`tickets.all` with its `view`, unit, zone, month or days), newest
 * first or, for overdue ones, the longest overdue first; tap one for the ticket page.
 */
import { callFunction } from '../../../services/api';
import { privateState } from '../../../services/instance';
import { LIST_DATA, LIST_METHODS, reload } from '../../../services/paged-list';
import { toCard } from '../../../services/tickets.view';

const FILTERS = ['view', 'unitId', 'zoneId', 'month', 'from', 'to'] as const;
const own = privateState(() => ({ filter: {} as Record<string, string> }));

Component({
  data: { ...LIST_DATA, title: '' },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const filter: Record<string, string> = {};
      for (const k of FILTERS) if (query[k]) filter[k] = decodeURIComponent(query[k] as string);
      own(this).filter = filter;
      const title = query.title ? decodeURIComponent(query.title) : '问题清单';
      this.setData({ title });
      wx.setNavigationBarTitle?.({ title });
      void reload(this);
    },
    ...LIST_METHODS,
    fetchPage(cursor: string | undefined) {
      const { filter } = own(this);
      return callFunction('tickets', 'all', cursor ? { ...filter, cursor } : filter);
    },
    toItem: toCard,
    onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${e.detail.id}` });
    },
  },
});
