// The WeChat account the fake web-WeChat serves: the bot's own user, its contacts (UserName, NickName,
// RemarkName), its groups (a topic and members with their group nicknames), and the JSON shapes the
// web protocol gives them. A person or group is an object that lives across logins; its UserName
// (`@…` for people, `@@…` for groups) is minted anew at every login, as WeChat does.
import { createHash } from 'node:crypto'

export interface WxPerson {
  /** Stable inside the fake (never sent): survives every relogin. */
  readonly key: string
  UserName: string
  NickName: string
  /** The remark the account set on this contact (the bot writes it with webwxoplog). */
  RemarkName: string
  /** In the address book (webwxgetcontact); group members who are not friends are not. */
  friend: boolean
}

export interface WxRoom {
  readonly key: string
  UserName: string
  /** The group's topic. */
  NickName: string
  /** Member → group nickname ('' for none), in joining order; the bot is a member too. */
  members: Map<WxPerson, string>
}

const hex = (alg: 'md5' | 'sha256', s: string) => createHash(alg).update(s).digest('hex')

export class WxModel {
  readonly people: WxPerson[] = []
  readonly rooms: WxRoom[] = []
  /** Which login this is: every login mints new UserNames. */
  generation = 1
  readonly self: WxPerson

  constructor(botName: string) {
    this.self = this.person(botName, { friend: false })
  }

  person(nickName: string, o: { friend?: boolean; remark?: string } = {}): WxPerson {
    const key = `p${this.people.length}`
    const p: WxPerson = { key, UserName: this.userName(key), NickName: nickName, RemarkName: o.remark ?? '', friend: o.friend ?? true }
    this.people.push(p)
    return p
  }

  room(topic: string, members: WxPerson[], nicks: ReadonlyMap<WxPerson, string> = new Map()): WxRoom {
    const key = `r${this.rooms.length}`
    const r: WxRoom = { key, UserName: this.roomName(key), NickName: topic, members: new Map() }
    for (const m of [this.self, ...members]) r.members.set(m, nicks.get(m) ?? '')
    this.rooms.push(r)
    return r
  }

  /** A new login: every person (the bot too) and every group gets a new UserName. */
  remint(): void {
    this.generation++
    for (const p of this.people) p.UserName = this.userName(p.key)
    for (const r of this.rooms) r.UserName = this.roomName(r.key)
  }

  byUserName(id: string): WxPerson | WxRoom | undefined {
    return this.people.find(p => p.UserName === id) ?? this.rooms.find(r => r.UserName === id)
  }

  private userName(key: string): string {
    return '@' + hex('md5', `${this.generation}:${key}`)
  }

  private roomName(key: string): string {
    return '@@' + hex('sha256', `${this.generation}:${key}`)
  }
}

export function isRoom(x: WxPerson | WxRoom): x is WxRoom {
  return 'members' in x
}

/** A contact as webwxinit / webwxgetcontact / webwxbatchgetcontact give it. */
export function contactJson(p: WxPerson): Record<string, unknown> {
  return {
    Uin: 0, UserName: p.UserName, NickName: p.NickName, RemarkName: p.RemarkName,
    HeadImgUrl: `/cgi-bin/mmwebwx-bin/webwxgeticon?seq=1&username=${p.UserName}&skey=`,
    ContactFlag: p.friend ? 3 : 0, MemberCount: 0, MemberList: [], HideInputBarFlag: 0, Sex: 0,
    Signature: '', VerifyFlag: 0, OwnerUin: 0, PYInitial: '', PYQuanPin: '', RemarkPYInitial: '',
    RemarkPYQuanPin: '', StarFriend: 0, AppAccountFlag: 0, Statues: 0, AttrStatus: 0, Province: '',
    City: '', Alias: '', SnsFlag: 0, UniFriend: 0, DisplayName: '', ChatRoomId: 0, KeyWord: '',
    EncryChatRoomId: '', IsOwner: 0,
  }
}

/** A group with its member list (DisplayName = the member's group nickname). */
export function roomJson(r: WxRoom): Record<string, unknown> {
  const MemberList = [...r.members].map(([p, nick]) => ({
    Uin: 0, UserName: p.UserName, NickName: p.NickName, AttrStatus: 0, PYInitial: '', PYQuanPin: '',
    RemarkPYInitial: '', RemarkPYQuanPin: '', MemberStatus: 0, DisplayName: nick, KeyWord: '',
  }))
  return {
    ...contactJson({ key: r.key, UserName: r.UserName, NickName: r.NickName, RemarkName: '', friend: false }),
    ContactFlag: 2, MemberCount: MemberList.length, MemberList,
    EncryChatRoomId: '@' + hex('md5', r.UserName),
  }
}

export function json(x: WxPerson | WxRoom): Record<string, unknown> {
  return isRoom(x) ? roomJson(x) : contactJson(x)
}
