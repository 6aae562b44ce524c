// A list shown in a group (a chain's orders, its summary per household, open aid entries): long
// ones are cut, with the count and where the whole list is, so one big list cannot fill a room.
/** Lines a group list shows at most. */
export const LIST_MAX = 60

/** At most `max` lines; past that the first ones and `…共 N 项，<where the rest is>`. */
export function capList(lines: string[], rest: string, max = LIST_MAX): string[] {
  if (lines.length <= max) return lines
  return [...lines.slice(0, max), `…共 ${lines.length} 项，${rest}`]
}
