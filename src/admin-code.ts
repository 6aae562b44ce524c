// The operator's admin enrolment code (`管理员 <code>` in private chat) when .env sets none: made at
// the first start and kept in the database. It is shown once, when made, and after that only on
// request (`npm run admin-code`): logs are kept and passed around, the code must not be in them.
import { randomBytes } from 'node:crypto'
import type { Db } from './types.js'
import { getMeta, setMeta } from './store/db.js'

const KEY = 'admin_code'

/** The stored code, made now if there is none; `created` tells the caller it may show it this once. */
export function ensureAdminCode(db: Db): { code: string; created: boolean } {
  const code = getMeta(db, KEY)
  if (code) return { code, created: false }
  return { code: replaceAdminCode(db), created: true }
}

/**
 * A new code. The old one stops working at once, in a running bot too (enrolment reads the code at
 * every attempt); admins keep their rights, which hang on the person, not on the code.
 */
export function replaceAdminCode(db: Db): string {
  const code = randomBytes(5).toString('hex')
  setMeta(db, KEY, code)
  return code
}
