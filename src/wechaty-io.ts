// Between Wechaty's objects and Linli's plain ones: a message becomes an Incoming; an outbox row
// becomes room.say / contact.say. Rooms are found by topic at send time (ids change at every
// login); people only by their contact id of this login, which the outbox resolves from the person.
import { types } from 'wechaty'
import type { WechatyInterface, MessageInterface, RoomInterface, ContactInterface } from 'wechaty/impls'
import { FileBox } from 'file-box'
import type { Attachment, Incoming } from './types.js'
import type { OutMessage, Transport } from './outbox.js'

const QUOTE = /^「([\s\S]*?)」\n(?:- ){3,}-?\n([\s\S]*)$/

/** WeChat shows a quoted reply as 「quote」 + a dashed line + the reply. */
export function splitQuote(text: string): { text: string; quote: string | null } {
  const m = QUOTE.exec(text)
  return m ? { text: m[2], quote: m[1].replace(/^[^:：\n]{1,40}[:：]/, '') } : { text, quote: null }
}

/**
 * A room as Linli names it. Everywhere inside, a target is a room topic or `@name` (a person), so a
 * group whose topic itself starts with `@` is named with a full-width `＠` instead; sending to it
 * looks for either topic.
 */
export function roomName(topic: string): string {
  return topic.startsWith('@') ? '＠' + topic.slice(1) : topic
}

function topicsOf(name: string): string[] {
  return name.startsWith('＠') ? [name, '@' + name.slice(1)] : [name]
}

/** An image or file message's name and announced size; the bytes are read later, if at all (loadAttachment). */
async function attachmentOf(msg: MessageInterface, kind: 'image' | 'file'): Promise<Attachment> {
  const box = await msg.toFileBox()
  return {
    kind, name: box.name || (kind === 'image' ? '图片.jpg' : '文件'), size: box.size > 0 ? box.size : null,
    load: () => box.toBuffer(),
  }
}

/** Read an attachment's bytes unless it is (announced or found) larger than `maxBytes`. */
export async function loadAttachment(a: Attachment, maxBytes: number, log: (line: string) => void): Promise<void> {
  if (a.size !== null && a.size > maxBytes) return
  try {
    const data = await a.load()
    a.size = data.length
    if (data.length <= maxBytes) a.data = data
  } catch (e) {
    log(`could not read ${a.kind} ${a.name}: ${(e as Error)?.message ?? e}`)
  }
}

/**
 * Reads Wechaty messages into Incomings for one bot. A leading or trailing `@<the bot>`
 * (`@邻里助手 帮助`) is addressing, not part of what is said.
 */
export class MessageReader {
  constructor(private bot: WechatyInterface) {}

  async read(msg: MessageInterface): Promise<Incoming | null> {
    if (msg.self()) return null
    const t = msg.type()
    const kind = t === types.Message.Image ? 'image' : t === types.Message.Attachment ? 'file' : null
    if (t !== types.Message.Text && t !== types.Message.GroupNote && !kind) return null
    const talker = msg.talker()
    const room = msg.room()
    const topic = room ? roomName(await room.topic()) : null
    const nick = room ? (await room.alias(talker)) ?? null : null
    const { text, quote } = kind ? { text: '', quote: null } : splitQuote(await this.unaddressed(msg.text(), room))
    return {
      id: msg.id || null,
      room: topic,
      sender: { id: talker.id, name: talker.name(), nick: nick || null, remark: (await talker.alias()) || null },
      at: msg.date().getTime(),
      text,
      type: t === types.Message.GroupNote ? 'groupnote' : 'text',
      quote,
      ...(kind ? { attachment: await attachmentOf(msg, kind) } : {}),
    }
  }

  private async unaddressed(text: string, room: RoomInterface | undefined): Promise<string> {
    const me = this.bot.currentUser
    // only a message that starts with an @, or ends with one after a space, reads the bot's names
    if (!me || !(text.startsWith('@') || /\s@[^@]*$/.test(text))) return text
    const names = new Set([me.name(), room ? await room.alias(me) : undefined].filter((n): n is string => !!n))
    for (const n of names) {
      const at = '@' + n
      if (text.startsWith(at) && /^$|^[\u2005\s]/.test(text.slice(at.length, at.length + 1))) return text.slice(at.length).trimStart()
      if (text.endsWith(at) && /[\u2005\s]$/.test(text.slice(0, -at.length))) return text.slice(0, -at.length).trimEnd()
    }
    return text
  }
}

/** Sends outbox rows through a Wechaty bot. `rooms` caches rooms by Linli's name for them. */
export class WechatyTransport implements Transport {
  constructor(private bot: WechatyInterface, readonly rooms = new Map<string, RoomInterface>()) {}

  async send(m: OutMessage): Promise<void> {
    if (m.contactId) return this.sendPrivate(m, m.contactId)
    const room = await this.findRoom(m.to)
    if (!room) throw new Error(`room ${m.to} not found`)
    if (m.kind === 'file') { await room.say(FileBox.fromBuffer(m.file!.data, m.file!.name)); return }
    if (!m.mentions.length) { await room.say(m.text); return }
    // mentions go by contact id; someone not seen in this login is named in the text instead
    const found: ContactInterface[] = []
    const unseen: string[] = []
    for (const x of m.mentions) {
      const c = x.contactId ? await this.bot.Contact.find({ id: x.contactId }) : undefined
      if (c) found.push(c)
      else unseen.push('@' + x.name)
    }
    await room.say(unseen.length ? `${unseen.join(' ')} ${m.text}` : m.text, ...found)
  }

  /** By contact id only: a remark or a private message never goes to a namesake. */
  private async sendPrivate(m: OutMessage, id: string): Promise<void> {
    const contact = await this.bot.Contact.find({ id })
    if (!contact) throw new Error(`contact ${id} not found in this login`)
    if (m.kind === 'remark') { await contact.alias(m.text); return }
    if (m.kind === 'file') { await contact.say(FileBox.fromBuffer(m.file!.data, m.file!.name)); return }
    await contact.say(m.text)
  }

  async findRoom(name: string): Promise<RoomInterface | undefined> {
    const cached = this.rooms.get(name)
    if (cached && roomName(await cached.topic()) === name) return cached
    for (const topic of topicsOf(name)) {
      const room = await this.bot.Room.find({ topic })
      if (room) { this.rooms.set(name, room); return room }
    }
    return undefined
  }
}

/**
 * Stops a bot. wechaty-puppet-wechat4u (1.14.14) answers wechat4u's `logout` by starting wechat4u
 * again, and its onStop() makes wechat4u stop (which emits `logout`) and then drops it: the restart
 * then reads `undefined.start` (puppet-wechat4u.js:305), an unhandled rejection at every stop. Its
 * timer fetching unknown contacts (every 2 s) outlives onStop too and then throws on
 * `undefined.batchGetContact` (puppet-wechat4u.js:132). Both are defused first; any other puppet is
 * stopped as it is.
 */
export async function stopBot(bot: WechatyInterface): Promise<void> {
  const p = bot.puppet as unknown as { wechat4u?: { removeAllListeners?: (e: string) => void }; getContactInterval?: NodeJS.Timeout }
  p.wechat4u?.removeAllListeners?.('logout')
  if (p.getContactInterval) { clearInterval(p.getContactInterval); p.getContactInterval = undefined }
  await bot.stop()
}
