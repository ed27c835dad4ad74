/** Stable error codes of scoring. */
export const SCORING_ERRORS = {
  NOT_SCORED: 'SCORING.NOT_SCORED',
  ALREADY_FROZEN: 'SCORING.ALREADY_FROZEN',
  /** Another recompute of the same month finished first; reload and decide again. */
  STALE: 'SCORING.STALE',
  RULES_EXIST: 'SCORING.RULES_EXIST',
  RUN_NOT_FOUND: 'SCORING.RUN_NOT_FOUND',
  /** A manager asked for a unit they do not oversee. */
  OUT_OF_SCOPE: 'SCORING.OUT_OF_SCOPE',
  /** The run has no score for this unit (not a ranked unit, or created after the run). */
  UNIT_NOT_SCORED: 'SCORING.UNIT_NOT_SCORED',
} as const;

/** The zh-CN sentence the mini-program shows for each scoring code (the compiler checks every code has one). */
export const SCORING_MESSAGES: { [K in (typeof SCORING_ERRORS)[keyof typeof SCORING_ERRORS]]: string } = {
  'SCORING.NOT_SCORED': '该月尚未出分',
  'SCORING.ALREADY_FROZEN': '该月的得分已经生成',
  'SCORING.STALE': '该月刚被他人重新计算，请刷新后再决定',
  'SCORING.RULES_EXIST': '该版本号已存在，请换一个',
  'SCORING.RUN_NOT_FOUND': '找不到这次计算记录，请刷新',
  'SCORING.OUT_OF_SCOPE': '你无权查看该单位的得分',
  'SCORING.UNIT_NOT_SCORED': '该单位在这次计算中没有得分',
};
