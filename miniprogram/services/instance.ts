/**
 * Per-instance state that the view does not render (cursors, raw rows, timers), kept outside `data` so it is
 * never sent to the view layer. `const own = privateState(() => ({ n: 0 })); own(this).n++`.
 */
export function privateState<T>(init: () => T): (host: object) => T {
  const map = new WeakMap<object, T>();
  return (host) => {
    let v = map.get(host);
    if (v === undefined) {
      v = init();
      map.set(host, v);
    }
    return v;
  };
}
