/**
 * Linux timer-wheel rounding (kernel/time/timer.c, calc_wheel_index): a timer never fires early;
 * its expiry is rounded up to the granularity of the wheel level its delay falls in. Level n has
 * a granularity of 8^n jiffies, so a 1 s timer at HZ=250 fires after 1.004-1.032 s and a 64 s one
 * after up to 66 s. Measured SYN retransmission gaps (1.024 s, 2.016 s, 4.096 s ...) show exactly this.
 */
const LVL_CLK_SHIFT = 3;
const LVL_SIZE = 64;

/** LVL_START(n): the smallest delta (in jiffies) that lands on level n. */
function levelStart(level: number): number {
  return (LVL_SIZE - 1) << ((level - 1) * LVL_CLK_SHIFT);
}

export function wheelExpiryJiffies(nowJiffies: number, delayJiffies: number): number {
  const expires = nowJiffies + delayJiffies;
  let level = 0;
  while (level < 8 && delayJiffies >= levelStart(level + 1)) level++;
  const shift = level * LVL_CLK_SHIFT;
  return (Math.floor(expires / 2 ** shift) + 1) * 2 ** shift;
}

/** Absolute expiry (ms) of a timer armed at `nowMs` for `delayMs`, on a wheel ticking every `jiffyMs`. */
export function wheelExpiryMs(nowMs: number, delayMs: number, jiffyMs: number): number {
  const nowJiffies = Math.floor(nowMs / jiffyMs);
  const delayJiffies = Math.ceil(delayMs / jiffyMs);
  return wheelExpiryJiffies(nowJiffies, delayJiffies) * jiffyMs;
}
