// The contract for a dashboard that acts (issue 18): a family's actions are forms on its pages.
// Each is a POST that the dashboard checks (session, CSRF token, the target's owner), runs in one
// transaction with an ActionCtx (the same outbox writers as commands) and records (操作记录).
import type { Ctx, Db, Invalid, Who } from './types.js'
import type { ExportState } from './slices.js'

/** Who is looking at the dashboard. person null: a login from before logins had a person (may look, not act). */
export interface Viewer { person: number | null; name: string; admin: boolean }

/** What an action acts on: how the record names it, whose it is (a person), the page to go back to. */
export interface ActionTarget { label: string; owner: number | null; home: string }

/** What an action's run sees: a job's context, plus who acts (the logged-in person). */
export interface ActionCtx extends Ctx {
  actor: Who
  isAdmin: boolean
}

export interface Action<T extends ActionTarget = ActionTarget, I = unknown> {
  /** The POST route, e.g. `/chains/:id/close`. */
  path: string
  /** `family.verb`, unique among the families (the registry checks it). */
  name: string
  /** Chinese label: the button and the record (截单). */
  label: string
  /** The target named by the route's parameters, or null (404). Read-only. */
  locate(db: Db, params: Record<string, string>): T | null
  /** The form's fields as input, or invalid('中文') (nothing runs; the page says why). */
  parse(form: Record<string, string>, target: T): I | Invalid
  /** Inside the transaction; returns the message shown after. `throw new UserError('…')` refuses and rolls back. */
  run(input: I, target: T, ctx: ActionCtx): string
}

export function defineAction<T extends ActionTarget, I>(a: Action<T, I>): Action<T, I> {
  return a
}

/** How a family lets leaders (not admins) in: who leads something, and what of the export they see. */
export interface DashboardAccess {
  /** Does this person lead something here (a chain's owner): may they get a login with 后台? */
  leads(db: Db, person: number): boolean
  /** This family's sections of the export cut down to what the person owns. */
  scope(state: ExportState, db: Db, person: number): ExportState
}
