// Property tests (fast-check) under CI run one fixed seed, so a red build is the code's doing and can
// be replayed; a developer's run explores a new seed each time (fast-check prints it with any
// counterexample), and `npm run stress` explores many more. FUZZ_SEED=<n> replays one seed anywhere.
import fc from 'fast-check'

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20261202 : undefined
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
