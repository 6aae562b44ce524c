// A family whose command fails on demand, for tests of group commit: `记 X` stores X in table notes
// (the test creates it) and replies; `记 炸` then throws, `记 错` is refused with a UserError.
import type { Family } from '../../src/types.js'
import { UserError } from '../../src/types.js'

export const notes: Family = {
  id: 'note',
  name: '记事',
  commands: [{
    name: 'note.add', where: 'room', who: 'anyone',
    parse: ctx => { const m = /^记 (.+)$/.exec(ctx.text); return m ? { body: m[1] } : null },
    run: (input, ctx) => {
      const { body } = input as { body: string }
      ctx.q('INSERT INTO notes (body) VALUES (?)').run(body)
      ctx.reply('记下了：' + body)
      if (body === '炸') throw new Error('boom')
      if (body === '错') throw new UserError('这条不行')
    },
  }],
}
