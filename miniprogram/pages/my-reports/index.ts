/** The reports I made or joined, newest first; tap one for its timeline. */
import { tickets } from '../../services/api';
import { LIST_DATA, LIST_METHODS, reload } from '../../services/paged-list';
import { toCard } from '../../services/tickets.view';

Component({
  data: { ...LIST_DATA },
  methods: {
    onLoad() {
      void reload(this);
    },
    ...LIST_METHODS,
    fetchPage(cursor: string | undefined) {
      return tickets('myReports', cursor ? { cursor } : {});
    },
    toItem: toCard,
    onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${e.detail.id}` });
    },
    onReport() {
      wx.navigateTo({ url: '/pages/report/index' });
    },
  },
});
