// What a message is: the first command whose \`where\` fits and whose own parse recognises the text
// (the commands in family order); else what the families understand from one reading of it
// (src/understand), decided. null: ordinary chat, which gets no reply at all.
import type { Command, MessageCtx } from './types.js'
import type { Registry } from './registry.js'
import type { MsgCtx } from './context.js'
import { understand } from './understand/decide.js'

interface Found {
  cmd: Command
  input: unknown
  /** Understood as well, run after it (Proposal.alongside). */
  also?: Array<{ cmd: Command; input: unknown }>
}

export function findCommand(registry: Registry, ctx: MsgCtx, log: (line: string) => void): Found | null {
  // an image or file goes only to the commands that take them, never to understanding
  return ctx.routing(() => parse(registry, ctx, log) ?? (ctx.incoming.attachment ? null : understood(registry, ctx, log)))
}

function parse(registry: Registry, ctx: MessageCtx, log: (line: string) => void): Found | null {
  const where = ctx.room ? 'room' : 'private'
  for (const c of registry.commands) {
    if (c.where !== 'any' && c.where !== where) continue
    if (!c.attachments !== !ctx.incoming.attachment) continue
    let input: unknown = null
    try { input = c.parse(ctx) } catch (e) { log(`parse ${c.name} threw: ${(e as Error)?.stack ?? e}`) }
    if (input !== null && input !== undefined) return { cmd: c, input }
  }
  return null
}

function understood(registry: Registry, ctx: MessageCtx, log: (line: string) => void): Found | null {
  const [chosen, ...also] = understand(registry.families, ctx, log)
  if (!chosen) return null
  return { cmd: chosen.command, input: chosen.input, also: also.map(p => ({ cmd: p.command, input: p.input })) }
}
