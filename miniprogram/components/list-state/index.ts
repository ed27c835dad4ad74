/** Loading, empty, error-with-retry, loading-more and end-of-list, under every list. Emits `retry` and `more`. */
Component({
  externalClasses: ['ext-class'],
  properties: {
    status: { type: String, value: 'loading' },
    count: { type: Number, value: 0 },
    loadingMore: { type: Boolean, value: false },
    moreError: { type: Boolean, value: false },
    ended: { type: Boolean, value: false },
    errorText: { type: String, value: '' },
    emptyText: { type: String, value: '暂无内容' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
    onMore() {
      this.triggerEvent('more');
    },
  },
});
