/** Stub page (being built). */
Component({
  data: {},
  methods: {
    onLoad() {},
  },
});
