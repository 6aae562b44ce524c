// A child for tests/session-card.test.ts: saves the session's memory card as fast as it can, each
// time with a different and larger payload, until killed. Prints `saving` once it has begun.
import { sessionMemory } from '../../src/session-card.js'

const card = await sessionMemory(process.argv[2])
const puppet = card.multiplex('puppet')
process.stdout.write('saving\n')
for (let i = 0; ; i++) {
  await puppet.set('botData', { i, cookies: 'x'.repeat(1000 + (i % 5000)) })
  await card.save()
}
