// The house rules, checked: the repo stands alone (nothing names the product's sibling folder or
// reads above the repo root), commands/ is one folder per family composed in src/families.ts, src/
// imports no family except there, and no file or function grows past what one can read at once.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, functions, imports, isDir, lineCount, tsFiles } from './measure.js'
import { families } from '../../src/families.js'

const tracked = () => execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
const code = () => [...tsFiles('src'), ...tsFiles('commands')]

describe('the repo stands alone', () => {
  it('no file names the sibling folder a clone does not have', () => {
    const sibling = ['..', 'shared'].join('/')
    const naming = tracked().filter(f => !/\.(png|xlsx|db)$/.test(f))
      .filter(f => readFileSync(join(ROOT, f), 'utf8').includes(sibling))
    expect(naming).toEqual([])
  })

  it('no path in tests, bench or src climbs above the repo', () => {
    const above: string[] = []
    for (const f of [...code(), ...tsFiles('tests'), ...tsFiles('bench')]) {
      const src = readFileSync(join(ROOT, f), 'utf8')
      for (const m of src.matchAll(/new URL\('((?:\.\.\/)+)[^']*', import\.meta\.url\)/g)) {
        if (!resolve(join(ROOT, f, '..'), m[1]).startsWith(ROOT)) above.push(`${f}: ${m[0]}`)
      }
      for (const m of src.matchAll(/join\((?:import\.meta\.dirname|HERE)((?:, '\.\.')+)/g)) {
        const ups = m[1].split(',').filter(s => s.includes('..')).length
        if (!resolve(join(ROOT, f, '..'), ...Array(ups).fill('..')).startsWith(ROOT)) above.push(`${f}: ${m[0]}`)
      }
    }
    expect(above).toEqual([])
  })

  it('the corpus, the transcript format and the export format are in the repo', () => {
    for (const f of ['tests/corpus/not-commands.txt', 'tests/corpus/groupbuy.txt', 'docs/transcript.md', 'docs/export.md', 'docs/contributing.md']) {
      expect(tracked(), f).toContain(f)
    }
    expect(readdirSync(join(ROOT, 'tests/corpus/natural')).filter(f => f.endsWith('.txt')).length).toBeGreaterThan(10)
  })
})

describe('one folder per family', () => {
  it('commands/ holds family folders and no loose files', () => {
    const entries = readdirSync(join(ROOT, 'commands'))
    expect(entries.filter(e => !isDir(join('commands', e)))).toEqual([])
    expect(entries.sort()).toEqual(families.map(f => f.id).sort())
  })

  it('every family folder exports its family from index.ts', async () => {
    for (const f of families) {
      const mod = await import(join(ROOT, 'commands', f.id, 'index.ts')) as Record<string, unknown>
      expect(Object.values(mod).some(v => v === f || typeof v === 'function'), f.id).toBe(true)
    }
  })

  it('src/ imports commands/ only in the composition root', () => {
    const offenders = tsFiles('src').filter(f => f !== 'src/families.ts')
      .flatMap(f => imports(f).filter(i => i.startsWith('commands/')).map(i => `${f} → ${i}`))
    expect(offenders).toEqual([])
  })

  it('a family uses only the parts of src/ that docs/contributing.md lists', () => {
    const open = ['src/types.ts', 'src/time.ts', 'src/config.ts', 'src/export.ts', 'src/store/db.ts', 'src/understand/reading.ts',
      'src/schedule.ts', 'src/dashboard/html.ts', 'src/dashboard/read.ts']
    const extra: Record<string, string[]> = { core: ['src/outbox-rows.ts', 'src/people.ts'], dashboard: ['src/dashboard/auth.ts'] }
    const offenders = tsFiles('commands').flatMap(f => {
      const own = f.split('/')[1]
      return imports(f).filter(i => i.startsWith('src/') && !i.startsWith('src/text/') && !open.includes(i) && !(extra[own] ?? []).includes(i))
        .map(i => `${f} → ${i}`)
    })
    expect(offenders).toEqual([])
  })

  it('a family imports no other family (shared code lives in src/)', () => {
    const offenders = tsFiles('commands').flatMap(f => {
      const own = f.split('/')[1]
      return imports(f).filter(i => i.startsWith('commands/') && i.split('/')[1] !== own).map(i => `${f} → ${i}`)
    })
    expect(offenders).toEqual([])
  })
})

describe('no dead scaffolding', () => {
  it('every export of src/ and commands/ is used by another file', () => {
    const all = [...code(), ...tsFiles('tests'), ...tsFiles('bench')]
    const text = new Map(all.map(f => [f, readFileSync(join(ROOT, f), 'utf8')]))
    const unused: string[] = []
    for (const f of code()) {
      for (const m of text.get(f)!.matchAll(/^export (?:async )?(?:function|const|class|interface|type|let)\s+(\w+)/gm)) {
        const word = new RegExp(`\\b${m[1]}\\b`)
        if (!all.some(g => g !== f && word.test(text.get(g)!))) unused.push(`${f}: ${m[1]}`)
      }
    }
    expect(unused).toEqual([])
  })
})

describe('readable sizes', () => {
  it('no file in src/ or commands/ is over 300 lines', () => {
    expect(code().filter(f => lineCount(f) > 300).map(f => `${f}: ${lineCount(f)}`)).toEqual([])
  })

  it('no function in src/ or commands/ is over 60 lines', () => {
    const long = code().flatMap(f => functions(f)).filter(fn => fn.lines > 60)
    expect(long.map(fn => `${fn.file}:${fn.line} ${fn.name} (${fn.lines})`)).toEqual([])
  })

  it('the measure sees long functions (it can fail)', () => {
    const fns = functions('src/engine.ts')
    // route and run are each a screenful: the measure counts their lines, not one per function
    expect(fns.find(f => f.name === 'route')!.lines).toBeGreaterThan(15)
    expect(fns.find(f => f.name === 'run')!.lines).toBeGreaterThan(15)
    expect(fns.length).toBeGreaterThan(20)
  })
})
