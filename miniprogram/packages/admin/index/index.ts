/** Placeholder: not built yet (待开发). Rankings need the scoring functions of issue 4; admin needs an org function. */
Component({
  data: {},
  methods: {
    onLoad() {},
  },
});
