// Pages read the export object leniently, each family its own sections with its own schema: an
// entry that cannot be read is left out rather than breaking a page (the export is also what a
// test fixture or an older database may give).
import type { ZodType } from 'zod'

export function readAll<T>(schema: ZodType<T>, xs: unknown): T[] {
  if (!Array.isArray(xs)) return []
  const out: T[] = []
  for (const x of xs) {
    const r = schema.safeParse(x)
    if (r.success) out.push(r.data)
  }
  return out
}
