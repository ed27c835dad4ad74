/** One ticket in a list: category, state, description, zone time and deadline. Emits `open` with the id. */
Component({
  externalClasses: ['ext-class'],
  options: { multipleSlots: true },
  properties: {
    item: { type: Object, value: {} },
  },
  methods: {
    onTap() {
      this.triggerEvent('open', { id: (this.data.item as { id?: string }).id });
    },
  },
});
