/**
 * Crash-test hook. When the environment variable `XUNCHA_CRASH_AT` names `point`, the process kills itself
 * with SIGKILL right there, as a CloudBase instance dies when it is recycled or runs out of memory: no
 * `finally`, no pending write. Only the crash tests set it (in a child process); in production it is unset
 * and this is one string comparison.
 */
export function crashPoint(point: string): void {
  if (process.env.XUNCHA_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
