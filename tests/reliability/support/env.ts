// Imported first by run.ts, before anything loads the SDK: no slow-request chatter in the suite's output.
process.env.SILENCE ||= 'true'
