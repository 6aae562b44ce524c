// The replay's puppet: wechaty-puppet-mock, plus what the replay needs of a real account. It hands
// every outgoing message to the runner, keeps the remarks the bot sets, and gives members the group
// nicknames the transcript set (the mock has none).
import { PuppetMock } from 'wechaty-puppet-mock'
import type { FileBoxInterface } from 'file-box'

export type Sent = { conversationId: string; text: string; mentionIds: string[] }

export class CapturingPuppet extends PuppetMock {
  onSend: (s: Sent) => void = () => {}
  /** A contact's group nickname (the same in every group), or nothing. */
  nickOf: (contactId: string) => string | null | undefined = () => undefined
  /** The images and files transcript lines sent (`!image 白菜.jpg`), by message id. */
  readonly files = new Map<string, FileBoxInterface>()

  override async messageFile(id: string): Promise<FileBoxInterface> {
    return this.files.get(id) ?? super.messageFile(id)
  }

  override async messageSendText(conversationId: string, text: string, mentionIdList?: string[]): Promise<void> {
    this.onSend({ conversationId, text, mentionIds: mentionIdList ?? [] })
    await super.messageSendText(conversationId, text)
  }

  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    this.onSend({ conversationId, text: `[文件] ${file.name}`, mentionIds: [] })
  }

  // The mock forgets remarks; keep them on the contact payload like WeChat does.
  override async contactAlias(contactId: string, alias?: string | null): Promise<any> {
    const payload = this.mocker.contactPayload(contactId)
    if (alias === undefined) return payload.alias ?? ''
    this.mocker.contactPayload(contactId, { ...payload, alias: alias ?? '' })
  }

  override async roomMemberRawPayload(roomId: string, contactId: string): Promise<any> {
    const p = await super.roomMemberRawPayload(roomId, contactId)
    return { ...p, roomAlias: this.nickOf(contactId) ?? undefined }
  }
}
