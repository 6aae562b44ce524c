// The families, checked once at start: every command name, job kind, file kind, export section
// and dashboard path has one owner and follows `family.verb`, so a new family can never silently
// shadow another's command or run another's scheduled job.
import type { Command, DashboardPage, ExportSlice, Family, FileDef, JobDef } from './types.js'
import { setLeaderChecks } from './dashboard/auth.js'

export class RegistryError extends Error {}

const ID = /^[a-z][a-z0-9]*$/
const VERB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

type Kind = 'command' | 'job kind' | 'file kind' | 'export section' | 'dashboard path' | 'dashboard action'

export class Registry {
  readonly families: readonly Family[]
  /** Every command, in the order the engine tries them. */
  readonly commands: readonly Command[]
  readonly jobs = new Map<string, JobDef>()
  readonly files = new Map<string, FileDef>()
  readonly sections = new Map<string, ExportSlice['sections'][string]>()
  readonly pages: readonly DashboardPage[]
  /** Which family owns each name, per kind: for the error that names both owners. */
  private owners = new Map<string, string>()

  constructor(families: readonly Family[]) {
    this.families = families
    const ids = new Set<string>()
    for (const f of families) {
      if (!ID.test(f.id)) throw new RegistryError(`Family "${f.name}" has id "${f.id}": ids are lower-case letters and digits (e.g. chain)`)
      if (ids.has(f.id)) throw new RegistryError(`Two families have the id "${f.id}"`)
      ids.add(f.id)
    }
    for (const f of families) {
      for (const c of f.commands) this.claim('command', c.name, f)
      for (const j of f.jobs ?? []) { this.claim('job kind', j.kind, f); this.jobs.set(j.kind, j) }
      for (const d of f.files ?? []) { this.claim('file kind', d.kind, f); this.files.set(d.kind, d) }
      for (const [s, fn] of Object.entries(f.export?.sections ?? {})) { this.claim('export section', s, f, false); this.sections.set(s, fn) }
      for (const p of f.pages ?? []) this.claim('dashboard path', p.path, f, false)
      for (const a of f.actions ?? []) { this.claim('dashboard action', a.name, f); this.claim('dashboard path', 'POST ' + a.path, f, false) }
    }
    // a command and a job with one name would be told apart only by context in logs and the store
    for (const j of this.jobs.keys()) {
      const owner = this.owners.get('command ' + j)
      if (owner) throw new RegistryError(`"${j}" is both a command (family "${owner}") and a job kind (family "${this.owners.get('job kind ' + j)}"): give one of them another name`)
    }
    this.commands = families.flatMap(f => f.commands)
    this.pages = families.flatMap(f => f.pages ?? [])
    // `后台` (the dashboard family) asks whether a non-admin leads something, without importing the families
    setLeaderChecks(families.flatMap(f => f.access ? [f.access.leads] : []))
  }

  private claim(kind: Kind, name: string, f: Family, styled = true): void {
    const key = kind + ' ' + name
    const prior = this.owners.get(key)
    if (prior !== undefined) throw new RegistryError(`Duplicate ${kind} "${name}": registered by family "${prior}" and by family "${f.id}"`)
    if (styled) checkStyle(kind, name, f)
    this.owners.set(key, f.id)
  }
}

/** Names are `family.verb`: the owner's id, a dot, a lower-case verb with dashes. */
function checkStyle(kind: Kind, name: string, f: Family): void {
  const dot = name.indexOf('.')
  if (dot < 0 || name.slice(0, dot) !== f.id || !VERB.test(name.slice(dot + 1))) {
    throw new RegistryError(`The ${kind} "${name}" of family "${f.id}" must be named ${f.id}.<verb> (lower case, dashes), e.g. ${f.id}.start`)
  }
}
