// The corpus on both stores (part 1 of 2, so that the two halves run side by side): every labelled
// transcript of tests/corpus and the aid, care, chatter and check-in ones of tests/corpus/natural
// give the same bot messages and the same export on PostgreSQL as on SQLite.
import { CORPUS } from './helpers/paths.js'
import { differential, naturalHalf, transcripts } from './helpers/differential.js'

differential('SQLite and PostgreSQL alike: tests/corpus', transcripts(CORPUS))
differential('SQLite and PostgreSQL alike: tests/corpus/natural (aid, care, chatter, checkin)', naturalHalf(1))
