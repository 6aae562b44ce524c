// Messages as webwxsync delivers them (AddMsgList entries). A group message comes from the group's
// UserName with the sender's UserName before the text (`@abc…:<br/>text`); line breaks are `<br/>`
// and `<` `>` are escaped. WeChat's own 接龙 is an app message (MsgType 49) of AppMsgType 53, whose
// <title> is the whole list; wechaty-puppet-wechat4u maps it to types.Message.GroupNote.
import type { WxPerson, WxRoom } from './model.js'

const MSGTYPE_TEXT = 1
export const MSGTYPE_APP = 49
const MSGTYPE_SYS = 10000
export const APPMSGTYPE_GROUPNOTE = 53

export interface AddMsg {
  MsgId: string
  FromUserName: string
  ToUserName: string
  MsgType: number
  AppMsgType: number
  Content: string
  CreateTime: number
  [k: string]: unknown
}

/** What WeChat does to text inside Content: tags escaped, line breaks as <br/>. */
const wire = (s: string) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br/>')
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function base(id: string, from: string, to: string, at: number): AddMsg {
  return {
    MsgId: id, NewMsgId: id, FromUserName: from, ToUserName: to, MsgType: MSGTYPE_TEXT, AppMsgType: 0,
    Content: '', CreateTime: Math.floor(at / 1000), Status: 3, ImgStatus: 1, VoiceLength: 0,
    PlayLength: 0, FileName: '', FileSize: '', MediaId: '', Url: '', StatusNotifyCode: 0,
    StatusNotifyUserName: '', ForwardFlag: 0, HasProductId: 0, Ticket: '', ImgHeight: 0, ImgWidth: 0,
    SubMsgType: 0, OriContent: '', EncryFileName: '',
    RecommendInfo: { UserName: '', NickName: '', QQNum: 0, Province: '', City: '', Content: '', Signature: '', Alias: '', Scene: 0, VerifyFlag: 0, AttrStatus: 0, Sex: 0, Ticket: '', OpCode: 0 },
    AppInfo: { AppID: '', Type: 0 },
  }
}

export interface Said { id: string; from: WxPerson; room: WxRoom | null; to: WxPerson; text: string; at: number }

/** A text message: in a group with the sender prefix, privately as it is. */
export function textMsg(s: Said): AddMsg {
  const m = base(s.id, s.room ? s.room.UserName : s.from.UserName, s.to.UserName, s.at)
  m.Content = s.room ? `${s.from.UserName}:<br/>${wire(s.text)}` : wire(s.text)
  return m
}

/** WeChat's own 接龙: an app message whose title carries the whole list. */
export function groupNoteMsg(s: Said): AddMsg {
  const xml = `<?xml version="1.0"?>\n<msg><appmsg appid="" sdkver="0"><title>${xmlText(s.text)}</title>`
    + `<des></des><action>view</action><type>${APPMSGTYPE_GROUPNOTE}</type><showtype>0</showtype>`
    + `<content></content><url></url><lowurl></lowurl><appattach><totallen>0</totallen><attachid></attachid>`
    + `<fileext></fileext></appattach><extinfo></extinfo><sourceusername></sourceusername>`
    + `<sourcedisplayname></sourcedisplayname></appmsg><fromusername>${s.from.UserName}</fromusername>`
    + `<scene>0</scene><appinfo><version>1</version><appname></appname></appinfo><commenturl></commenturl></msg>`
  const m = base(s.id, s.room ? s.room.UserName : s.from.UserName, s.to.UserName, s.at)
  m.MsgType = MSGTYPE_APP
  m.AppMsgType = APPMSGTYPE_GROUPNOTE
  m.Content = (s.room ? `${s.from.UserName}:<br/>` : '') + wire(xml)
  return m
}

/** The system line a group shows when a member renames it: `"张三"修改群名为“新名”`. */
export function topicMsg(id: string, room: WxRoom, by: WxPerson, shownAs: string, topic: string, to: WxPerson, at: number): AddMsg {
  const m = base(id, room.UserName, to.UserName, at)
  m.MsgType = MSGTYPE_SYS
  m.Content = by === to ? `你修改群名为“${topic}”` : `"${shownAs}"修改群名为“${topic}”`
  return m
}
