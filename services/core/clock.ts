/** Where the services read the time: the wall clock, or a frozen one in tests. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
