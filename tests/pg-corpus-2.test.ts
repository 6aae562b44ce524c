// The corpus on both stores (part 2 of 2): the natural transcripts part 1 leaves (group-buys,
// notices, rotas) give the same bot messages and the same export on PostgreSQL as on SQLite.
import { differential, naturalHalf } from './helpers/differential.js'

differential('SQLite and PostgreSQL alike: tests/corpus/natural (group-buys, notices, rotas)', naturalHalf(2))
