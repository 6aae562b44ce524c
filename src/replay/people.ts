// Who is who in a replay: each person tag is one WeChat contact on puppet-mock, with a WeChat name,
// a group nickname (the same in every group) and the remark the bot set. People are found by tag and
// checked against the name they are shown as, so a typo cannot quietly bring in a new person.
import type { mock } from 'wechaty-puppet-mock'
import { TranscriptError } from './transcript.js'

export interface Contact {
  tag: string
  wxName: string
  /** Group nickname, shown instead of the WeChat name in every group. */
  nick: string | null
  id: string
}

/** Where a person is written: a group shows the nickname, a private chat the WeChat name. */
export type Where = 'room' | 'private'

export class People {
  private byTag = new Map<string, Contact>()
  private byId = new Map<string, Contact>()
  private minted = 0

  constructor(private mocker: mock.Mocker) {}

  /** The contact a speaker, a listed member or a private chat names: by tag, else a new one. */
  resolve(name: string, tag: string | undefined, where: Where, line: number): Contact {
    const t = tag ?? name
    const known = this.byTag.get(t)
    if (known) {
      const shown = this.shownAs(known, where)
      if (shown !== name) throw new TranscriptError(line, `${written(name, t)} is shown as ${written(shown, t)} here`)
      return known
    }
    return this.create(name, t, line)
  }

  /**
   * The contact a `rename` or `wxname` line names: `name` is their WeChat name (a rename also takes
   * the current nickname); a new tag is a new contact with that WeChat name.
   */
  named(name: string, tag: string, line: number, orNick: boolean): Contact {
    const known = this.byTag.get(tag)
    if (!known) return this.create(name, tag, line)
    if (known.wxName === name || (orNick && known.nick === name)) return known
    throw new TranscriptError(line, `{${tag}} is ${written(known.wxName, tag)}, not ${name}`)
  }

  /** The contact behind a contact id of the current login. */
  withId(id: string): Contact | undefined {
    return this.byId.get(id)
  }

  /** What the output calls the recipient of a private message: `@王网格`, or `@王网格{x}` for a namesake. */
  privateLabel(id: string): string {
    const c = this.byId.get(id)
    return '@' + (c ? written(c.wxName, c.tag) : this.mocker.contactPayload(id).name)
  }

  /** A mentioned member as shown in the group (what WeChat puts after @), and as the output prints them. */
  mention(id: string): { shown: string; label: string } {
    const c = this.byId.get(id)
    if (!c) { const name = this.mocker.contactPayload(id).name; return { shown: name, label: name } }
    const shown = this.shownAs(c, 'room')
    return { shown, label: c.tag === c.wxName ? shown : `${shown}{${c.tag}}` }
  }

  shownAs(c: Contact, where: Where): string {
    return where === 'room' ? c.nick ?? c.wxName : c.wxName
  }

  /**
   * A new login: each contact gets a new id (WeChat name, remark and nickname stay, as they do on
   * WeChat's side). Returns the old id → new id map; the old contacts are gone from the mock.
   */
  remint(suffix: string): Map<string, string> {
    const moved = new Map<string, string>()
    this.byId.clear()
    for (const c of this.byTag.values()) {
      const old = this.mocker.contactPayload(c.id)
      const fresh = this.mocker.createContact({ ...old, id: `p${++this.minted}${suffix}` })
      this.mocker.cacheContactPayload.delete(c.id)
      moved.set(c.id, fresh.id)
      c.id = fresh.id
      this.byId.set(c.id, c)
    }
    return moved
  }

  private create(wxName: string, tag: string, line: number): Contact {
    if (tag === wxName) {
      // the usual slip after a rename: the new nickname written without its tag
      const owner = [...this.byTag.values()].find(c => c.nick === wxName)
      if (owner) throw new TranscriptError(line, `${wxName} is the group nickname of ${written(owner.wxName, owner.tag)}: write ${written(wxName, owner.tag)}, or tag a new person: ${wxName}{new}`)
    }
    const mocked = this.mocker.createContact({ name: wxName })
    const c: Contact = { tag, wxName, nick: null, id: mocked.id }
    this.byTag.set(tag, c)
    this.byId.set(c.id, c)
    return c
  }
}

/** `李四`, or `李四{b}` when the tag is not the name. */
export function written(name: string, tag: string): string {
  return name === tag ? name : `${name}{${tag}}`
}
