/** The source of "now"; injected so that rules about deadlines and ordering are testable. */
export type Clock = () => Date
export const systemClock: Clock = () => new Date()
