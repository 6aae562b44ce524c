// The fake's message queue: what the next webwxsync hands over (AddMsgList, ModContactList), and
// the synccheck hold. WeChat holds a synccheck until something arrives (about 25 s); the fake holds
// it until something is queued or `holdMs` pass, so wechat4u neither spins nor makes a test wait.
// Something queued counts as delivered when wechat4u asks again after the webwxsync that carried
// it: by then wechat4u has applied the contacts (handleSync is synchronous) and emitted the messages.
import { json, type WxPerson, type WxRoom } from './model.js'
import type { AddMsg } from './messages.js'

interface Item { msg?: AddMsg; mod?: WxPerson | WxRoom; done: () => void }

export class SyncQueue {
  private items: Item[] = []
  private holds = new Set<() => void>()
  private carried: (() => void)[] = []
  private key = 1
  private stopped = false

  /** Queue a message or a contact/group to re-send; resolves once wechat4u has taken it in. */
  push(x: { msg?: AddMsg; mod?: WxPerson | WxRoom }): Promise<void> {
    return new Promise(resolve => {
      if (this.stopped) { resolve(); return }
      this.items.push({ ...x, done: resolve })
      for (const wake of this.holds) wake()
    })
  }

  get waiting(): boolean {
    return this.items.length > 0
  }

  /** A synccheck arrived: whatever the last webwxsync carried has been applied. */
  checked(): void {
    const done = this.carried.splice(0)
    for (const d of done) d()
  }

  /** Wait until something is queued, at most `ms` (real time). */
  hold(ms: number): Promise<void> {
    if (this.items.length || this.stopped) return Promise.resolve()
    return new Promise(resolve => {
      const wake = () => { clearTimeout(timer); this.holds.delete(wake); resolve() }
      const timer = setTimeout(wake, ms)
      this.holds.add(wake)
    })
  }

  /** The body of a webwxsync answer; contacts and groups are written as they are now. */
  take(): Record<string, unknown> {
    const items = this.items.splice(0)
    this.carried.push(...items.map(i => i.done))
    const AddMsgList = items.flatMap(i => i.msg ? [i.msg] : [])
    const ModContactList = items.flatMap(i => i.mod ? [json(i.mod)] : [])
    this.key++
    return {
      BaseResponse: { Ret: 0, ErrMsg: '' },
      AddMsgCount: AddMsgList.length, AddMsgList,
      ModContactCount: ModContactList.length, ModContactList,
      DelContactCount: 0, DelContactList: [], ModChatRoomMemberCount: 0, ModChatRoomMemberList: [],
      Profile: { BitFlag: 0 }, ContinueFlag: 0, SKey: '',
      SyncKey: this.syncKey(), SyncCheckKey: this.syncKey(),
    }
  }

  syncKey(): { Count: number; List: { Key: number; Val: number }[] } {
    return { Count: 2, List: [{ Key: 1, Val: this.key }, { Key: 2, Val: this.key }] }
  }

  /** Stop: every hold answers now and every waiter is let go. */
  stop(): void {
    this.stopped = true
    for (const wake of [...this.holds]) wake()
    for (const i of this.items.splice(0)) i.done()
    this.checked()
  }
}
