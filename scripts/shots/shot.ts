/**
 * What a screenshot is (scripts/screenshots.ts renders them). Each area of the mini-program lists its own
 * shots in a file beside this one (`scripts/shots/<area>.ts` exporting `SHOTS`), picked up by the script.
 */
export type Reply = { code: 0; data: unknown } | { code: string; message: string };
export const ok = (data: unknown): Reply => ({ code: 0, data });
/** Answers the page's cloud calls: function name, action, payload → reply. */
export type Backend = (name: string, action: string, payload: Record<string, unknown>) => Reply | Promise<Reply>;

// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
export type Comp = any;

export interface Shot {
  name: string;
  page: string;
  title: string;
  backend: Backend;
  options?: Record<string, string>;
  /** Local mode and its identity, for pages that show it. */
  local?: { openid: string; name: string; label: string } | null;
  /** Rendered only from the real campus (scripts/shots/real.ts): no canned replies stand in for it. */
  realOnly?: boolean;
  /** Interactions after load (pick a zone, open a tab, …). */
  after?: (comp: Comp) => Promise<void> | void;
}

/** Lets pending promises and timers settle. */
export const flush = async (rounds = 6): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A photo placeholder: a soft gradient with a label, as a data URL (no network in screenshots). */
export const photo = (label: string, hue: number): string =>
  `data:image/svg+xml;utf8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,78%)"/><stop offset="1" stop-color="hsl(${hue + 30},45%,62%)"/></linearGradient></defs><rect width="300" height="300" fill="url(#g)"/><text x="150" y="165" font-size="34" text-anchor="middle" fill="#fff" font-family="sans-serif">${label}</text></svg>`,
  )}`;
