// Measures the house: file lengths, function lengths (with @swc/core's parser, so arrow functions,
// methods and object-literal handlers all count) and imports between folders.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, dirname, resolve } from 'node:path'
import { parseSync } from '@swc/core'

export const ROOT = join(import.meta.dirname, '..', '..')

export function tsFiles(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...tsFiles(p))
    else if (e.name.endsWith('.ts')) out.push(p)
  }
  return out.sort()
}

export const lineCount = (file: string) => readFileSync(join(ROOT, file), 'utf8').split('\n').length

export interface Fn { file: string; name: string; line: number; lines: number }

const FN_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'MethodProperty', 'Constructor', 'GetterProperty', 'SetterProperty'])

/** Every function in a file with its length in lines (from its first line to its last). */
export function functions(file: string): Fn[] {
  const src = readFileSync(join(ROOT, file), 'utf8')
  const mod = parseSync(src, { syntax: 'typescript', target: 'es2022' })
  // swc's spans count from a global offset that grows with every parse: make them file-relative (bytes)
  const base = mod.span.start - firstToken(src)
  const bytes = Buffer.from(src, 'utf8')
  const lineOf = (pos: number) => bytes.subarray(0, Math.max(0, pos - base)).toString('utf8').split('\n').length
  const out: Fn[] = []
  const visit = (node: unknown, name: string) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) { for (const n of node) visit(n, name); return }
    const n = node as Record<string, any>
    let here = name
    if (n.type === 'VariableDeclarator' && n.id?.value) here = n.id.value
    if ((n.type === 'KeyValueProperty' || n.type === 'MethodProperty' || n.type === 'ClassMethod') && n.key?.value) here = n.key.value
    if (n.type === 'FunctionDeclaration' && n.identifier?.value) here = n.identifier.value
    if (FN_TYPES.has(n.type) && n.span) {
      const line = lineOf(n.span.start)
      out.push({ file, name: here || '(anonymous)', line, lines: lineOf(n.span.end) - line + 1 })
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'span') visit(v, here)
  }
  visit(mod.body, '')
  return out
}

/** The byte offset of the first token (swc's module span starts there, after leading comments). */
function firstToken(src: string): number {
  let i = 0
  for (;;) {
    while (i < src.length && /\s/.test(src[i])) i++
    if (src.startsWith('//', i)) { i = src.indexOf('\n', i); if (i < 0) return Buffer.byteLength(src); continue }
    if (src.startsWith('/*', i)) { i = src.indexOf('*/', i) + 2; continue }
    return Buffer.byteLength(src.slice(0, i))
  }
}

/** Relative import specifiers of a file, resolved to repo paths. */
export function imports(file: string): string[] {
  const src = readFileSync(join(ROOT, file), 'utf8')
  const out: string[] = []
  for (const m of src.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(relative(ROOT, resolve(join(ROOT, dirname(file)), m[1])).replace(/\.js$/, '.ts'))
  }
  return out
}

export const isDir = (p: string) => { try { return statSync(join(ROOT, p)).isDirectory() } catch { return false } }
