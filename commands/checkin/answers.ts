// The extra check-in questions as residents answer them, in their own words: 抗原 (`阴`, `阴性`,
// `一条杠`, `两条杠`, `C线T线都有`, `T线有` = 阳性, `C线` alone = 阴性), 在家/外出 (`在家`, `出门了`,
// `上班` = 外出) and 症状 (`无症状`, `症状 咳嗽`). Pure: it takes the answer clauses out of a message
// (`36.5 阴 在家`, `抗原阴性`) and leaves the rest; chat that only mentions 抗原 has none.

export const QUESTIONS = ['抗原', '在家', '症状'] as const
export type Question = typeof QUESTIONS[number]
export type Answers = Partial<Record<Question, string>>

/** What admins may type for each question (`打卡 设置 问题 抗原 外出 症状`). */
const QUESTION_WORDS: Array<[RegExp, Question]> = [
  [/^(?:抗原(?:检测|自测|结果)?|自测)$/, '抗原'],
  [/^(?:在家(?:\/?外出)?|外出|去向|是否外出|是否在家)$/, '在家'],
  [/^(?:症状|有无症状|身体症状)$/, '症状'],
]

/** A cheap look before reading answers: a message without these has none. */
export const MAY_ANSWER = /阴|阳|杠|[CT]线|在家|居家|宅家|外出|出门|出去|上班|出差|症状|不适/i

export function questionOf(word: string): Question | null {
  return QUESTION_WORDS.find(([re]) => re.test(word))?.[1] ?? null
}

/** `抗原、在家` as the room's questions read in replies. */
export const questionsLabel = (qs: readonly Question[]) => qs.map(q => q === '在家' ? '在家/外出' : q).join('、')

// one answer token, tried in this order at each position of a clause (positives before negatives:
// `C线T线都有` before `C线`)
const ANSWER: Array<[RegExp, Question, string | null]> = [
  [/(?:C线?(?:和|跟|、)?T线?都有|C线T线都有|T线(?:也)?有|有T线|两条(?:杠|线|红线|横线)|两道(?:杠|线)|双杠|双线|阳性|阳了|阳(?=$|在家|居家|外出|出门|上班|无症状|没))/iy, '抗原', '阳性'],
  [/(?:T线(?:没有|没|不显示|没显示)|没有T线|只有(?:一条)?C线|C线(?:有)?|一条(?:杠|线|红线|横线)|一道(?:杠|线)|单杠|阴性|阴(?=$|在家|居家|外出|出门|上班|无症状|没))/iy, '抗原', '阴性'],
  [/(?:在家|居家|宅家|没(?:有)?出门|没(?:有)?出去|没(?:有)?外出|未外出|不出门|没出小区)/y, '在家', '在家'],
  [/(?:外出了?|出门了|出门|出去了|上班了?|去上班了?|出差了?)/y, '在家', '外出'],
  [/(?:无症状|没有?症状|无不适|没有?不适|无任何症状|症状(?:[:：]\s?)?(?:无|没有|正常))/y, '症状', '无'],
]
// words that may stand around answers: `今天抗原测了 阴性`, `全家都阴性`, `抗原结果：阴`
const FILLER = /(?:今天|今日|今早|早上|上午|抗原(?:检测|自测)?|自测|测了|做了|测的|结果|是|为|都|均|全家人?|我家|我们家|家里|本人|我|全部|了|的|[:：=])/y
// a clause ends at a space or a punctuation mark; `36.5阴` is split after the reading
const CLAUSE_BREAK = /[\s,，。;；、!！~]+/
const GLUED = /([\d℃度])(?=阴|阳|抗原|在家|居家|外出|出门|上班|无症状|症状|一条|两条|一道|两道|只有C|C线|T线)/gi
const SYMPTOM = /(?:^|\s)症状\s?[:：]?\s?(\S.*)$/

function take(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos
  return re.exec(s)
}

/** A clause made only of answers (and fillers): its answers ({} for fillers alone), else null. */
function clauseAnswers(clause: string, asked: ReadonlySet<Question>): Answers | null {
  const found: Answers = {}
  let pos = 0
  let any = false
  while (pos < clause.length) {
    const a = ANSWER.map(([re, q, v]) => [take(re, clause, pos), q, v, re] as const).find(([m, q]) => m && m[0].length && asked.has(q))
    if (a) {
      const [, q, v, re] = a
      if (found[q] && found[q] !== v) return null
      found[q] = v!
      any = true
      pos = re.lastIndex
      continue
    }
    const f = take(FILLER, clause, pos)
    if (!f || !f[0].length) return null
    pos = FILLER.lastIndex
  }
  return any ? found : {}
}

const isAnswer = (a: Answers | null): a is Answers => a !== null && Object.keys(a).length > 0

export interface Split { answers: Answers; rest: string }

/**
 * The answers to the asked questions in a normalised message and what is left of it (the reading,
 * or nothing); null when there is none. A `症状` clause takes the free text after it.
 */
export function splitAnswers(text: string, asked: readonly Question[]): Split | null {
  if (!asked.length) return null
  const set = new Set(asked)
  let t = text.replace(GLUED, '$1 ')
  const answers: Answers = {}
  if (set.has('症状')) {
    const s = SYMPTOM.exec(t)
    if (s) {
      const words = s[1].trim()
      const none = /^(?:无|没有|没|正常|无症状)$/.test(words)
      // the other answers may follow the symptoms: `症状 咳嗽 在家`
      const tail = words.split(CLAUSE_BREAK).filter(w => !isAnswer(clauseAnswers(w, set)))
      answers.症状 = none ? '无' : tail.join(' ')
      t = t.slice(0, s.index) + ' ' + words.split(CLAUSE_BREAK).filter(w => isAnswer(clauseAnswers(w, set))).join(' ')
      if (!answers.症状) return null
    }
  }
  const rest: string[] = []
  for (const clause of t.split(CLAUSE_BREAK).filter(Boolean)) {
    const a = clauseAnswers(clause, set)
    // `今天抗原测了 一道杠`: words around the answers go with them
    if (a && !isAnswer(a)) continue
    if (!a) { rest.push(clause); continue }
    for (const [q, v] of Object.entries(a) as Array<[Question, string]>) {
      if (answers[q] && answers[q] !== v && q !== '症状') return null
      answers[q] ??= v
    }
  }
  if (!Object.keys(answers).length) return null
  return { answers, rest: rest.join(' ') }
}

/** The message is nothing but answers (`抗原阴性`, `阴 在家`, `今天抗原测了 两条杠`). */
export function answersOnly(text: string, asked: readonly Question[]): Answers | null {
  const s = splitAnswers(text, asked)
  return s && !s.rest.trim() ? s.answers : null
}

/** Answers in the questions' order, so two exports of the same state are identical. */
export function ordered(a: Answers): Answers {
  return Object.fromEntries(QUESTIONS.filter(q => a[q] !== undefined).map(q => [q, a[q]]))
}

/** `抗原阴性 在家`: how a reply shows answers (to the sender or an admin, never the group). */
export function formatAnswers(a: Answers): string {
  return QUESTIONS.filter(q => a[q]).map(q => q === '症状' ? `症状${a[q]}` : q === '抗原' ? `抗原${a[q]}` : a[q]!).join(' ')
}

/** `36.5 阴性 在家 无症状`: the example a room's reminder and replies teach. */
export function answerExample(qs: readonly Question[]): string {
  const say: Record<Question, string> = { 抗原: '阴性', 在家: '在家', 症状: '无症状' }
  return ['36.5', ...qs.map(q => say[q])].join(' ')
}
