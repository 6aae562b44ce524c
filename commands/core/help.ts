// `帮助` / `菜单` lists every family's commands briefly; `帮助 接龙` shows one family with the form
// and an example of each. Generated from the commands' own help, so it never goes stale.
import { defineCommand, type Family } from '../../src/types.js'

function helpAll(families: readonly Family[]): string {
  const lines = ['邻里助手 · 常用命令']
  // a family of leaders' tools only (值班) has no block: the closing line names it, keeping 帮助 one message
  const hidden: string[] = []
  for (const f of families) {
    const cmds = f.commands.filter(c => c.help)
    if (!cmds.length) continue
    if (cmds.every(c => c.help!.overview === false)) { hidden.push(f.name); continue }
    lines.push('', `【${f.name}】`)
    for (const c of cmds) if (c.help!.overview !== false) lines.push(`· ${c.help!.usage}  ${c.help!.summary}`)
    if (cmds.some(c => c.help!.overview === false)) lines.push(`· 更多：帮助 ${f.name}`)
  }
  const example = families.find(f => f.id !== 'core' && f.commands.some(c => c.help))
  const named = hidden.length ? hidden : example ? [example.name] : []
  // one short line however many families it names (帮助 stays one message, LINLI_SPLIT_AT)
  if (named.length) lines.push('', `发「帮助 类别」看例子，如 ${named.join('、')}。`)
  return lines.join('\n')
}

function helpOne(f: Family): string {
  const lines = [`【${f.name}】`]
  for (const c of f.commands.filter(c => c.help)) {
    lines.push(`· ${c.help!.summary}`, `  格式：${c.help!.usage}`, `  例如：${c.help!.example}`)
  }
  return lines.join('\n')
}

export function helpCommand(all: () => readonly Family[]) {
  return defineCommand<{ family: string | null }, 'any'>({
    name: 'core.help',
    help: { summary: '查看命令列表', usage: '帮助 [类别]', example: '帮助 接龙' },
    where: 'any', who: 'anyone',
    parse(ctx) {
      const m = /^(?:帮助|菜单|help)(?:\s+(\S+))?$/i.exec(ctx.text)
      return m ? { family: m[1] ?? null } : null
    },
    run({ family }, ctx) {
      const families = all()
      if (!family) return ctx.reply(helpAll(families))
      const f = families.find(f => f.name === family || f.name.includes(family) || f.aliases?.includes(family))
      const shown = families.filter(f => f.commands.some(c => c.help))
      if (!f) return ctx.reply(`没有「${family.slice(0, 20)}」这一类。可以看：${shown.map(f => f.name).join('、')}\n例如：帮助 ${shown.find(f => f.id !== 'core')?.name ?? shown[0].name}`)
      ctx.reply(helpOne(f))
    },
  })
}
