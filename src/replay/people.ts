// Who is who in a replay: each person tag is one WeChat contact (on puppet-mock, or on the fake
// web-WeChat), with a WeChat name, a group nickname (the same in every group) and the remark the bot
// set. People are found by tag and checked against the name they are shown as, so a typo cannot
// quietly bring in a new person.
import { TranscriptError } from './transcript.js'

/** Where the account keeps its contacts: a new one by WeChat name, and the name behind an id. */
interface Directory {
  create(wxName: string): string
  nameOf(id: string): string
}

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
  constructor(private dir: Directory) {}

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
    return '@' + (c ? written(c.wxName, c.tag) : this.dir.nameOf(id))
  }

  /** A mentioned member as shown in the group (what WeChat puts after @), and as the output prints them. */
  mention(id: string): { shown: string; label: string } {
    const c = this.byId.get(id)
    if (!c) { const name = this.dir.nameOf(id); return { shown: name, label: name } }
    const shown = this.shownAs(c, 'room')
    return { shown, label: c.tag === c.wxName ? shown : `${shown}{${c.tag}}` }
  }

  shownAs(c: Contact, where: Where): string {
    return where === 'room' ? c.nick ?? c.wxName : c.wxName
  }

  /**
   * A new login: each contact gets a new id (WeChat name, remark and nickname stay, as they do on
   * WeChat's side), the one `next` gives for its old id. Returns the old id → new id map.
   */
  remint(next: (oldId: string) => string): Map<string, string> {
    const moved = new Map<string, string>()
    this.byId.clear()
    for (const c of this.byTag.values()) {
      const id = next(c.id)
      moved.set(c.id, id)
      c.id = id
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
    const c: Contact = { tag, wxName, nick: null, id: this.dir.create(wxName) }
    this.byTag.set(tag, c)
    this.byId.set(c.id, c)
    return c
  }
}

/** `李四`, or `李四{b}` when the tag is not the name. */
export function written(name: string, tag: string): string {
  return name === tag ? name : `${name}{${tag}}`
}
