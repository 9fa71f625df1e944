/** "Now", injectable so tests can pin it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock tests can set and move. */
export function fixedClock(start: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.set = (to: Date | string) => {
    now = new Date(to);
  };
  clock.advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}
