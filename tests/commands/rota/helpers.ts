// Shared by the 值班 transcript tests: run a transcript, pick out the shifts and who was told what.
import { runTranscript } from '../../../src/replay/runner.js'
import type { Config } from '../../../src/config.js'

export interface ShiftOut {
  id: number; room: string; post: string; start: string; end: string; need: number
  volunteers: string[]; waitlist: string[]; status: string
}

export async function run(transcript: string, config: Partial<Config> = {}) {
  const out = await runTranscript(transcript, { config })
  return {
    ...out,
    shifts: out.state.shifts as ShiftOut[],
    to: (target: string) => out.messages.filter(m => m.to === target),
  }
}

export const ROOM = '网格群'
export const HEAD = `== ${ROOM}: 老周, 小马, 李姐, 阿强, 王阿姨\n@ 2026-11-24 10:00\n`
export const POST = `${HEAD}王网格*: 招募志愿者：明天8-12点 东门卡点 2人，12-18点 2人\n`
