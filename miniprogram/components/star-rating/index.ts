/** 1–5 stars; tapping the current value again clears it (the rating is optional). Emits `change` { value }. */
Component({
  externalClasses: ['ext-class'],
  properties: {
    value: { type: Number, value: 0 },
    readonly: { type: Boolean, value: false },
  },
  data: { stars: [1, 2, 3, 4, 5] },
  methods: {
    onTap(e: WechatMiniprogram.TouchEvent) {
      if (this.data.readonly) return;
      const n = Number(e.currentTarget.dataset.n);
      const value = n === this.data.value ? 0 : n;
      this.setData({ value });
      this.triggerEvent('change', { value });
    },
  },
});
