// Readings no thermometer shows, through the bot: `体温 3650`, `36..5`, `3.65℃` get the re-measure
// reply (with an @ in the room, in private chat when sent there) and store nothing; a bare number
// that is no clear reading (`3650`, a phone number, a price) stays unanswered, as does anything
// without a keyword in a room where check-ins are off.
import { describe, expect, it } from 'vitest'
import { dms, ROOM, roomMsgs, run } from './helpers.js'

const CHAT = '5栋闲聊群'
const setup = (lines: string[]) => [
  `== ${ROOM}: 3-2-501 王五, 小明`,
  '@ 2026-11-24 07:00',
  '王网格*: 打卡 开启 每天08:00提醒 10:00催报',
  `== ${CHAT}: 小明, 赵六`,
  '@ 2026-11-24 08:30',
  ...lines,
].join('\n') + '\n'

const since = <T extends { at: string }>(ms: T[]) => ms.filter(m => m.at >= '2026-11-24T08:30')

describe('absurd readings get the re-measure prompt', () => {
  // `体温 365` is no longer here: understanding reads a lone 365 as 36.5 (understand.test.ts)
  const absurd = ['体温 3650', '体温 36.5.5', '36..5', '体温 3.65', '3650℃', '3.65度', '体温 36..5']
  const silent = ['3650', '13812345678', '3.65', '36楼', '8.30', '36.555', '3650元']

  it('in a check-in room: one reply with an @ per absurd reading, nothing for ordinary numbers, nothing stored', async () => {
    const out = await run(setup([`== ${ROOM}`, ...[...absurd, ...silent].map(t => `小明: ${t}`)]))
    const replies = since(roomMsgs(out.messages))
    expect(replies.map(m => m.text)).toEqual(absurd.map(() => '这个体温数值看起来不对，请重新测量后再发，例如：体温 36.5。本条没有记录。'))
    expect(replies.every(m => m.mentions.join() === '小明')).toBe(true)
    expect(out.state.checkins).toEqual([])
  })

  it('in private chat to a member of a check-in room: the prompt comes privately', async () => {
    const out = await run(setup(['== @小明', '小明: 体温 3650', '小明: 36..5', '小明: 3650']))
    expect(dms(out.messages, '小明').map(m => m.text.slice(0, 11))).toEqual(['这个体温数值看起来不对', '这个体温数值看起来不对'])
    expect(out.state.checkins).toEqual([])
  })

  it('where check-ins are off, only a keyword gets an answer (that they are off)', async () => {
    const out = await run(setup([`== ${CHAT}`, ...['36..5', '3650℃', '3650', '3.65度'].map(t => `赵六: ${t}`), '赵六: 体温 3650']))
    expect(since(roomMsgs(out.messages, CHAT)).map(m => m.text.slice(0, 12))).toEqual(['本群还没有开启体温打卡。'])
  })
})

describe('a bare reading with its first two digits swapped (63.5 for 36.5)', () => {
  const prompt = '这个体温数值看起来不对，请重新测量后再发，例如：体温 36.5。本条没有记录。'

  it('from a member who owes today\'s reading: the prompt with an @, nothing stored', async () => {
    const out = await run(setup([`== ${ROOM}`, '小明: 63.5', '3-2-501 王五: 73.2度']))
    const replies = since(roomMsgs(out.messages))
    expect(replies.map(m => m.text)).toEqual([prompt, prompt])
    expect(replies.map(m => m.mentions.join())).toEqual(['小明', '3-2-501 王五'])
    expect(out.state.checkins).toEqual([])
  })

  it('silent after the day\'s reading, where check-ins are off, and for other numbers', async () => {
    const out = await run(setup([`== ${ROOM}`, '小明: 36.5', '小明: 63.5', '3-2-501 王五: 64.5', '3-2-501 王五: 13.5',
      '3-2-501 王五: 63.5元', `== ${CHAT}`, '赵六: 63.5']))
    const replies = since([...roomMsgs(out.messages), ...roomMsgs(out.messages, CHAT)])
    expect(replies.map(m => m.text.slice(0, 6))).toEqual(['✅ 已打卡：'])
  })
})
