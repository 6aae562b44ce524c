// The registry checks the families at start: a second owner of a command name, job kind, file
// kind, export section or page, or a name off the `family.verb` style, stops the engine from
// being built, with a message naming both owners.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Registry, RegistryError } from '../src/registry.js'
import { defineCommand, defineFile, defineJob, type Family } from '../src/types.js'
import { families } from '../src/families.js'
import { makeEngine } from './helpers/engine.js'

const cmd = (name: string) => defineCommand<true, 'any'>({ name, where: 'any', who: 'anyone', parse: () => null, run() {} })
const job = (kind: string) => defineJob(kind, z.undefined(), () => {})
const file = (kind: string) => defineFile(kind, z.undefined(), async () => ({ name: 'x', data: Buffer.from('') }))

describe('registry', () => {
  it('accepts the real families', () => {
    const r = new Registry(families)
    expect(r.commands.length).toBeGreaterThan(30)
    expect([...r.jobs.keys()].every(k => /^[a-z]+\.[a-z0-9-]+$/.test(k))).toBe(true)
    expect(r.commands.every(c => /^[a-z]+\.[a-z0-9-]+$/.test(c.name))).toBe(true)
  })

  it('refuses to start with a duplicate command name and a duplicate job kind, naming both owners', () => {
    const intruder: Family = { id: 'chain2', name: '抢单', commands: [], jobs: [] }
    const dupCommand: Family = { ...intruder, commands: [{ ...cmd('chain.order'), name: 'chain.order' }] }
    // a command of another family's name is caught even before the style check would be
    expect(() => makeEngine([...families, dupCommand]))
      .toThrow('Duplicate command "chain.order": registered by family "chain" and by family "chain2"')
    const chain = families.find(f => f.id === 'chain')!
    const dupJob: Family = { ...intruder, jobs: [{ ...chain.jobs![0] }] }
    expect(() => makeEngine([...families, dupJob]))
      .toThrow(`Duplicate job kind "${chain.jobs![0].kind}": registered by family "chain" and by family "chain2"`)
    expect(() => makeEngine([...families, dupJob])).toThrow(RegistryError)
  })

  it('refuses duplicate file kinds, export sections and dashboard paths', () => {
    const a: Family = { id: 'a', name: 'A', commands: [], files: [file('a.sheet')], export: { sections: { things: () => [] } },
      pages: [{ path: '/things', render: () => ({ notFound: 'x' }) }] }
    expect(() => new Registry([a, { id: 'b', name: 'B', commands: [], files: [{ ...file('a.sheet') }] }]))
      .toThrow('Duplicate file kind "a.sheet": registered by family "a" and by family "b"')
    expect(() => new Registry([a, { id: 'b', name: 'B', commands: [], export: { sections: { things: () => [] } } }]))
      .toThrow('Duplicate export section "things": registered by family "a" and by family "b"')
    expect(() => new Registry([a, { id: 'b', name: 'B', commands: [], pages: [{ path: '/things', render: () => ({ notFound: 'x' }) }] }]))
      .toThrow('Duplicate dashboard path "/things": registered by family "a" and by family "b"')
  })

  it('refuses a command and a job with one name', () => {
    expect(() => new Registry([{ id: 'a', name: 'A', commands: [cmd('a.close')], jobs: [job('a.close')] }]))
      .toThrow('"a.close" is both a command (family "a") and a job kind (family "a")')
  })

  it.each([
    ['a command', { commands: [cmd('close')] }, 'The command "close" of family "a" must be named a.<verb>'],
    ['a command of another family', { commands: [cmd('b.close')] }, 'The command "b.close" of family "a"'],
    ['a job', { commands: [], jobs: [job('a.isoAsk')] }, 'The job kind "a.isoAsk" of family "a"'],
    ['a file', { commands: [], files: [file('sheet.xlsx')] }, 'The file kind "sheet.xlsx" of family "a"'],
  ])('holds %s to the family.verb style', (_what, parts, message) => {
    expect(() => new Registry([{ id: 'a', name: 'A', ...parts } as Family])).toThrow(message)
  })

  it('refuses two families with one id, or an id off the style', () => {
    expect(() => new Registry([{ id: 'a', name: 'A', commands: [] }, { id: 'a', name: 'B', commands: [] }])).toThrow('Two families have the id "a"')
    expect(() => new Registry([{ id: 'A-b', name: 'A', commands: [] }])).toThrow('ids are lower-case letters and digits')
  })
})
