import { readFileSync } from 'node:fs'
import { it } from 'vitest'
import { run } from './checkin-helpers.js'
it('show', async () => {
  const out = await run(readFileSync(process.env.T!, 'utf8'))
  console.log(out.human)
  console.log(JSON.stringify(out.state.checkins))
})
