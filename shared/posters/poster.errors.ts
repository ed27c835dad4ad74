/** Stable error codes of the posters function. */
export const POSTER_ERRORS = {
  /** The poster settings were changed by someone else since they were read. */
  STALE: 'POSTERS.STALE',
  /** Every zone under the one chosen is disabled: there is nothing to print. */
  NOTHING_TO_PRINT: 'POSTERS.NOTHING_TO_PRINT',
} as const;

/** The zh-CN sentence the mini-program shows for each posters code. */
export const POSTER_MESSAGES: { [K in (typeof POSTER_ERRORS)[keyof typeof POSTER_ERRORS]]: string } = {
  'POSTERS.STALE': '海报信息刚被他人修改，已为您刷新，请再改一次',
  'POSTERS.NOTHING_TO_PRINT': '这里的场所都已停用，没有可打印的海报',
};
